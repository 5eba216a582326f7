/* Unit tests for render.c: layout of each element, wrapping by columns
 * (CJK, combining marks, emoji, soft hyphens, long URLs), styled spans
 * across markup and lines, the fixture articles in several languages with
 * their quotations and Read-also entries, hostile input (control
 * characters, generated garbage, deep nesting, a 20 MB article). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "render.h"
#include "utf8.h"
#include "util.h"

#include "../tap.h"

static struct render_doc *
render(const char *html, int width, int is_text)
{
	struct render_opts o;
	struct render_doc *d = NULL;
	char *cause = NULL;

	memset(&o, 0, sizeof o);
	o.width = width;
	o.is_text = is_text;
	o.base_url = "https://news.example/a/";
	if (render_article(html, strlen(html), &o, &d, &cause) == -1) {
		diag("render failed: %s", cause);
		free(cause);
	}
	return d;
}

/* All lines joined by "\n". */
static char *
doc_text(const struct render_doc *d)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; d != NULL && i < d->nlines; i++)
		buf_printf(&b, "%s%s", i > 0 ? "\n" : "", d->lines[i].text);
	return buf_steal(&b);
}

static size_t
nchars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Checks what every doc must be: lines fit, no control characters, spans
 * inside their line.  Returns the number of problems. */
static int
check_doc(const struct render_doc *d, int width)
{
	size_t i, k, j, n, len, nc;
	uint32_t cp;
	int bad = 0;

	for (i = 0; i < d->nlines; i++) {
		const struct render_line *l = &d->lines[i];

		len = strlen(l->text);
		if (utf8_width(l->text, len) > (size_t)width) {
			diag("line %zu is %zu columns wide (width %d)", i,
			    utf8_width(l->text, len), width);
			bad++;
		}
		for (j = 0; j < len; j += n) {
			n = utf8_decode(l->text + j, len - j, &cp);
			if (utf8_is_control(cp) || cp == 0xAD) {
				diag("line %zu holds U+%04X", i, (unsigned)cp);
				bad++;
			}
		}
		nc = nchars(l->text);
		for (k = 0; k < l->nspans; k++)
			if (l->spans[k].start >= l->spans[k].end ||
			    l->spans[k].end > nc ||
			    l->spans[k].role >= ROLE_LAST_RENDER) {
				diag("line %zu: span %zu..%zu of %zu chars", i,
				    l->spans[k].start, l->spans[k].end, nc);
				bad++;
			}
	}
	return bad;
}

static const struct {
	const char	*name;
	const char	*html;
	int		 width;
	const char	*want;
} layout_cases[] = {
	{ "paragraphs and collapsed white space",
	  "<p>  one\n\t two  </p><p>three</p>", 20, "one two\n\nthree" },
	{ "wrapping at spaces",
	  "<p>the quick brown fox jumps over</p>", 10,
	  "the quick\nbrown fox\njumps over" },
	{ "headings",
	  "<h1>Title</h1><p>text</p>", 20, "Title\n\ntext" },
	{ "links numbered, relative ones resolved",
	  "<p>see <a href=\"x\">this</a> and <a href=\"/y\">that</a> and "
	  "<a href=\"x\">again</a></p>", 40,
	  "see this[1] and that[2] and again[1]" },
	{ "javascript and fragment links are not numbered",
	  "<p><a href=\"javascript:alert(1)\">a</a> <a href=\"#top\">b</a></p>",
	  20, "a b" },
	{ "nested lists",
	  "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul>"
	  "<ol start=\"3\"><li>three</li><li>four</li></ol>", 20,
	  "• one\n• two\n  ◦ inner\n\n3. three\n4. four" },
	{ "list item wraps under its text",
	  "<ul><li>alpha beta gamma delta</li></ul>", 13,
	  "• alpha beta\n  gamma delta" },
	{ "blockquote indented with a bar",
	  "<blockquote><p>quoted words here</p></blockquote>", 12,
	  "│ quoted\n│ words here" },
	{ "pre keeps lines, clips with a marker",
	  "<pre>a  b\n\tc\nthis line is far too long</pre>", 12,
	  "a  b\n        c\nthis line i…" },
	{ "images and figures",
	  "<figure><img src=\"p.jpg\" alt=\"A cat\"><figcaption>Cap"
	  "</figcaption></figure><p><img src=\"q.png\"></p>", 30,
	  "[image: A cat][1]\n\nCap\n\n[image][2]" },
	{ "an image inside a link takes the link's number",
	  "<p><a href=\"/big\"><img src=\"small.jpg\" alt=\"Pic\"></a></p>",
	  30, "[image: Pic][1]" },
	{ "tracking pixel dropped",
	  "<p>x<img src=\"t.gif\" width=\"1\" height=\"1\"></p>", 20, "x" },
	{ "tables, one row a line",
	  "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><p>2</p>"
	  "</td></tr></table>", 20, "A │ B\n1 │ 2" },
	{ "hr",
	  "<p>a</p><hr><p>b</p>", 10, "a\n\n──────────\n\nb" },
	{ "br",
	  "<p>one<br>two<br><br><br>three</p>", 20, "one\ntwo\n\nthree" },
	{ "definition list",
	  "<dl><dt>Term</dt><dd>Meaning</dd></dl>", 20, "Term\n    Meaning" },
	{ "script, style and friends dropped",
	  "<script>bad()</script><style>x{}</style><noscript>ns</noscript>"
	  "<p>ok</p><template>t</template>", 20, "ok" },
	{ "iframe as a link",
	  "<iframe src=\"https://v.example/e/1\">fallback</iframe>", 40,
	  "[embed: v.example][1]" },
	{ "q gets marks",
	  "<p>he said <q>yes <q>no</q></q></p>", 30, "he said “yes ‘no’”" },
	{ "entities decoded",
	  "<p>a &amp; b &lt;c&gt; &eacute; &#8212; &nbsp;d</p>", 30,
	  "a & b <c> é — \xc2\xa0" "d" },
	{ "soft hyphen breaks with a hyphen",
	  "<p>extra\xc2\xadordinary</p>", 8, "extra-\nordinary" },
	{ "soft hyphen invisible when not used",
	  "<p>extra\xc2\xadordinary</p>", 20, "extraordinary" },
	{ "zero-width space is a break opportunity",
	  "<p>abcdef\xe2\x80\x8bghijkl</p>", 10, "abcdef\nghijkl" },
	{ "long URL broken",
	  "<p>https://example.com/aaaaaaaaaaaaaaaaaaaa</p>", 10,
	  "https://\nexample.co\nm/\naaaaaaaaaa\naaaaaaaaaa" },
	{ "long word broken",
	  "<p>abcdefghijklmnopqrstuvwxyz</p>", 10,
	  "abcdefghij\nklmnopqrst\nuvwxyz" },
	{ "CJK double width wraps between characters",
	  "<p>日本語の文章です</p>", 10, "日本語の文\n章です" },
	{ "CJK punctuation never starts a line",
	  "<p>あいうえお、かきくけこ</p>", 10, "あいうえ\nお、かきく\nけこ" },
	{ "blank lines inside a blockquote keep the bar",
	  "<blockquote><p>a</p><p>b</p></blockquote><p>c</p>", 10,
	  "│ a\n│\n│ b\n\nc" },
	{ "a nested blockquote's blank line has the outer bar",
	  "<blockquote><p>a</p><blockquote><p>b</p></blockquote>"
	  "</blockquote>", 10, "│ a\n│\n│ │ b" },
	{ "combining marks stay with their letter",
	  "<p>e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
	  "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
	  "e\xcc\x81</p>", 10,
	  "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
	  "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81\n"
	  "e\xcc\x81" },
	{ "control characters and escapes removed",
	  "<p>a\x1b[2Jb\x07" "c\xc2\x9b" "31md\xe2\x80\xae" "e</p>", 20,
	  "a[2Jbc31mde" },
	{ "invalid UTF-8 repaired",
	  "<p>a\xff" "b</p>", 20, "a\xef\xbf\xbd" "b" },
	{ "plain text: lines are paragraphs, URLs numbered",
	  NULL, 40, NULL },
};

