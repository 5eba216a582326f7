/* quote.c: pairing quotation marks the way a reader does.
 *
 * One pass over a paragraph keeps a stack of open marks.  Each mark is
 * judged by its neighbours (a mark after a space and before a word opens,
 * one after a word closes), by what is open (“ closes „ but opens
 * otherwise) and, for the marks that double as apostrophes and inch marks,
 * by the shapes those take (letters on both sides, a digit before, known
 * elisions).  Only the outermost quotations become spans: a nested one is
 * part of its parent. */
#include "config.h"

#include "quote.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "util.h"

#define QUOTE_MAX_DEPTH	64
/* How far ahead a possessive plural (students’ union) looks for a better
 * closing mark. */
#define QUOTE_LOOKAHEAD	400

struct qentry {
	uint32_t	 open;
	size_t		 pos;
	size_t		 mlen;
	const struct quote_range *forced;
};

struct qscan {
	const char	*text;
	size_t		 len;
	struct qentry	 stack[QUOTE_MAX_DEPTH];
	int		 depth;
	struct quote_span *spans;
	size_t		 nspans;
};

/* Each opening mark and the marks that may close it. */
static const struct {
	uint32_t	 open;
	uint32_t	 close1;
	uint32_t	 close2;
} quote_pairs[] = {
	{ 0x201C, 0x201D, 0 },		/* “…” */
	{ 0x201E, 0x201C, 0x201D },	/* „…“ „…” */
	{ 0x201D, 0x201D, 0 },		/* ”…” */
	{ 0x00AB, 0x00BB, 0 },		/* «…» */
	{ 0x00BB, 0x00AB, 0 },		/* »…« */
	{ 0x2039, 0x203A, 0 },		/* ‹…› */
	{ 0x203A, 0x2039, 0 },		/* ›…‹ */
	{ 0x300C, 0x300D, 0 },		/* 「…」 */
	{ 0x300E, 0x300F, 0 },		/* 『…』 */
	{ '"', '"', 0 },
	{ 0x2018, 0x2019, 0 },		/* ‘…’ */
	{ 0x201A, 0x2018, 0x2019 },	/* ‚…‘ ‚…’ */
	{ '\'', '\'', 0 },
};

/* Words that start with an apostrophe (’em, ’til, ’n’). */
static const char *const quote_elisions[] = {
	"em", "til", "cause", "tis", "twas", "bout", "n",
};

int
quote_is_mark(uint32_t cp)
{
	size_t i;

	if (cp < 0x80)
		return cp == '"' || cp == '\'';
	if (cp != 0xAB && cp != 0xBB && (cp < 0x2018 || cp > 0x203A) &&
	    (cp < 0x300C || cp > 0x300F))
		return 0;
	for (i = 0; i < ARRAYSIZE(quote_pairs); i++) {
		if (cp == quote_pairs[i].open || cp == quote_pairs[i].close1)
			return 1;
	}
	return cp == 0x300D || cp == 0x300F;
}

static int
quote_closes(uint32_t open, uint32_t c)
{
	size_t i;

	for (i = 0; i < ARRAYSIZE(quote_pairs); i++) {
		if (quote_pairs[i].open == open)
			return c == quote_pairs[i].close1 ||
			    (quote_pairs[i].close2 != 0 &&
			    c == quote_pairs[i].close2);
	}
	return 0;
}

static int
is_space(uint32_t cp)
{
	return cp == 0 || cp == ' ' || cp == '\n' || cp == '\t' ||
	    cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B) ||
	    cp == 0x3000;
}

static int
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* Letters of any script, roughly: what is neither ASCII punctuation, a
 * space, a mark, general punctuation nor CJK punctuation. */
static int
is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (is_space(cp) || quote_is_mark(cp))
		return 0;
	if (cp >= 0x2000 && cp <= 0x206F)
		return 0;
	if (cp >= 0x3000 && cp <= 0x303F)
		return 0;
	return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
}

static int
is_open_punct(uint32_t cp)
{
	return cp == '(' || cp == '[' || cp == '{' || cp == '-' ||
	    cp == '/' || cp == 0x2013 || cp == 0x2014 || quote_is_mark(cp);
}

static int
is_close_punct(uint32_t cp)
{
	return cp == '.' || cp == ',' || cp == ';' || cp == ':' ||
	    cp == '!' || cp == '?' || cp == ')' || cp == ']' || cp == '}' ||
	    cp == '-' || cp == '/' || cp == 0x2026 || cp == 0x2013 ||
	    cp == 0x2014 || quote_is_mark(cp);
}

