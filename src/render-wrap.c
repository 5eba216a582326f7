/* render-wrap.c: blocks wrapped into lines of at most a width in columns.
 *
 * Columns are counted per grapheme-like cluster: a character with the
 * combining marks, joiners, variation selectors and emoji modifiers that
 * follow it, so nothing is ever split inside a user-perceived character.
 * Lines break at spaces, after hyphens and slashes, at soft hyphens
 * (drawn as "-"), at zero-width spaces and around wide (CJK) characters;
 * a word longer than the line is cut at a cluster boundary. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "render-int.h"
#include "utf8.h"

struct seg {
	size_t		 start;
	size_t		 end;
	int		 hyph;		/* broken at a soft hyphen */
};

struct wrap {
	struct render_doc *doc;
	int		 width;
	int		*truncated;
	uint32_t	*cidx;		/* visible characters before each byte */
	size_t		 ncidx;
	struct seg	*segs;
	size_t		 nsegs;
	size_t		 segs_cap;
	size_t		*mchars;	/* each line's margin in characters */
	size_t		 mchars_cap;
	size_t		 first_line;	/* the block's first line in doc */
	size_t		 max_lines;
};

/* Columns of a character, remembered for the Basic Multilingual Plane:
 * wcwidth is slow and an article repeats its alphabet.  The locale is set
 * once, before anything is rendered. */
static int
width_of(uint32_t cp)
{
	static signed char memo[0x10000];	/* width + 1; 0: not known */

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp >= 0x10000)
		return utf8_cp_width(cp);
	if (memo[cp] == 0)
		memo[cp] = (signed char)(utf8_cp_width(cp) + 1);
	return memo[cp] - 1;
}

/* Characters that are break opportunities and are never drawn. */
static int
is_invisible(uint32_t cp)
{
	return cp == 0xAD || cp == 0x200B;
}

static int
is_regional(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Whether c joins the cluster that prev ends. */
static int
joins(uint32_t prev, uint32_t c, int nri)
{
	if (c < 0x300 && prev != 0x200D)
		return 0;	/* nothing below U+0300 joins */
	if (c == '\n' || is_invisible(c))
		return 0;
	if (prev == 0x200D || c == 0x200D)
		return 1;
	if (c >= 0x1F3FB && c <= 0x1F3FF)
		return 1;	/* skin tone */
	if (is_regional(prev) && is_regional(c) && nri == 1)
		return 1;	/* a flag is two indicators */
	return width_of(c) == 0 && !utf8_is_control(c);
}

/* The bytes of the cluster at i; its width (the sum of its characters',
 * as utf8_width counts) and first character. */
static size_t
cluster(const char *s, size_t len, size_t i, int *width, uint32_t *first)
{
	uint32_t cp, c;
	size_t j, m;
	int w, nri;

	if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F &&
	    (i + 1 >= len || (unsigned char)s[i + 1] < 0x80)) {
		*first = (unsigned char)s[i];	/* plain ASCII: the usual */
		*width = 1;
		return 1;
	}
	j = i + utf8_decode_fast(s + i, len - i, &cp);
	*first = cp;
	if (cp == '\n' || is_invisible(cp)) {
		*width = 0;
		return j - i;
	}
	w = cp == '\t' ? 1 : width_of(cp);
	nri = is_regional(cp);
	while (j < len) {
		if ((unsigned char)s[j] < 0x80 && cp != 0x200D)
			break;	/* as joins() says: nothing below U+0300 */
		m = utf8_decode_fast(s + j, len - j, &c);
		if (!joins(cp, c, nri))
			break;
		w += width_of(c);
		nri += is_regional(c);
		cp = c;
		j += m;
	}
	*width = w;
	return j - i;
}

static uint32_t
next_cp(const char *t, size_t len, size_t i)
{
	uint32_t cp = 0;

	if (i < len)
		utf8_decode_fast(t + i, len - i, &cp);
	return cp;
}

static size_t
skip_spaces(const char *t, size_t len, size_t i)
{
	while (i < len && t[i] == ' ')
		i++;
	return i;
}

/* Kinsoku: CJK punctuation that may not start a line, and brackets that
 * may not end one. */