static void
test_layout(void)
{
	size_t i;
	struct render_doc *d;
	char *t;

	for (i = 0; i < ARRAYSIZE(layout_cases); i++) {
		if (layout_cases[i].html == NULL)
			continue;
		d = render(layout_cases[i].html, layout_cases[i].width, 0);
		t = doc_text(d);
		is_str(t, layout_cases[i].want, "layout: %s",
		    layout_cases[i].name);
		if (d != NULL)
			is_int(check_doc(d, layout_cases[i].width), 0,
			    "layout: %s: lines fit, no controls",
			    layout_cases[i].name);
		free(t);
		render_doc_free(d);
	}
}

static void
test_plain_text(void)
{
	struct render_doc *d = render("First line with https://ex.example/a, "
	    "and more.\nSecond \x1b[31mline\n\nwww.ex.example/b here", 60, 1);
	char *t = doc_text(d);

	is_str(t, "First line with https://ex.example/a[1], and more. Second"
	    "\n[31mline\n\nwww.ex.example/b[2] here",
	    "text: paragraphs, URLs numbered, escapes gone");
	is_int(d->nlinks, 2, "text: two links");
	if (d->nlinks == 2) {
		is_str(d->links[0].url, "https://ex.example/a", "text: link 1");
		is_str(d->links[1].url, "http://www.ex.example/b",
		    "text: www. gets a scheme");
	}
	free(t);
	render_doc_free(d);
}

/* The role spans of a line as "role:text" items. */
static char *
line_spans(const struct render_line *l, enum render_role only)
{
	struct buf b;
	size_t k, i, a, e;
	const char *s;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (k = 0; k < l->nspans; k++) {
		if (l->spans[k].role != only)
			continue;
		s = l->text;
		for (i = 0, a = 0; s[a] != '\0' && i < l->spans[k].start; a++)
			i += ((unsigned char)s[a + 1] & 0xC0) != 0x80;
		for (e = a; s[e] != '\0' && i < l->spans[k].end; e++)
			i += ((unsigned char)s[e + 1] & 0xC0) != 0x80;
		buf_printf(&b, "[%.*s]", (int)(e - a), s + a);
	}
	return buf_steal(&b);
}