static int
left_flank(uint32_t p, uint32_t n)
{
	return !is_space(n) && (is_space(p) || is_open_punct(p));
}

static int
right_flank(uint32_t p, uint32_t n)
{
	return !is_space(p) && (is_space(n) || is_close_punct(n));
}

static uint32_t
cp_at(const struct qscan *q, size_t i, size_t *n)
{
	uint32_t cp;
	size_t used;

	if (i >= q->len) {
		if (n != NULL)
			*n = 0;
		return 0;
	}
	used = utf8_decode_fast(q->text + i, q->len - i, &cp);
	if (n != NULL)
		*n = used;
	return cp;
}

/* True when the apostrophe at i (of mlen bytes) starts an elided word:
 * ’90s, ’em, ’n’.  *skip gets the bytes to pass over. */
static int
is_elision(const struct qscan *q, size_t i, size_t mlen, size_t *skip)
{
	size_t j = i + mlen, k, wl, n;
	uint32_t c;

	*skip = mlen;
	if (is_digit(cp_at(q, j, NULL)))
		return 1;
	for (k = 0; k < ARRAYSIZE(quote_elisions); k++) {
		wl = strlen(quote_elisions[k]);
		if (j + wl > q->len ||
		    strncasecmp(q->text + j, quote_elisions[k], wl) != 0)
			continue;
		c = cp_at(q, j + wl, &n);
		if (wl == 1 && (c == 0x2019 || c == '\'')) {
			*skip = j + wl + n - i;	/* ’n’ as a whole */
			return 1;
		}
		if (wl > 1 && !is_letter(c))
			return 1;
	}
	return 0;
}

/* Finds the nearest open entry that c closes, not looking past a forced
 * range (a <q> closes only at its own end). */
static int
find_opener(const struct qscan *q, uint32_t c)
{
	int k;

	for (k = q->depth - 1; k >= 0; k--) {
		if (q->stack[k].forced != NULL)
			return -1;
		if (quote_closes(q->stack[k].open, c))
			return k;
	}
	return -1;
}

static void
push(struct qscan *q, uint32_t open, size_t pos, size_t mlen,
    const struct quote_range *forced)
{
	struct qentry *e;

	if (q->depth >= QUOTE_MAX_DEPTH)
		return;
	e = &q->stack[q->depth++];
	e->open = open;
	e->pos = pos;
	e->mlen = mlen;
	e->forced = forced;
}

static void
add_span(struct qscan *q, size_t start, size_t end, size_t is, size_t ie,
    uint32_t open, int closed)
{
	struct quote_span *s;
	size_t a = is;

	while (a < ie && is_space(cp_at(q, a, NULL)))
		a++;
	if (a >= ie)
		return;		/* nothing inside the marks */
	q->spans = xreallocarray(q->spans, q->nspans + 1, sizeof *q->spans);
	s = &q->spans[q->nspans++];
	s->start = start;
	s->end = end;
	s->inner_start = is;
	s->inner_end = ie;
	s->open = open;
	s->closed = closed;
}

/* Closes entry k with the mark at i..i+mlen; only an outermost quotation
 * becomes a span. */
static void
close_at(struct qscan *q, int k, size_t i, size_t mlen)
{
	struct qentry *e = &q->stack[k];

	if (k == 0)
		add_span(q, e->pos, i + mlen, e->pos + e->mlen, i,
		    e->forced != NULL ? 0 : e->open, 1);
	q->depth = k;
}

/* A possessive plural (students’ union) when a later mark could close
 * the quotation instead. */
static int
is_possessive(const struct qscan *q, size_t i, size_t mlen, uint32_t c,
    uint32_t p, uint32_t n)
{
	size_t j, end, w;
	uint32_t a, b, x;

	if ((p != 's' && p != 'S') || n != ' ')
		return 0;
	if (!is_letter(cp_at(q, i + mlen + 1, NULL)))
		return 0;
	end = i + QUOTE_LOOKAHEAD < q->len ? i + QUOTE_LOOKAHEAD : q->len;
	b = 0;
	for (j = i + mlen; j < end; j += w) {
		x = cp_at(q, j, &w);
		if (x == c) {
			a = b;
			if (!is_space(a) && !is_letter(cp_at(q, j + w, NULL)))
				return 1;
		}
		b = x;
	}
	return 0;
}