static int
no_line_start(uint32_t c)
{
	static const uint32_t v[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09, 0x3011,
		0xFF01, 0xFF1F, 0xFF1A, 0xFF1B, 0x30FC, 0x3009, 0x300B, 0x3015,
		0x3063, 0x30C3, 0x3083, 0x3085, 0x3087, 0x30E3, 0x30E5, 0x30E7,
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(v); i++)
		if (v[i] == c)
			return 1;
	return 0;
}

static int
no_line_end(uint32_t c)
{
	return c == 0x300C || c == 0x300E || c == 0xFF08 || c == 0x3010 ||
	    c == 0x3008 || c == 0x300A || c == 0x3014;
}

/* The bytes that may continue a plain word: printable ASCII but the
 * space and the break opportunities '-' and '/'. */
static const unsigned char word_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0,	/* ' ' - / */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,	/* DEL */
};

/* The length of the run of ASCII letters, digits and punctuation at i
 * that holds no break opportunity (space, '-', '/') and whose last
 * character cannot take a combining mark from a following byte: each of
 * its characters is a cluster one column wide that only counts. */
static size_t
word_run(const char *t, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && word_byte[(unsigned char)t[j]])
		j++;
	if (j < len && (unsigned char)t[j] >= 0x80 && j > i)
		j--;		/* the last may join what follows */
	return j - i;
}

/* Finds the line starting at pos; returns where the next one starts. */
static size_t
next_line(const char *t, size_t len, size_t pos, int avail, struct seg *sg)
{
	size_t i = pos, j, bend = 0, bnext = 0, run;
	int col = 0, w, have = 0, bh = 0;
	uint32_t cp, prev = ' ';

	sg->start = pos;
	sg->hyph = 0;
	while (i < len) {
		/* A plain word as a whole, as far as it fits: what the
		 * character-by-character loop below does with it. */
		if ((run = word_run(t, len, i)) > 0 && col < avail) {
			if (run > (size_t)(avail - col))
				run = (size_t)(avail - col);
			col += (int)run;
			i += run;
			prev = (unsigned char)t[i - 1];
			continue;
		}
		if (t[i] == ' ' && (i + 1 >= len ||
		    (unsigned char)t[i + 1] < 0x80)) {
			have = 1;	/* a space, as below */
			bend = i;
			bnext = skip_spaces(t, len, i + 1);
			bh = 0;
			if (col + 1 > avail)
				break;
			col++;
			prev = ' ';
			i++;
			continue;
		}
		j = i + cluster(t, len, i, &w, &cp);
		if (cp == '\n') {
			sg->end = i;
			return j;
		}
		if (cp == 0xAD || cp == 0x200B) {
			if (cp == 0x200B || col + 1 <= avail) {
				have = 1;
				bend = i;
				bnext = j;
				bh = cp == 0xAD;
			}
			i = j;
			continue;
		}
		if (cp == ' ' || (w == 2 && i > pos && !no_line_start(cp) &&
		    !no_line_end(prev))) {
			have = 1;
			bend = i;
			bnext = cp == ' ' ? skip_spaces(t, len, j) : i;
			bh = 0;
			if (cp == ' ' && col + 1 > avail)
				break;
		}
		if (col + w > avail) {
			if (!have && i == pos)
				i = j;	/* one cluster wider than the line */
			break;
		}
		col += w;
		if ((w == 2 && !no_line_end(cp) && !no_line_start(
		    next_cp(t, len, j))) || ((cp == '-' || cp == '/' ||
		    cp == 0x2010 || cp == 0x2013 || cp == 0x2014) &&
		    prev != ' ')) {
			have = 1;
			bend = bnext = j;
			bh = 0;
		}
		prev = cp;
		i = j;
	}
	if (i >= len) {
		sg->end = len;
		return len;
	}
	if (!have) {
		sg->end = i;
		return i;
	}
	sg->end = bend;
	sg->hyph = bh;
	return bnext;
}

static struct render_line *
new_line(struct wrap *wr)
{
	struct render_doc *d = wr->doc;
	size_t n = d->nlines;

	if (n >= wr->max_lines) {
		*wr->truncated = 1;
		return NULL;
	}
	if (n == 0 || (n & (n - 1)) == 0)
		d->lines = xreallocarray(d->lines, n == 0 ? 8 : n * 2,
		    sizeof *d->lines);
	memset(&d->lines[n], 0, sizeof d->lines[n]);
	d->nlines++;
	return &d->lines[n];
}