static void
test_spans(void)
{
	struct render_doc *d;
	char *s;

	/* A quotation across inline markup and a wrapped line. */
	d = render("<p>He said “we are <b>ready</b> to <a href=\"/t\">talk"
	    "</a> now” today.</p>", 24, 0);
	is_int(d->nlines, 2, "spans: wrapped into two lines");
	if (d->nlines == 2) {
		s = line_spans(&d->lines[0], ROLE_QUOTE);
		is_str(s, "[“we are ready to]", "spans: quote on line 1");
		free(s);
		s = line_spans(&d->lines[1], ROLE_QUOTE);
		is_str(s, "[talk[1] now”]", "spans: quote on line 2");
		free(s);
		s = line_spans(&d->lines[0], ROLE_BOLD);
		is_str(s, "[ready]", "spans: bold inside the quote");
		free(s);
		s = line_spans(&d->lines[1], ROLE_LINK);
		is_str(s, "[talk]", "spans: link text");
		free(s);
		s = line_spans(&d->lines[1], ROLE_LINKNUM);
		is_str(s, "[[1]]", "spans: link number");
		free(s);
	}
	is_int(d->nquotes, 1, "spans: one quotation");
	if (d->nquotes == 1)
		is_str(d->quotes[0], "we are ready to talk now",
		    "spans: its text");
	render_doc_free(d);

	/* An apostrophe word is never in a quote span. */
	d = render("<p>Ukraine’s army and the students’ union.</p>", 60, 0);
	is_int(d->lines[0].nspans, 0, "spans: apostrophes give none");
	render_doc_free(d);

	/* Blockquote: the whole text is a quotation, bar included. */
	d = render("<blockquote><p>“Stay,” he said.</p></blockquote>", 30, 0);
	s = line_spans(&d->lines[0], ROLE_QUOTE);
	ok(strstr(s, "“Stay,” he said.") != NULL, "spans: blockquote quoted");
	free(s);
	is_int(d->nquotes, 1, "spans: blockquote is one quotation");
	if (d->nquotes == 1)
		is_str(d->quotes[0], "“Stay,” he said.",
		    "spans: blockquote text kept whole");
	render_doc_free(d);

	/* A blockquote holding only an embed lists no quotation; generated
	 * text stays out of a quotation's words. */
	d = render("<blockquote><iframe src=\"https://v.example/1\"></iframe>"
	    "</blockquote><p>“See <img src=\"x.png\" alt=\"a map\"> here”</p>",
	    40, 0);
	is_int(d->nquotes, 1, "spans: an embed-only blockquote is no quotation");
	if (d->nquotes == 1)
		is_str(d->quotes[0], "See here", "spans: [image] not quoted text");
	render_doc_free(d);

	/* Headings, italic captions, code. */
	d = render("<h2>Head</h2><p><i>it</i> <u>un</u> <code>cd</code></p>",
	    30, 0);
	s = line_spans(&d->lines[0], ROLE_HEADING);
	is_str(s, "[Head]", "spans: heading");
	free(s);
	s = line_spans(&d->lines[2], ROLE_ITALIC);
	is_str(s, "[it]", "spans: italic");
	free(s);
	s = line_spans(&d->lines[2], ROLE_UNDERLINE);
	is_str(s, "[un]", "spans: underline");
	free(s);
	s = line_spans(&d->lines[2], ROLE_CODE);
	is_str(s, "[cd]", "spans: code");
	free(s);
	render_doc_free(d);
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_emoji(void)
{
	/* family (ZWJ sequence), flag, skin tone: never split. */
	const char *fam = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2"
	    "\x80\x8d\xf0\x9f\x91\xa7";
	const char *flag = "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6";
	char html[512];
	struct render_doc *d;
	size_t i, len;
	int split = 0;
	char *t;

	snprintf(html, sizeof html, "<p>%s%s%s%s%s</p>", fam, flag, fam, flag,
	    fam);
	d = render(html, 10, 0);
	for (i = 0; i < d->nlines; i++) {
		len = strlen(d->lines[i].text);
		if (len >= 3 && memcmp(d->lines[i].text + len - 3,
		    "\xe2\x80\x8d", 3) == 0)
			split++;	/* a line ends in a joiner */
		if (strncmp(d->lines[i].text, "\xe2\x80\x8d", 3) == 0)
			split++;
	}
	is_int(split, 0, "emoji: ZWJ sequences never split");
	t = doc_text(d);
	is_int(count(t, flag), 2, "emoji: both flags whole");
	is_int(count(t, fam), 3, "emoji: all three families whole");
	free(t);
	is_int(check_doc(d, 10), 0, "emoji: lines fit");
	render_doc_free(d);
}

/* A fixture article beside its .expect file. */
struct expect {
	int		 width;
	char		*base;
	struct buf	 quotes;	/* "q1\nq2\n" */
	struct buf	 readalso;
	char		*has[16], *quoted[16], *plain[16], *absent[16];
	int		 nhas, nquoted, nplain, nabsent;
	int		 links;
};

static void
read_expect(const char *path, struct expect *e)
{
	char *data, *line, *save = NULL, *cause = NULL;
	size_t len;

	memset(e, 0, sizeof *e);
	e->width = 72;
	e->links = -1;
	buf_init(&e->quotes, 0);
	buf_add(&e->quotes, "", 0);
	buf_init(&e->readalso, 0);
	buf_add(&e->readalso, "", 0);
	if (read_file(path, 0, &data, &len, &cause) == -1) {
		diag("%s", cause);
		free(cause);
		return;
	}
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "width ", 6) == 0)
			e->width = atoi(line + 6);
		else if (strncmp(line, "base ", 5) == 0)
			e->base = xstrdup(line + 5);
		else if (strncmp(line, "quote: ", 7) == 0)
			buf_printf(&e->quotes, "%s\n", line + 7);
		else if (strncmp(line, "readalso: ", 10) == 0)
			buf_printf(&e->readalso, "%s\n", line + 10);
		else if (strncmp(line, "has: ", 5) == 0 && e->nhas < 16)
			e->has[e->nhas++] = xstrdup(line + 5);
		else if (strncmp(line, "quoted: ", 8) == 0 && e->nquoted < 16)
			e->quoted[e->nquoted++] = xstrdup(line + 8);
		else if (strncmp(line, "plain: ", 7) == 0 && e->nplain < 16)
			e->plain[e->nplain++] = xstrdup(line + 7);
		else if (strncmp(line, "absent: ", 8) == 0 && e->nabsent < 16)
			e->absent[e->nabsent++] = xstrdup(line + 8);
		else if (strncmp(line, "links: ", 7) == 0)
			e->links = atoi(line + 7);
	}
	free(data);
}