/* The single marks: ‘ ’ ' — quotation marks only in clear cases. */
static size_t
scan_single(struct qscan *q, size_t i, size_t mlen, uint32_t c, uint32_t p,
    uint32_t n)
{
	size_t skip;
	int k;

	if (is_letter(p) && is_letter(n))
		return mlen;		/* don't, Ukraine’s */
	if (c != 0x2019 && (is_space(p) || is_open_punct(p)) &&
	    is_elision(q, i, mlen, &skip))
		return skip;		/* ’90s, 'em, ‘n’ */
	if (c == 0x2019 && is_space(p) && is_elision(q, i, mlen, &skip))
		return skip;
	if (c != 0x2018 && !is_space(p)) {
		k = find_opener(q, c);
		if (k >= 0 && right_flank(p, n) &&
		    !is_possessive(q, i, mlen, c, p, n)) {
			close_at(q, k, i, mlen);
			return mlen;
		}
	}
	if (c == 0x2018) {
		k = find_opener(q, c);
		if (k >= 0 && right_flank(p, n)) {
			close_at(q, k, i, mlen);
			return mlen;
		}
	}
	if (c != 0x2019 && left_flank(p, n))
		push(q, c, i, mlen, NULL);
	return mlen;
}

/* Straight double marks, which are also inch marks after a digit. */
static size_t
scan_straight(struct qscan *q, size_t i, size_t mlen, uint32_t p,
    uint32_t n)
{
	int k;

	if (is_digit(p) && n != 0 && !is_close_punct(n))
		return mlen;		/* 12" screen */
	k = find_opener(q, '"');
	if (k >= 0 && !is_space(p)) {
		close_at(q, k, i, mlen);
		return mlen;
	}
	if (left_flank(p, n))
		push(q, '"', i, mlen, NULL);
	return mlen;
}

/* The unambiguous marks: curly doubles, guillemets, CJK brackets. */
static size_t
scan_double(struct qscan *q, size_t i, size_t mlen, uint32_t c, uint32_t p,
    uint32_t n)
{
	int k = find_opener(q, c);

	switch (c) {
	case 0x201C:	/* closes „ unless it clearly opens */
		if (k >= 0 && !(left_flank(p, n) && !right_flank(p, n)))
			break;
		k = -1;
		if (!is_space(n))
			push(q, c, i, mlen, NULL);
		return mlen;
	case 0x201D:
		if (k >= 0)
			break;
		if (left_flank(p, n) && !right_flank(p, n))
			push(q, c, i, mlen, NULL);
		return mlen;
	case 0x201E:
	case 0x201A:
	case 0x300C:
	case 0x300E:
		if (!is_space(n))
			push(q, c, i, mlen, NULL);
		return mlen;
	case 0x00AB:
	case 0x2039:
		if (k >= 0)
			break;
		if (n != 0)
			push(q, c, i, mlen, NULL);
		return mlen;
	case 0x00BB:
	case 0x203A:
		if (k >= 0)
			break;
		if (!is_space(n))	/* not an arrow: » Next */
			push(q, c, i, mlen, NULL);
		return mlen;
	default:		/* 」 』 */
		if (k >= 0)
			break;
		return mlen;
	}
	close_at(q, k, i, mlen);
	return mlen;
}

static size_t
scan_mark(struct qscan *q, size_t i, size_t mlen, uint32_t c, uint32_t p)
{
	uint32_t n = cp_at(q, i + mlen, NULL);

	if (c == 0x2018 || c == 0x2019 || c == '\'')
		return scan_single(q, i, mlen, c, p, n);
	if (c == '"')
		return scan_straight(q, i, mlen, p, n);
	return scan_double(q, i, mlen, c, p, n);
}

static int
is_double_family(uint32_t open)
{
	return open != 0x2018 && open != 0x201A && open != '\'';
}

/* At the paragraph's end the outermost open mark (a double one; a
 * straight one only when it opens the paragraph) runs to the end. */
static void
finish_open(struct qscan *q)
{
	int k;
	struct qentry *e;

	for (k = 0; k < q->depth; k++) {
		e = &q->stack[k];
		if (e->forced != NULL) {
			add_span(q, e->pos, q->len, e->pos + e->mlen, q->len, 0,
			    1);
			break;
		}
		if (!is_double_family(e->open))
			continue;
		if (e->open == '"' && e->pos != 0)
			continue;
		add_span(q, e->pos, q->len, e->pos + e->mlen, q->len, e->open,
		    0);
		break;
	}
	q->depth = 0;
}