static void
line_span(struct render_line *l, size_t start, size_t end,
    enum render_role role)
{
	if (start >= end)
		return;
	l->spans = render_grow(l->spans, l->nspans, sizeof *l->spans);
	l->spans[l->nspans].start = start;
	l->spans[l->nspans].end = end;
	l->spans[l->nspans].role = role;
	l->nspans++;
}

static size_t
count_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A margin cut to at most half the width, so deep nesting leaves room. */
static char *
fit_margin(const char *m, int width)
{
	size_t i = 0, n;
	int col = 0, w;
	uint32_t cp;

	while (m[i] != '\0') {
		n = utf8_decode(m + i, strlen(m + i), &cp);
		w = utf8_cp_width(cp);
		if (col + w > width / 2)
			break;
		col += w;
		i += n;
	}
	return xstrndup(m, i);
}

/* Starts a line with its margin; returns the margin's length in chars. */
static struct render_line *
margin_line(struct wrap *wr, const struct rblock *b, const char *margin,
    size_t room, struct buf *out, size_t *mchars)
{
	struct render_line *l = new_line(wr);
	size_t ml = strlen(margin);

	if (l == NULL)
		return NULL;
	buf_init(out, 0);
	out->size = ml + room + 1;	/* the line's size, allocated once */
	out->data = xmalloc(out->size);
	buf_add(out, margin, ml);
	*mchars = count_chars(margin);
	if (b->quote)
		line_span(l, 0, *mchars, ROLE_QUOTE);
	return l;
}

/* Counts the visible characters before each byte of the block; returns
 * how many invisible ones (soft hyphens, zero-width spaces) it holds. */
static size_t
build_cidx(struct wrap *wr, const struct rblock *b)
{
	size_t i, n, c = 0, k, invisible = 0;
	uint32_t cp;

	if (wr->ncidx < b->len + 1) {
		wr->ncidx = b->len + 1;
		wr->cidx = xreallocarray(wr->cidx, wr->ncidx,
		    sizeof *wr->cidx);
	}
	for (i = 0; i < b->len; i += n) {
		if ((unsigned char)b->text[i] < 0x80) {
			n = 0;
			while (i + n + 8 <= b->len && (render_load8(b->text +
			    i + n) & RENDER_HIGHS) == 0) {
				for (k = 0; k < 8; k++)	/* eight at once */
					wr->cidx[i + n + k] = c + k;
				c += 8;
				n += 8;
			}
			while (i + n < b->len &&
			    (unsigned char)b->text[i + n] < 0x80)
				wr->cidx[i + n++] = c++;
			continue;
		}
		n = utf8_decode_fast(b->text + i, b->len - i, &cp);
		for (k = 0; k < n; k++)
			wr->cidx[i + k] = c;
		c += !is_invisible(cp);
		invisible += is_invisible(cp);
	}
	wr->cidx[b->len] = c;
	return invisible;
}

/* Copies text[a..e) without its invisible characters (a stray tab is
 * a space).  Byte by byte: U+00AD and U+200B are the only sequences
 * dropped, and their lead bytes never occur inside another character. */
static void
add_visible(struct buf *out, const char *t, size_t a, size_t e)
{
	const unsigned char *u = (const unsigned char *)t;
	char *d;

	if (out->len + (e - a) + 1 > out->size) {
		out->size = out->len + (e - a) + 1;
		out->data = xreallocarray(out->data, out->size, 1);
	}
	d = out->data + out->len;
	while (a < e) {
		if (u[a] == '\t') {
			*d++ = ' ';
			a++;
		} else if (u[a] == 0xC2 && a + 1 < e && u[a + 1] == 0xAD)
			a += 2;
		else if (u[a] == 0xE2 && a + 2 < e && u[a + 1] == 0x80 &&
		    u[a + 2] == 0x8B)
			a += 3;
		else
			*d++ = (char)u[a++];
	}
	*d = '\0';
	out->len = (size_t)(d - out->data);
}