static void
free_expect(struct expect *e)
{
	int i;

	free(e->base);
	buf_free(&e->quotes);
	buf_free(&e->readalso);
	for (i = 0; i < e->nhas; i++)
		free(e->has[i]);
	for (i = 0; i < e->nquoted; i++)
		free(e->quoted[i]);
	for (i = 0; i < e->nplain; i++)
		free(e->plain[i]);
	for (i = 0; i < e->nabsent; i++)
		free(e->absent[i]);
}

/* Whether word appears on some line wholly inside (or wholly outside)
 * quote spans: 1 inside, 0 outside, -1 not found. */
static int
word_quoted(const struct render_doc *d, const char *word)
{
	size_t i, k, c0, c1, n;
	const char *p;
	int in;

	for (i = 0; i < d->nlines; i++) {
		if ((p = strstr(d->lines[i].text, word)) == NULL)
			continue;
		c0 = 0;
		for (const char *q = d->lines[i].text; q < p; q++)
			c0 += ((unsigned char)*q & 0xC0) != 0x80;
		c1 = c0 + nchars(word);
		for (n = c0, in = 1; n < c1 && in; n++) {
			in = 0;
			for (k = 0; k < d->lines[i].nspans; k++)
				if (d->lines[i].spans[k].role == ROLE_QUOTE &&
				    d->lines[i].spans[k].start <= n &&
				    n < d->lines[i].spans[k].end)
					in = 1;
		}
		if (in)
			return 1;
		for (n = c0; n < c1; n++)
			for (k = 0; k < d->lines[i].nspans; k++)
				if (d->lines[i].spans[k].role == ROLE_QUOTE &&
				    d->lines[i].spans[k].start <= n &&
				    n < d->lines[i].spans[k].end)
					return 2;	/* partly */
		return 0;
	}
	return -1;
}

static void
check_fixture(const char *name, const struct render_doc *d,
    const struct expect *e)
{
	struct buf q, r;
	size_t i;
	int k;
	char *t = doc_text(d);

	buf_init(&q, 0);
	buf_add(&q, "", 0);
	for (i = 0; i < d->nquotes; i++)
		buf_printf(&q, "%s\n", d->quotes[i]);
	is_str(q.data, e->quotes.data, "%s: quotations", name);
	buf_init(&r, 0);
	buf_add(&r, "", 0);
	for (i = 0; i < d->nreadalso; i++)
		buf_printf(&r, "%s | %s\n", d->readalso[i].title,
		    d->readalso[i].url != NULL ? d->readalso[i].url : "null");
	is_str(r.data, e->readalso.data, "%s: read-also entries", name);
	for (k = 0; k < e->nhas; k++)
		ok(strstr(t, e->has[k]) != NULL, "%s: has '%s'", name,
		    e->has[k]);
	for (k = 0; k < e->nabsent; k++)
		ok(strstr(t, e->absent[k]) == NULL, "%s: no '%s' in the body",
		    name, e->absent[k]);
	for (k = 0; k < e->nquoted; k++)
		is_int(word_quoted(d, e->quoted[k]), 1, "%s: '%s' is quoted",
		    name, e->quoted[k]);
	for (k = 0; k < e->nplain; k++)
		is_int(word_quoted(d, e->plain[k]), 0,
		    "%s: '%s' is not quoted", name, e->plain[k]);
	if (e->links >= 0)
		is_int(d->nlinks, e->links, "%s: links", name);
	is_int(check_doc(d, e->width), 0, "%s: lines fit, no controls", name);
	buf_free(&q);
	buf_free(&r);
	free(t);
}