/* Enters or leaves a forced range at i; returns the new position. */
static size_t
scan_forced(struct qscan *q, size_t i, const struct quote_range *forced,
    size_t nforced, size_t *fi)
{
	int k;

	for (k = q->depth - 1; k >= 0; k--) {
		if (q->stack[k].forced == NULL)
			continue;
		if (i >= q->stack[k].forced->inner_end) {
			i = q->stack[k].forced->end;
			if (k == 0)
				add_span(q, q->stack[0].pos, i,
				    q->stack[0].forced->inner_start,
				    q->stack[0].forced->inner_end, 0, 1);
			q->depth = k;
			return i;
		}
		break;
	}
	while (*fi < nforced && forced[*fi].start < i)
		(*fi)++;
	if (*fi < nforced && forced[*fi].start == i &&
	    forced[*fi].inner_start >= i && forced[*fi].end <= q->len) {
		push(q, 0, i, forced[*fi].inner_start - i, &forced[*fi]);
		i = forced[*fi].inner_start;
		(*fi)++;
	}
	return i;
}

/* Whether the eight bytes at s are ASCII without a straight mark: no
 * byte has its high bit set or equals '"' or '\'' (the byte order of
 * the word does not matter to that). */
static int
is_plain8(const char *s)
{
	const uint64_t ones = 0x0101010101010101ull;
	const uint64_t highs = 0x8080808080808080ull;
	uint64_t x, d, a;

	memcpy(&x, s, sizeof x);
	d = x ^ (ones * '"');
	a = x ^ (ones * '\'');
	return ((x | ((d - ones) & ~d) | ((a - ones) & ~a)) & highs) == 0;
}

void
quote_find(const char *text, size_t len, const struct quote_range *forced,
    size_t nforced, struct quote_span **out, size_t *n)
{
	struct qscan q;
	size_t i, fi = 0, used, j;
	uint32_t c, p = 0;

	memset(&q, 0, sizeof q);
	q.text = text;
	q.len = len;
	for (i = 0; i < len;) {
		if (nforced > 0) {
			j = scan_forced(&q, i, forced, nforced, &fi);
			if (j != i) {
				i = j;
				p = '"';	/* a mark was passed over */
				continue;
			}
		}
		if ((unsigned char)text[i] < 0x80 && text[i] != '"' &&
		    text[i] != '\'') {
			/* The common case; without <q> ranges to look out for,
			 * a whole run at once, eight bytes at a time. */
			i++;
			if (nforced == 0) {
				while (i + 8 <= len && is_plain8(text + i))
					i += 8;
				while (i < len &&
				    (unsigned char)text[i] < 0x80 &&
				    text[i] != '"' && text[i] != '\'')
					i++;
			}
			p = (unsigned char)text[i - 1];
			continue;
		}
		c = cp_at(&q, i, &used);
		if (quote_is_mark(c)) {
			j = scan_mark(&q, i, used, c, p);
			if (j > used)	/* an elision was passed over */
				c = 'n';
			i += j;
		} else
			i += used;
		p = c;
	}
	if (nforced > 0)
		scan_forced(&q, len, forced, nforced, &fi);
	finish_open(&q);
	*out = q.spans;
	*n = q.nspans;
}

/* Appends text[a..b) to out with runs of white space made one space and
 * invisible characters dropped.  The result grows by at most b - a bytes
 * and a joining space, reserved at once and written directly. */
static void
add_normalised(struct buf *out, const struct quote_para *p, size_t a,
    size_t b)
{
	const char *text = p->text;
	const unsigned char *u = (const unsigned char *)text;
	size_t n, k = 0, lim;
	uint32_t cp;
	int space = out->len > 0;
	char *base, *d;

	if (a >= b)
		return;
	if (out->len + (b - a) + 2 > out->size) {
		out->size = out->len + (b - a) + 2;
		out->data = xreallocarray(out->data, out->size, 1);
	}
	base = out->data;
	d = base + out->len;
	while (a < b) {
		while (k < p->nskip && p->skip[k].end <= a)
			k++;
		if (k < p->nskip && p->skip[k].start <= a) {
			a = p->skip[k].end;
			continue;
		}
		lim = k < p->nskip && p->skip[k].start < b ? p->skip[k].start :
		    b;
		while (a < lim) {
			if (u[a] > ' ' && u[a] < 0x7F) {
				if (space)
					*d++ = ' ';
				space = 0;
				*d++ = text[a++];
				continue;
			}
			n = utf8_decode_fast(text + a, b - a, &cp);
			a += n;
			if (is_space(cp) && cp != 0x200B) {
				space = d > base;
				continue;
			}
			if (cp == 0xAD || cp == 0x200B || utf8_is_control(cp))
				continue;
			if (space)
				*d++ = ' ';
			space = 0;
			memcpy(d, text + a - n, n);
			d += n;
		}
	}
	*d = '\0';
	out->len = (size_t)(d - base);
}