/* Each block span lands on the lines it crosses. */
static void
place_spans(struct wrap *wr, const struct rblock *b, const size_t *mchars)
{
	size_t s, lo, hi, mid, k, a, e;
	const struct rspan *sp;
	struct render_line *l;

	for (s = 0; s < b->nspans; s++) {
		sp = &b->spans[s];
		lo = 0;
		hi = wr->nsegs;
		while (lo < hi) {	/* the first line ending after start */
			mid = (lo + hi) / 2;
			if (wr->segs[mid].end <= sp->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < wr->nsegs && wr->segs[k].start < sp->end;
		    k++) {
			a = sp->start > wr->segs[k].start ? sp->start :
			    wr->segs[k].start;
			e = sp->end < wr->segs[k].end ? sp->end :
			    wr->segs[k].end;
			if (a >= e)
				continue;
			l = &wr->doc->lines[wr->first_line + k];
			line_span(l, mchars[k] + wr->cidx[a] -
			    wr->cidx[wr->segs[k].start], mchars[k] +
			    wr->cidx[e] - wr->cidx[wr->segs[k].start],
			    sp->role);
		}
	}
}

static void
add_seg(struct wrap *wr, const struct seg *sg)
{
	if (wr->nsegs == wr->segs_cap) {
		wr->segs_cap = wr->segs_cap == 0 ? 16 : wr->segs_cap * 2;
		wr->segs = xreallocarray(wr->segs, wr->segs_cap,
		    sizeof *wr->segs);
	}
	wr->segs[wr->nsegs++] = *sg;
}

static void
wrap_para(struct wrap *wr, const struct rblock *b, const char *first,
    const char *margin, int avail)
{
	size_t pos = 0, k, *mchars;
	struct seg sg;
	struct buf out;
	struct render_line *l;
	int plain;

	/* A block without tabs and invisible characters is copied to its
	 * lines as it is. */
	plain = build_cidx(wr, b) == 0 && memchr(b->text, '\t', b->len) == NULL;
	wr->nsegs = 0;
	while (pos < b->len) {
		pos = next_line(b->text, b->len, pos, avail, &sg);
		add_seg(wr, &sg);
	}
	if (wr->mchars_cap < wr->nsegs + 1) {	/* kept for the next block */
		wr->mchars_cap = wr->nsegs + 1;
		wr->mchars = xreallocarray(wr->mchars, wr->mchars_cap,
		    sizeof *wr->mchars);
	}
	mchars = wr->mchars;
	wr->first_line = wr->doc->nlines;
	for (k = 0; k < wr->nsegs; k++) {
		l = margin_line(wr, b, k == 0 ? first : margin,
		    wr->segs[k].end - wr->segs[k].start + 1, &out, &mchars[k]);
		if (l == NULL) {
			wr->nsegs = k;
			break;
		}
		if (plain)
			buf_add(&out, b->text + wr->segs[k].start,
			    wr->segs[k].end - wr->segs[k].start);
		else
			add_visible(&out, b->text, wr->segs[k].start,
			    wr->segs[k].end);
		if (wr->segs[k].hyph)
			buf_addc(&out, '-');
		l->text = buf_steal(&out);
	}
	place_spans(wr, b, mchars);
}

/* One line of preformatted text: tabs expanded, clipped with a marker. */
static void
pre_line(struct wrap *wr, const struct rblock *b, const char *margin,
    int avail, size_t a, size_t e)
{
	struct render_line *l;
	struct buf out;
	size_t mc, i, n, start;
	int col = 0, w, total = 0;
	uint32_t cp;

	for (i = a; i < e; i += n) {
		n = cluster(b->text, e, i, &w, &cp);
		total += cp == '\t' ? 8 - total % 8 : w;
	}
	if ((l = margin_line(wr, b, margin, (e - a) * 8 + 4, &out, &mc)) ==
	    NULL)
		return;
	start = mc;
	for (i = a; i < e; i += n) {
		n = cluster(b->text, e, i, &w, &cp);
		if (cp == '\t')
			w = 8 - col % 8;
		if (col + w > (total > avail ? avail - 1 : avail))
			break;
		if (cp == '\t')
			buf_printf(&out, "%*s", w, "");
		else
			add_visible(&out, b->text, i, i + n);
		col += w;
	}
	l->text = buf_steal(&out);
	line_span(l, start, count_chars(l->text), ROLE_CODE);
	if (total > avail) {
		n = count_chars(l->text);
		l->text = xreallocarray(l->text, strlen(l->text) + 4, 1);
		strcat(l->text, "…");
		line_span(l, n, n + 1, ROLE_NOTE);
	}
}

static void
wrap_pre(struct wrap *wr, const struct rblock *b, const char *margin,
    int avail)
{
	size_t a = 0, e;

	while (a <= b->len && !*wr->truncated) {
		e = a;
		while (e < b->len && b->text[e] != '\n')
			e++;
		pre_line(wr, b, margin, avail, a, e);
		a = e + 1;
	}
}

static void
wrap_rule(struct wrap *wr, const struct rblock *b, const char *margin,
    int avail)
{
	struct render_line *l;
	struct buf out;
	size_t mc;
	int i;

	if ((l = margin_line(wr, b, margin, (size_t)avail * 3, &out, &mc)) ==
	    NULL)
		return;
	for (i = 0; i < avail; i++)
		buf_adds(&out, "─");
	l->text = buf_steal(&out);
	line_span(l, mc, mc + (size_t)avail, ROLE_RULE);
}

static void
wrap_block(struct wrap *wr, const struct rblock *b)
{
	char *mm = b->margin[0] != '\0' ? fit_margin(b->margin, wr->width) :
	    NULL;
	char *fm = b->first != NULL ? fit_margin(b->first, wr->width) : NULL;
	const char *margin = mm != NULL ? mm : "";
	const char *first = fm != NULL ? fm : margin;
	size_t mw = utf8_width(margin, strlen(margin));
	size_t fw = utf8_width(first, strlen(first));
	int avail = wr->width - (int)(mw > fw ? mw : fw);

	switch (b->kind) {
	case BLOCK_PARA:
		wrap_para(wr, b, first, margin, avail);
		break;
	case BLOCK_PRE:
		wrap_pre(wr, b, margin, avail);
		break;
	case BLOCK_RULE:
		wrap_rule(wr, b, margin, avail);
		break;
	}
	free(mm);
	free(fm);
}

/* The blank line between two blocks; inside one blockquote it keeps the
 * bar. */
static void
blank_line(struct wrap *wr, struct render_line *l, const struct rblock *a,
    const struct rblock *b)
{
	char *m;
	size_t n;

	if (b->group == 0 || a->group != b->group) {
		l->text = xstrdup("");
		return;
	}
	m = fit_margin(b->margin, wr->width);
	for (n = 0; m[n] != '\0' && m[n] == a->margin[n]; n++)
		;			/* what the two margins share */
	while (n > 0 && ((unsigned char)m[n] & 0xC0) == 0x80)
		n--;
	m[n] = '\0';
	while (n > 0 && m[n - 1] == ' ')
		m[--n] = '\0';
	l->text = m;
	line_span(l, 0, count_chars(m), ROLE_QUOTE);
}

void
render_wrap(const struct rblocks *bl, int width, struct render_doc *doc,
    int *truncated)
{
	struct wrap wr;
	struct render_line *l;
	size_t i;

	memset(&wr, 0, sizeof wr);
	wr.doc = doc;
	wr.width = width;
	wr.truncated = truncated;
	wr.max_lines = RENDER_MAX_LINES;
	for (i = 0; i < bl->n && !*truncated; i++) {
		if (i > 0 && (bl->v[i].compact == 0 ||
		    bl->v[i - 1].compact != bl->v[i].compact)) {
			if ((l = new_line(&wr)) == NULL)
				break;
			blank_line(&wr, l, &bl->v[i - 1], &bl->v[i]);
		}
		wrap_block(&wr, &bl->v[i]);
	}
	free(wr.cidx);
	free(wr.segs);
	free(wr.mchars);
}

void
render_note(struct render_doc *doc, const char *text, int width)
{
	struct wrap wr;
	struct rblock b;
	int truncated = 0;

	memset(&wr, 0, sizeof wr);
	memset(&b, 0, sizeof b);
	wr.doc = doc;
	wr.width = width;
	wr.truncated = &truncated;
	b.text = (char *)text;
	b.len = strlen(text);
	render_block_span(&b, 0, b.len, ROLE_NOTE);
	wr.max_lines = (size_t)-1;	/* a note is always shown */
	wrap_para(&wr, &b, "", "", width);
	free(b.spans);
	free(wr.cidx);
	free(wr.segs);
	free(wr.mchars);
}