static void
test_fixtures(void)
{
	static const char *const names[] = {
		"en-wire.txt", "en-cms.html", "uk-news.html", "de-news.html",
		"fr-news.html", "pl-es-news.html", "ja-news.html",
	};
	const char *dir = getenv("FIXTURES");
	char *path, *data, *cause = NULL;
	size_t i, len;
	struct expect e;
	struct render_opts o;
	struct render_doc *d;
	char *epath;

	if (dir == NULL)
		dir = "tests/fixtures";
	for (i = 0; i < ARRAYSIZE(names); i++) {
		xasprintf(&path, "%s/render/%s", dir, names[i]);
		if (read_file(path, 0, &data, &len, &cause) == -1) {
			ok(0, "fixture %s: %s", names[i], cause);
			free(cause);
			cause = NULL;
			free(path);
			continue;
		}
		*strrchr(path, '.') = '\0';
		xasprintf(&epath, "%s.expect", path);
		read_expect(epath, &e);
		free(epath);
		memset(&o, 0, sizeof o);
		o.width = e.width;
		o.base_url = e.base;
		o.is_text = strstr(names[i], ".txt") != NULL;
		d = NULL;
		ok(render_article(data, len, &o, &d, NULL) == 0,
		    "fixture %s renders", names[i]);
		if (d != NULL)
			check_fixture(names[i], d, &e);
		render_doc_free(d);
		free_expect(&e);
		free(data);
		free(path);
	}
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Random soup of markup, marks, escapes, controls and odd characters. */
static char *
garbage(size_t pieces)
{
	static const char *const bits[] = {
		"<p>", "</p>", "<b>", "</b>", "<a href=\"/x\">", "</a>",
		"<blockquote>", "</blockquote>", "<pre>", "</pre>", "<q>",
		"</q>", "<table><tr><td>", "</td><td>", "<ul><li>", "</li>",
		"<br>", "<hr>", "<img alt=\"\x1b[2J\" src=x>", "&#27;[31m",
		"&#x9b;", "&#0;", "&#xd800;", "\x1b]0;title\x07", "\x1b[2J",
		("\xc2\x9b" "1m"), "\x07", "\r", "\t", "\x7f", "“", "”", "„",
		"«", "»", "'", "\"", "’", "‘", "\xcc\x81", "\xe2\x80\x8d",
		"\xc2\xad", "\xe2\x80\x8b", "日本語", "\xf0\x9f\x98\x80",
		"\xe2\x80\xae", "<!--", "-->", "<![CDATA[", "]]>",
		"<script>", "</script>", "<h1>", "</h1>", "word ", " ",
		"verylongwordwithoutanyspacesatallreallyverylong",
		"https://example.com/a/b/c?d=e&f=g", "\xff", "\xe2\x82",
		"<dl><dt>", "<dd>", "<iframe src=\"https://x.example/\">",
		"<figure><figcaption>", "Read also:", "<aside>",
	};
	struct buf b;
	size_t i;
	char c;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < pieces; i++) {
		if (rnd(4) == 0) {
			c = (char)rnd(256);
			buf_add(&b, &c, 1);
		} else
			buf_adds(&b, bits[rnd(ARRAYSIZE(bits))]);
	}
	return buf_steal(&b);
}

static void
test_garbage(void)
{
	struct render_opts o;
	struct render_doc *d;
	char *g;
	int i, bad = 0, failed = 0, width;

	for (i = 0; i < 300; i++) {
		g = garbage(50 + rnd(400));
		memset(&o, 0, sizeof o);
		o.width = width = 10 + (int)rnd(90);
		o.is_text = i % 3 == 0;
		if (render_article(g, strlen(g), &o, &d, NULL) == -1)
			failed++;
		else
			bad += check_doc(d, width);
		render_doc_free(d);
		free(g);
	}
	is_int(failed, 0, "garbage: every input renders");
	is_int(bad, 0, "garbage: no control character, every line fits");
}

static int
has_note(const struct render_doc *d)
{
	size_t i;

	for (i = 0; i < d->nlines; i++)
		if (d->lines[i].nspans > 0 &&
		    d->lines[i].spans[0].role == ROLE_NOTE &&
		    strstr(d->lines[i].text, "cut short") != NULL)
			return 1;
	return 0;
}