struct qlist {
	char		**v;
	size_t		 n;
	struct buf	 cur;		/* the quotation being gathered */
	int		 open;		/* cur holds an unfinished one */
	size_t		 slot;		/* its place in v */
};

static void
list_start(struct qlist *l)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n] = NULL;
	l->slot = l->n++;
	buf_init(&l->cur, 0);
	l->open = 1;
}

static void
list_end(struct qlist *l)
{
	if (!l->open)
		return;
	l->v[l->slot] = buf_steal(&l->cur);
	l->open = 0;
}

/* The text of a blockquote loses one pair of marks around it all. */
static void
strip_outer_marks(char *s)
{
	uint32_t a, b;
	size_t n, len = strlen(s), la, i, lb = 0;

	if (len == 0)
		return;
	la = utf8_decode(s, len, &a);
	for (i = 0; i < len; i += n) {
		n = utf8_decode_fast(s + i, len - i, &b);
		lb = n;
	}
	utf8_decode(s + len - lb, lb, &b);
	if (len <= la + lb || !quote_is_mark(a) || !quote_closes(a, b))
		return;
	memmove(s, s + la, len - la - lb);
	s[len - la - lb] = '\0';
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	if (s[0] == ' ')
		memmove(s, s + 1, n);
}

/* A blockquote paragraph: wholly a quotation, one entry per group. */
static void
scan_group(struct quote_para *p, int prev_group, struct qlist *l)
{
	int was_group;

	p->spans = xcalloc(1, sizeof *p->spans);
	p->nspans = p->len > 0;
	p->spans[0].end = p->spans[0].inner_end = p->len;
	p->spans[0].closed = 1;
	if (p->group != prev_group) {
		was_group = l->open && prev_group > 0;
		list_end(l);
		if (was_group)
			strip_outer_marks(l->v[l->slot]);
		list_start(l);
	}
	add_normalised(&l->cur, p, 0, p->len);
}

/* A quotation of nothing but generated text (a blockquote holding only
 * an embed) is no quotation. */
static void
drop_empty(struct qlist *l)
{
	size_t i, j;

	for (i = j = 0; i < l->n; i++) {
		if (l->v[i] != NULL && l->v[i][0] != '\0')
			l->v[j++] = l->v[i];
		else
			free(l->v[i]);
	}
	l->n = j;
}

/* A quotation left open by the previous paragraph continues when this one
 * opens with the same mark. */
static int
continues(const struct quote_span *prev, const struct quote_span *s)
{
	return prev != NULL && !prev->closed && s->start == 0 &&
	    s->open == prev->open && s->open != 0;
}

static void
scan_plain(struct quote_para *p, struct qlist *l,
    const struct quote_span **prev)
{
	size_t i;
	const struct quote_span *s;

	quote_find(p->text, p->len, p->forced, p->nforced, &p->spans,
	    &p->nspans);
	for (i = 0; i < p->nspans; i++) {
		s = &p->spans[i];
		if (!(i == 0 && l->open && continues(*prev, s))) {
			list_end(l);
			list_start(l);
		}
		add_normalised(&l->cur, p, s->inner_start, s->inner_end);
		if (s->closed)
			list_end(l);
	}
	if (p->nspans == 0)
		list_end(l);
	*prev = p->nspans > 0 ? &p->spans[p->nspans - 1] : NULL;
	if (*prev != NULL && (*prev)->end != p->len)
		*prev = NULL;
}

void
quote_scan(struct quote_para *paras, size_t n, char ***quotes,
    size_t *nquotes)
{
	struct qlist l;
	const struct quote_span *prev = NULL;
	size_t i;
	int group = 0;

	memset(&l, 0, sizeof l);
	for (i = 0; i < n; i++) {
		if (paras[i].group > 0) {
			scan_group(&paras[i], group, &l);
			prev = NULL;
		} else {
			if (group > 0) {
				list_end(&l);
				strip_outer_marks(l.v[l.slot]);
			}
			scan_plain(&paras[i], &l, &prev);
		}
		group = paras[i].group;
	}
	list_end(&l);
	if (group > 0)
		strip_outer_marks(l.v[l.slot]);
	drop_empty(&l);
	*quotes = l.v;
	*nquotes = l.n;
}

void
quote_para_clear(struct quote_para *p)
{
	free(p->spans);
	p->spans = NULL;
	p->nspans = 0;
}