static void
test_bounds(void)
{
	struct render_opts o;
	struct render_doc *d = NULL;
	struct buf b;
	size_t i;

	memset(&o, 0, sizeof o);
	o.width = 80;

	buf_init(&b, 0);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<div><blockquote><ul><li><q><b>");
	buf_adds(&b, "deep text");
	ok(render_article(b.data, b.len, &o, &d, NULL) == 0,
	    "bounds: 100,000-deep article renders");
	ok(d != NULL && has_note(d), "bounds: with a note that it was cut");
	ok(d != NULL && check_doc(d, 80) == 0, "bounds: deep lines fit");
	render_doc_free(d);
	buf_free(&b);

	buf_init(&b, 0);
	while (b.len < 20u * 1024 * 1024)
		buf_adds(&b, "<p>Words of a “long” article, the minister’s "
		    "<a href=\"/l\">link</a> and more words to wrap.</p>\n");
	ok(render_article(b.data, b.len, &o, &d, NULL) == 0,
	    "bounds: 20 MB article renders");
	ok(d != NULL && has_note(d), "bounds: 20 MB article cut with a note");
	ok(d != NULL && d->nlines <= 100001, "bounds: lines bounded");
	render_doc_free(d);
	buf_free(&b);

	buf_init(&b, 0);
	while (b.len < 3u * 1024 * 1024)
		buf_adds(&b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	o.is_text = 1;
	ok(render_article(b.data, b.len, &o, &d, NULL) == 0,
	    "bounds: a 3 MB word renders");
	ok(d != NULL && check_doc(d, 80) == 0, "bounds: broken into lines");
	render_doc_free(d);
	buf_free(&b);
}

static void
test_related(void)
{
	struct render_opts o;
	struct render_doc *d = NULL;
	struct feed_link rel[2] = {
		{ "https://e.example/r1", "Related one" },
		{ "https://e.example/r2", NULL },
	};
	const char *html = "<p>Body.</p><p>Read also: <a href=\"https://e."
	    "example/r1\">Related one</a></p>";

	memset(&o, 0, sizeof o);
	o.width = 40;
	o.title = "A \x1b[1mtitle";
	o.related = rel;
	o.nrelated = 2;
	ok(render_article(html, strlen(html), &o, &d, NULL) == 0,
	    "related: renders");
	is_str(d->title, "A [1mtitle", "related: title cleaned");
	is_int(d->nreadalso, 2, "related: Atom links merged, no duplicate");
	if (d->nreadalso == 2) {
		is_str(d->readalso[1].url, "https://e.example/r2",
		    "related: the Atom link");
		is_str(d->readalso[1].title, "https://e.example/r2",
		    "related: its URL stands in for a title");
	}
	is_int(d->nlines, 1, "related: the block left the body");
	render_doc_free(d);
}

/* The fast paths of the wrapping loop (a plain ASCII word measured as a
 * whole, a space taken without decoding) must break exactly where the
 * character-by-character loop did: at the width, after hyphens and
 * slashes, never between a letter and its combining mark. */
static const struct {
	const char	*name;
	const char	*html;
	int		 width;
	const char	*want;
} wrap_cases[] = {
	{ "a word that fills the line exactly",
	  "<p>abcdefghij klm</p>", 10, "abcdefghij\nklm" },
	{ "a word one column too long is cut",
	  "<p>abcdefghijk</p>", 10, "abcdefghij\nk" },
	{ "two words and the space between fill the line",
	  "<p>abcd efghi jk</p>", 10, "abcd efghi\njk" },
	{ "runs of spaces collapse at a break",
	  "<p>abcdefgh      ijkl</p>", 10, "abcdefgh\nijkl" },
	{ "a break after a hyphen inside a word",
	  "<p>one well-known fact</p>", 10, "one well-\nknown fact" },
	{ "a break after a slash inside a word",
	  "<p>see andx/or this</p>", 10, "see andx/\nor this" },
	{ "a hyphen after a space is no break",
	  "<p>abcdefg -hijk</p>", 10, "abcdefg\n-hijk" },
	{ "a word followed by a combining mark at the width",
	  "<p>abcdefghie\xcc\x81 x</p>", 10, "abcdefghie\xcc\x81\nx" },
	{ "a combining mark on the eleventh letter",
	  "<p>abcdefghije\xcc\x81</p>", 10, "abcdefghij\ne\xcc\x81" },
	{ "a space followed by a combining mark",
	  "<p>ab \xcc\x81" "cd efghijkl</p>", 10,
	  "ab \xcc\x81" "cd\nefghijkl" },
	{ "ASCII around curly quotes and Cyrillic",
	  "<p>“abc” def європейський gh</p>", 12,
	  "“abc” def\nєвропейський\ngh" },
	{ "ASCII next to CJK",
	  "<p>ab東京都cd efgh</p>", 10, "ab東京都cd\nefgh" },
	{ "a link number after a word at the width",
	  "<p><a href=\"/x\">abcdefg</a> hi</p>", 10, "abcdefg[1]\nhi" },
	{ "a tab in a quote's text does not reach the line",
	  "<p>a\tb</p>", 10, "a b" },
};

static void
test_wrap_fast(void)
{
	size_t i;
	struct render_doc *d;
	char *t;

	for (i = 0; i < ARRAYSIZE(wrap_cases); i++) {
		d = render(wrap_cases[i].html, wrap_cases[i].width, 0);
		t = doc_text(d);
		is_str(t, wrap_cases[i].want, "wrap: %s", wrap_cases[i].name);
		if (d != NULL)
			is_int(check_doc(d, wrap_cases[i].width), 0,
			    "wrap: %s: lines fit", wrap_cases[i].name);
		free(t);
		render_doc_free(d);
	}
}

/* The URL of the first link of html rendered against base. */
static char *
first_link(const char *html, const char *base)
{
	struct render_opts o;
	struct render_doc *d = NULL;
	char *u = NULL;

	memset(&o, 0, sizeof o);
	o.width = 80;
	o.base_url = base;
	if (render_article(html, strlen(html), &o, &d, NULL) == 0 &&
	    d->nlinks > 0)
		u = xstrdup(d->links[0].url);
	render_doc_free(d);
	return u;
}

/* Links are resolved without libxml2 when they are absolute or a plain
 * path from the root; the rest still go through xmlBuildURI.  Each case
 * is what xmlBuildURI gives. */
static const struct {
	const char	*base;
	const char	*href;
	const char	*want;
} link_cases[] = {
	{ "https://news.example/a/", "/news/1", "https://news.example/news/1" },
	{ "https://news.example/a/b.html", "/news/1?id=2&x=y#top",
	  "https://news.example/news/1?id=2&x=y#top" },
	{ "https://user:pw@h.example:8080/p/q", "/x/y.html",
	  "https://user:pw@h.example:8080/x/y.html" },
	{ "http://h.example", "/a/./b/../c", "http://h.example/a/./b/../c" },
	{ "https://h.example/dir/page?q=1#x", "/", "https://h.example/" },
	{ "https://news.example/a/", "https://other.example/p?q=1#f",
	  "https://other.example/p?q=1#f" },
	{ "https://news.example/a/", "HTTPS://UP.example/A",
	  "HTTPS://UP.example/A" },
	{ "https://news.example/a/", "mailto:a@b.example",
	  "mailto:a@b.example" },
	{ "https://news.example/a/", "https:relative", "https:relative" },
	{ "https://news.example/a/", "news/2",
	  "https://news.example/a/news/2" },
	{ "https://news.example/a/b.html", "../up",
	  "https://news.example/up" },
	{ "https://news.example/a/", "//cdn.example/i.jpg",
	  "https://cdn.example/i.jpg" },
	{ "https://news.example/a/", "?page=2",
	  "https://news.example/a/?page=2" },
	{ "https://news.example/a/", "/a b", "/a b" },
	{ "https://news.example/a/", "/%41%42", "https://news.example/AB" },
	{ "https://news.example/a/", "/a:b", "https://news.example/a%3Ab" },
	{ "https://news.example/a/", "/a#b#c", "/a#b#c" },
	{ "https://news.example/a/", "   /spaced",
	  "https://news.example/spaced" },
	{ "file:///tmp/x.html", "/news/1", "file:///news/1" },
	{ "urn:isbn:123", "/news/1", "urn:/news/1" },
	{ NULL, "/news/1", "/news/1" },
};

/* Characters for generated links: kept ones, escaped ones, the marks
 * that start a query and a fragment. */
static const char link_chars[] = "az09-._~/!$&'()*+,;=@?#%: \"<>[]^`{|}\\";

static void
test_links(void)
{
	static const char *const bases[] = {
		"https://news.example/a/", "http://h.example",
		"https://u@h.example:81/p?q#f", "file:///x", "urn:x:y",
	};
	uint64_t r = 0x9E3779B97F4A7C15ull;
	char html[160], href[48], *got, *want;
	xmlChar *u;
	size_t i, k, n;
	int bad = 0;

	for (i = 0; i < ARRAYSIZE(link_cases); i++) {
		snprintf(html, sizeof html, "<p><a href=\"%s\">x</a></p>",
		    link_cases[i].href);
		got = first_link(html, link_cases[i].base);
		is_str(got, link_cases[i].want, "link: %s against %s",
		    link_cases[i].href, link_cases[i].base != NULL ?
		    link_cases[i].base : "no base");
		free(got);
	}
	/* Generated links against xmlBuildURI itself. */
	for (i = 0; i < 4000; i++) {
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		n = 1 + r % 30;
		href[0] = r % 5 == 0 ? 'h' : '/';
		for (k = 1; k < n; k++)
			href[k] = link_chars[(r >> (k % 40)) %
			    (sizeof link_chars - 1)];
		href[n] = '\0';
		if (strstr(href, "\"") != NULL || href[n - 1] == ' ')
			continue;	/* no way into an attribute as is */
		snprintf(html, sizeof html, "<p><a href=\"%s\">x</a></p>",
		    href);
		got = first_link(html, bases[i % ARRAYSIZE(bases)]);
		u = xmlBuildURI((const xmlChar *)href,
		    (const xmlChar *)bases[i % ARRAYSIZE(bases)]);
		want = xstrdup(u != NULL ? (const char *)u : href);
		xmlFree(u);
		if (got != NULL && strchr(href, '&') == NULL &&
		    strcmp(got, want) != 0 && bad++ < 5)
			diag("%s against %s: %s, xmlBuildURI %s", href,
			    bases[i % ARRAYSIZE(bases)], got, want);
		free(got);
		free(want);
	}
	is_int(bad, 0, "link: generated links resolve as xmlBuildURI does");
}

/* Attributes are copied from the tree when they are printable ASCII;
 * anything else is cleaned as before. */
static const struct {
	const char	*name;
	const char	*html;
	const char	*want;
} attr_cases[] = {
	{ "plain alt", "<p><img alt=\"A cat\"></p>", "[image: A cat]" },
	{ "alt with a character reference to a control",
	  "<p><img alt=\"a&#1;b&#x9b;c\"></p>", "[image: a]" },
	{ "alt with a tab and a newline", "<p><img alt=\"a\tb\nc\"></p>",
	  "[image: abc]" },
	{ "alt in Cyrillic", "<p><img alt=\"фото\"></p>", "[image: фото]" },
	{ "alt with an entity", "<p><img alt=\"a &amp; b\"></p>",
	  "[image: a & b]" },
	{ "alt with a bidi override",
	  "<p><img alt=\"a\xe2\x80\xae" "b\"></p>", "[image: ab]" },
	{ "an empty alt", "<p><img alt=\"\"></p>", "[image]" },
};

/* What clean_input, add_text and the quotations' text make of what the
 * fast paths pass over: controls, invalid bytes, white space, link
 * numbers inside a quotation. */
static void
test_text_fast(void)
{
	static const struct {
		const char	*name;
		const char	*html;
		const char	*text;
		const char	*quote;
	} cases[] = {
		{ "invalid bytes, C1 and DEL",
		  "<p>a\x80" "b\xc2\x85" "c\x7f" "d\xe2\x82" "e</p>",
		  "a\xef\xbf\xbd" "bcd\xef\xbf\xbd\xef\xbf\xbd" "e", NULL },
		{ "white space of every kind collapses",
		  "<p> a \t\r\n b\xe2\x80\xa8" "c </p>", "a b c", NULL },
		{ "invisible formatting dropped",
		  "<p>a\xe2\x81\xa0" "b\xef\xbb\xbf" "c\xe2\x80\x8f" "d</p>",
		  "abcd", NULL },
		{ "a quotation's text leaves out link numbers",
		  "<p>“one <a href=\"/x\">two</a>  three”</p>",
		  "“one two[1] three”", "one two three" },
		{ "a quotation's text drops soft hyphens, keeps words",
		  "<p>«extra\xc2\xad" "ordinary  words»</p>",
		  "«extraordinary words»", "extraordinary words" },
		{ "a quotation across paragraphs is joined by a space",
		  "<p>“first part</p><p>“second part”</p>",
		  "“first part\n\n“second part”", "first part second part" },
	};
	struct render_doc *d;
	size_t i;
	char *t;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		d = render(cases[i].html, 40, 0);
		t = doc_text(d);
		is_str(t, cases[i].text, "text: %s", cases[i].name);
		if (cases[i].quote != NULL)
			is_str(d->nquotes > 0 ? d->quotes[0] : NULL,
			    cases[i].quote, "text: %s: the quotation",
			    cases[i].name);
		free(t);
		render_doc_free(d);
	}
	for (i = 0; i < ARRAYSIZE(attr_cases); i++) {
		d = render(attr_cases[i].html, 40, 0);
		t = doc_text(d);
		is_str(t, attr_cases[i].want, "attr: %s", attr_cases[i].name);
		free(t);
		render_doc_free(d);
	}
}

/* The loops that pass over ASCII eight bytes at a time must stop at a
 * byte of another kind wherever it falls in the word: a control
 * character, a quotation mark, a character of more than one byte at
 * every offset from 0 to 23. */
static void
test_word_offsets(void)
{
	struct render_doc *d;
	char html[128], want[64], *t, *sp;
	int k, bad = 0;

	for (k = 0; k < 24; k++) {
		/* A control character is dropped. */
		snprintf(html, sizeof html, "<p>%.*s\x01" "b</p>", k,
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		snprintf(want, sizeof want, "%.*sb", k,
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		d = render(html, 80, 0);
		t = doc_text(d);
		if (strcmp(t, want) != 0 && bad++ < 5)
			diag("offset %d: control: %s", k, t);
		free(t);
		render_doc_free(d);
		/* A straight quotation after k letters. */
		snprintf(html, sizeof html, "<p>%.*s \"yes it is\" said</p>", k,
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		d = render(html, 80, 0);
		if ((d->nquotes != 1 || strcmp(d->quotes[0], "yes it is") != 0)
		    && bad++ < 5)
			diag("offset %d: straight quotation", k);
		sp = line_spans(&d->lines[0], ROLE_QUOTE);
		if (strcmp(sp, "[\"yes it is\"]") != 0 && bad++ < 5)
			diag("offset %d: quote span %s", k, sp);
		free(sp);
		render_doc_free(d);
		/* Character offsets of a span after k letters and a curly
		 * mark (three bytes, one character). */
		snprintf(html, sizeof html, "<p>%.*s“<b>bold</b>” and</p>", k,
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		d = render(html, 80, 0);
		sp = line_spans(&d->lines[0], ROLE_BOLD);
		if (strcmp(sp, "[bold]") != 0 && bad++ < 5)
			diag("offset %d: bold span %s", k, sp);
		free(sp);
		render_doc_free(d);
	}
	is_int(bad, 0, "offsets: controls, marks and spans at every offset");

	/* A run of white space at every offset of words and single spaces
	 * collapses to one space (none at the ends). */
	bad = 0;
	for (k = 0; k <= 32; k++) {
		static const char base[] = "aa bb cc dd ee ff gg hh ii jj kk l";
		char *o = want;
		int j;

		snprintf(html, sizeof html, "<p>%.*s \n\t %s</p>", k, base,
		    base + k);
		for (j = 0; j < k; j++)
			*o++ = base[j];
		if (o > want && o[-1] != ' ' && base[k] != ' ' &&
		    base[k] != '\0')
			*o++ = ' ';
		for (j = k; base[j] != '\0'; j++)
			*o++ = base[j];
		*o = '\0';
		d = render(html, 80, 0);
		t = doc_text(d);
		if (strcmp(t, want) != 0 && bad++ < 5)
			diag("offset %d: white space: '%s', want '%s'", k, t,
			    want);
		free(t);
		render_doc_free(d);
	}
	is_int(bad, 0, "offsets: white space collapsed at every offset");
}

/* utf8_decode_fast decides ASCII and valid two- and three-byte
 * sequences itself: it must agree with utf8_decode on every pair of
 * bytes, followed by bytes of each kind, at every length. */
static void
test_decode_fast(void)
{
	static const unsigned char third[] = {
		0x00, 0x41, 0x7F, 0x80, 0x8B, 0x9F, 0xA0, 0xAD, 0xBF, 0xC0,
		0xE2, 0xFF,
	};
	char s[4];
	uint32_t a, b;
	size_t na, nb, len;
	unsigned i, j, k;
	int bad = 0;

	for (i = 0; i < 256; i++)
		for (j = 0; j < 256; j++)
			for (k = 0; k < ARRAYSIZE(third); k++)
				for (len = 0; len <= 4; len++) {
					s[0] = (char)i;
					s[1] = (char)j;
					s[2] = (char)third[k];
					s[3] = (char)0x80;
					a = b = 0;
					na = utf8_decode(s, len, &a);
					nb = utf8_decode_fast(s, len, &b);
					if ((na != nb || a != b) && bad++ < 5)
						diag("%02x %02x %02x len %zu: "
						    "%zu/%04x, fast %zu/%04x",
						    i, j, third[k], len, na,
						    (unsigned)a, nb,
						    (unsigned)b);
				}
	is_int(bad, 0, "utf8_decode_fast agrees with utf8_decode");
}

int
main(void)
{
	utf8_init_locale();
	ok(strcmp(render_role_name(ROLE_QUOTE), "quote") == 0 &&
	    strcmp(render_role_name(ROLE_LINKNUM), "linknum") == 0,
	    "role names");
	test_layout();
	test_plain_text();
	test_spans();
	test_emoji();
	test_fixtures();
	test_garbage();
	test_bounds();
	test_related();
	test_wrap_fast();
	test_links();
	test_text_fast();
	test_word_offsets();
	test_decode_fast();
	return done_testing();
}
