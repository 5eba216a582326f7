/* readalso.c: finding the "Read also" block in an article's tree.
 *
 * Four shapes are recognised, in document order:
 *   - a box: an <aside>, or an element whose class names "related", that
 *     is mostly links;
 *   - a label element (heading, paragraph, strong text that is nothing but
 *     a label such as "Read also:") followed by a list of links, by
 *     paragraphs holding one link each, by bare links between <br>s, or
 *     by "- Title" lines of plain text;
 *   - an inline paragraph "Read also: <a>Title</a>", the label followed by
 *     nothing but links and separators;
 *   - (from the caller) the item's own related links.
 * Prose that merely contains the words ("I read also that…") never
 * matches: the label must stand alone, or be followed only by links. */
#include "config.h"

#include "readalso.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include <libxml/uri.h>

#include "utf8.h"
#include "util.h"

/* Labels, lower case, without their colon. */
static const char *const labels[] = {
	/* English */
	"read also", "also read", "read more", "see also", "related",
	"related articles", "related stories", "related coverage",
	"related content", "related news", "related links", "related reading",
	"more on this", "more on this story", "more on this topic",
	"further reading", "read next",
	/* Ukrainian, Russian */
	"читайте також", "також читайте", "читайте також на", "дивіться також",
	"читайте также", "также читайте", "смотрите также",
	/* German */
	"lesen sie auch", "lesen sie dazu", "mehr zum thema", "auch lesen",
	/* French */
	"lire aussi", "à lire aussi", "a lire aussi", "voir aussi",
	"lire également", "à lire également",
	/* Spanish, Italian, Portuguese */
	"lee también", "leer también", "lea también", "ver también",
	"leggi anche", "leia também", "leia mais", "veja também",
	/* Polish, Dutch, Swedish */
	"czytaj też", "czytaj także", "zobacz też", "zobacz także",
	"lees ook", "lees meer", "läs också", "läs även", "läs mer",
	/* Japanese, Chinese */
	"関連記事", "相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀",
};

#define LABEL_MAX	96	/* bytes of text a label element may hold */
#define LABEL_VISITS	16	/* nodes looked at for a label */
#define BOX_VISITS	4000	/* nodes looked at in a box or paragraph */

struct ra {
	const char	*base;
	struct readalso	*out;
};

/* Lower case for the scripts the labels are written in. */
static uint32_t
fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c == 0x490)
		return 0x491;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	return (uint32_t)towlower((wint_t)c);
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
	    c == 0x202F || (c >= 0x2000 && c <= 0x200B) || c == 0x3000;
}

/* Decoration around a label or an entry: colons, dashes, arrows. */
static int
is_decoration(uint32_t c)
{
	static const uint32_t d[] = {
		':', 0xFF1A, '-', 0x2013, 0x2014, 0x2012, '>', 0xBB, 0xAB,
		0x203A, 0x2022, 0x25B6, 0x25BA, 0x27A4, 0x2192, '|', '.',
		0x2026, '*', '!', 0x25B8, 0x2023, 0x25CF, 0x25AA,
	};
	size_t i;

	if (c < 0x80)		/* the usual: letters are not */
		return c == ':' || c == '-' || c == '>' || c == '|' ||
		    c == '.' || c == '*' || c == '!';
	for (i = 0; i < ARRAYSIZE(d); i++)
		if (d[i] == c)
			return 1;
	return 0;
}

#define NORM_LOWER	0x1	/* fold to lower case */
#define NORM_END	0x2	/* trim decoration from the end too */

/* Text with white space collapsed and decoration trimmed from its start
 * (and end); folded to lower case when asked.  Written into one
 * allocation: a character of n bytes becomes at most 4 (a lower case
 * letter can take more bytes than its capital), a run of white space
 * one space before the next character. */
static char *
normalise(const char *s, size_t len, int flags)
{
	char *out = xmalloc(4 * len + 2);
	size_t i, n, o = 0, keep = 0;
	uint32_t c;
	int space = 0;

	for (i = 0; i < len; i += n) {
		n = utf8_decode_fast(s + i, len - i, &c);
		if (is_space(c) || utf8_is_control(c) || c == 0xAD) {
			space = o > 0;
			continue;
		}
		if (o == 0 && is_decoration(c))
			continue;
		if (space)
			out[o++] = ' ';
		space = 0;
		if (c < 0x80)
			out[o++] = (char)((flags & NORM_LOWER) ? fold(c) : c);
		else
			o += utf8_encode((flags & NORM_LOWER) ? fold(c) : c,
			    out + o);
		if (!(flags & NORM_END) || !is_decoration(c))
			keep = o;
	}
	while (keep > 0 && out[keep - 1] == ' ')
		keep--;
	out[keep] = '\0';
	return out;
}

int
readalso_is_label(const char *text, size_t len)
{
	char *s;
	size_t i;
	int r = 0;

	if (len > LABEL_MAX)
		return 0;
	s = normalise(text, len, NORM_LOWER | NORM_END);
	for (i = 0; i < ARRAYSIZE(labels) && !r; i++)
		r = s[0] == labels[i][0] && strcmp(s, labels[i]) == 0;
	free(s);
	return r;
}

/* Element names come in lower case from libxml2's HTML parser. */
static int
is_named(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    n->name[0] == (unsigned char)name[0] &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
is_link(xmlNodePtr n)
{
	return is_named(n, "a") && xmlHasProp(n, (const xmlChar *)"href");
}

/* The next node in document order under top, skipping n's children when
 * asked. */
static xmlNodePtr
next_node(xmlNodePtr n, xmlNodePtr top, int into)
{
	if (into && n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != NULL && n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static int only_separators(const char *, size_t);

static int
is_under(xmlNodePtr c, xmlNodePtr a)
{
	for (; c != NULL; c = c->parent)
		if (c == a)
			return 1;
	return 0;
}

/* What gather found under a node. */
struct text {
	struct buf	 b;
	size_t		 link_bytes;	/* of b, inside links */
	int		 nlinks;
	int		 cut;		/* the cap or visits ran out */
};

/* The text under n, up to cap bytes and visits nodes. */
static void
gather(xmlNodePtr n, struct text *t, size_t cap, int visits)
{
	xmlNodePtr c = n, in_link = NULL;
	size_t len;

	memset(t, 0, sizeof *t);
	buf_init(&t->b, 0);
	buf_add(&t->b, "", 0);
	while (c != NULL) {
		if (visits-- <= 0 || t->b.len > cap) {
			t->cut = 1;
			break;
		}
		if (in_link != NULL && !is_under(c, in_link))
			in_link = NULL;
		if (in_link == NULL && is_link(c)) {
			in_link = c;
			t->nlinks++;
		}
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			len = strlen((const char *)c->content);
			buf_add(&t->b, c->content, len);
			if (in_link != NULL)
				t->link_bytes += len;
		}
		if (is_named(c, "br") || is_named(c, "li") || is_named(c, "p"))
			buf_addc(&t->b, ' ');
		c = next_node(c, n, !is_named(c, "script") &&
		    !is_named(c, "style"));
	}
}

/* Whether n is nothing but a label.  Called for every element, so it
 * gives up early: a label is a few nodes, no link, a few words. */
static int
is_label_node(xmlNodePtr n)
{
	char text[LABEL_MAX + 1];
	size_t len = 0, l;
	xmlNodePtr c;
	int visits = LABEL_VISITS;

	for (c = n; c != NULL; c = next_node(c, n, 1)) {
		if (visits-- <= 0 || is_link(c))
			return 0;
		if (c->type != XML_TEXT_NODE || c->content == NULL)
			continue;
		l = strlen((const char *)c->content);
		if (len + l + 1 > LABEL_MAX)
			return 0;
		memcpy(text + len, c->content, l);
		len += l;
		text[len++] = ' ';
	}
	return len > 0 && readalso_is_label(text, len);
}

static char *
resolve(const struct ra *ra, const char *href)
{
	xmlChar *u;
	char *s;

	if (ra->base == NULL)
		return xstrdup(href);
	if ((u = xmlBuildURI((const xmlChar *)href,
	    (const xmlChar *)ra->base)) == NULL)
		return xstrdup(href);
	s = xstrdup((const char *)u);
	xmlFree(u);
	return s;
}

/* Adds an entry from a node: its text as title, url from link (or the
 * first link under the node). */
static void
add_from(struct ra *ra, xmlNodePtr n, xmlNodePtr link)
{
	struct text t;
	xmlChar *href = NULL;
	char *url = NULL, *clean;
	xmlNodePtr c;

	for (c = n; link == NULL && c != NULL; c = next_node(c, n, 1))
		if (is_link(c))
			link = c;
	if (link != NULL)
		href = xmlGetProp(link, (const xmlChar *)"href");
	if (href != NULL) {
		clean = utf8_clean((const char *)href,
		    strlen((const char *)href), 0);
		if (clean[0] != '\0' && clean[0] != '#' &&
		    strncasecmp(clean, "javascript:", 11) != 0)
			url = resolve(ra, clean);
		free(clean);
		xmlFree(href);
	}
	if (link != NULL) {
		gather(link, &t, 1024, BOX_VISITS);
		if (only_separators(t.b.data, t.b.len)) {
			buf_free(&t.b);
			gather(n, &t, 1024, BOX_VISITS);
		}
	} else
		gather(n, &t, 1024, BOX_VISITS);
	readalso_add(ra->out, t.b.data, url);
	buf_free(&t.b);
	free(url);
}

/* Class names of Read-also boxes (lower case, matched inside words:
 * "article__related-links", "readAlso"). */
static const char *const box_classes[] = {
	"related", "read-also", "readalso", "read_also", "see-also",
	"seealso",
};

/* A box of links: an aside or an element whose class names "related". */
static int
is_box(xmlNodePtr n)
{
	xmlChar *cls;
	char *p;
	size_t i;
	int r = 0;

	if (is_named(n, "aside"))
		return 1;
	if (is_named(n, "body") || is_named(n, "html") || is_named(n, "main"))
		return 0;
	if ((cls = xmlGetProp(n, (const xmlChar *)"class")) == NULL)
		return 0;
	for (p = (char *)cls; *p != '\0'; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	for (i = 0; i < ARRAYSIZE(box_classes) && !r; i++)
		r = strstr((const char *)cls, box_classes[i]) != NULL;
	xmlFree(cls);
	return r;
}

/* A box whose text is mostly links gives one entry per link. */
static int
take_box(struct ra *ra, xmlNodePtr n)
{
	struct text t;
	xmlNodePtr c;
	int mostly;

	gather(n, &t, 64 * 1024, BOX_VISITS);
	mostly = !t.cut && t.nlinks > 0 && t.link_bytes * 2 >= t.b.len -
	    (t.b.len > 40 ? 40 : t.b.len);
	buf_free(&t.b);
	if (!mostly)
		return 0;
	for (c = n; c != NULL; c = next_node(c, n, !is_link(c)))
		if (is_link(c))
			add_from(ra, c, c);
	return 1;
}

static int
starts_with_bullet(const char *s)
{
	static const char *const marks[] = {
		"- ", "* ", "\xe2\x80\xa2", "\xe2\x80\x93 ", "\xe2\x80\x94 ",
		"\xe2\x96\xba", "\xc2\xbb",
	};
	size_t i;

	s += strspn(s, " \t\n");
	for (i = 0; i < ARRAYSIZE(marks); i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return 1;
	return 0;
}

/* Whether text holds nothing but separators (bullets, dashes, bars). */
static int
only_separators(const char *s, size_t len)
{
	size_t i, n;
	uint32_t c;

	for (i = 0; i < len; i += n) {
		n = utf8_decode_fast(s + i, len - i, &c);
		if (!is_space(c) && !is_decoration(c) && c != ',' && c != ';')
			return 0;
	}
	return 1;
}

/* One entry of a sequence after a label: a paragraph (or bare link)
 * holding one link and separators, or a "- Title" line. */
static int
is_entry_para(xmlNodePtr n)
{
	struct text t;
	int r;

	if (is_link(n))
		return 1;
	if (!is_named(n, "p") && !is_named(n, "div") && !is_named(n, "h3") &&
	    !is_named(n, "h4") && !is_named(n, "h5") && !is_named(n, "li"))
		return 0;
	gather(n, &t, 2048, BOX_VISITS);
	r = !t.cut && ((t.nlinks == 1 && only_separators(t.b.data,
	    t.b.len - t.link_bytes) && t.link_bytes > 0) ||
	    (t.nlinks <= 1 && starts_with_bullet(t.b.data)));
	if (r && t.nlinks == 0)
		r = t.b.len > 2;
	buf_free(&t.b);
	return r;
}

/* Siblings that carry no content between entries. */
static int
is_filler(xmlNodePtr n)
{
	const char *s;

	if (n->type == XML_COMMENT_NODE || is_named(n, "br"))
		return 1;
	if (n->type != XML_TEXT_NODE)
		return 0;
	s = (const char *)n->content;
	return s == NULL || only_separators(s, strlen(s));
}

static void
drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Entries of the list that follows a label; the nodes taken are
 * removed.  Returns whether any was found. */
static int
take_after_label(struct ra *ra, xmlNodePtr label)
{
	xmlNodePtr s = label->next, next, c;
	size_t before = ra->out->n;

	while (s != NULL && is_filler(s))
		s = s->next;
	if (s == NULL)
		return 0;
	if (is_named(s, "ul") || is_named(s, "ol")) {
		for (c = s->children; c != NULL; c = c->next)
			if (is_named(c, "li"))
				add_from(ra, c, NULL);
		drop(s);
		return ra->out->n > before;
	}
	if (!is_entry_para(s) && (is_named(s, "div") || is_named(s, "section") ||
	    is_named(s, "nav"))) {
		if (!take_box(ra, s))
			return 0;
		drop(s);
		return 1;
	}
	while (s != NULL && (is_filler(s) || is_entry_para(s))) {
		next = s->next;
		if (!is_filler(s))
			add_from(ra, s, is_link(s) ? s : NULL);
		drop(s);
		s = next;
	}
	return ra->out->n > before;
}

/* A paragraph that is one link whose words start with the label:
 * <a href="…">Read also: Title</a>. */
static int
label_in_link(struct ra *ra, xmlNodePtr n, xmlNodePtr link)
{
	struct text t;
	xmlChar *href;
	char *colon, *url = NULL;
	int r;

	gather(n, &t, 1024, BOX_VISITS);
	r = t.nlinks == 1 && !t.cut;
	buf_free(&t.b);
	if (!r)
		return 0;	/* more than one link */
	r = 0;
	gather(link, &t, 1024, BOX_VISITS);
	colon = strchr(t.b.data, ':');
	if (!t.cut && colon != NULL && readalso_is_label(t.b.data,
	    (size_t)(colon - t.b.data)) && !only_separators(colon + 1,
	    strlen(colon + 1))) {
		if ((href = xmlGetProp(link, (const xmlChar *)"href")) != NULL) {
			url = resolve(ra, (const char *)href);
			xmlFree(href);
		}
		readalso_add(ra->out, colon + 1, url);
		free(url);
		r = 1;
	}
	buf_free(&t.b);
	return r;
}

/* The inline form: a label (with its colon, or in bold) and then nothing
 * but links and separators. */
static int
take_inline(struct ra *ra, xmlNodePtr n)
{
	struct buf prefix;
	xmlNodePtr c, first = NULL, in_link = NULL;
	int visits = BOX_VISITS, ok = 1, bold = 0;
	const char *s;

	buf_init(&prefix, 0);
	buf_add(&prefix, "", 0);
	for (c = n->children; c != NULL && ok; c = next_node(c, n, 1)) {
		if (visits-- <= 0 || prefix.len > LABEL_MAX)
			ok = 0;
		else if (in_link != NULL && is_under(c, in_link))
			continue;
		in_link = NULL;
		if (is_link(c)) {
			in_link = c;
			if (first == NULL)
				first = c;
		} else if (c->type == XML_TEXT_NODE && c->content != NULL) {
			s = (const char *)c->content;
			if (first == NULL) {
				buf_adds(&prefix, s);
				bold |= is_named(c->parent, "strong") ||
				    is_named(c->parent, "b");
			} else
				ok = only_separators(s, strlen(s));
		} else if (is_named(c, "script") || is_named(c, "style"))
			ok = 0;
	}
	if (ok && first != NULL && only_separators(prefix.data, prefix.len)) {
		buf_free(&prefix);
		return label_in_link(ra, n, first);
	}
	ok = ok && first != NULL && readalso_is_label(prefix.data, prefix.len) &&
	    (bold || strchr(prefix.data, ':') != NULL ||
	    strstr(prefix.data, "\xef\xbc\x9a") != NULL);
	buf_free(&prefix);
	if (!ok)
		return 0;
	for (c = first; c != NULL; c = next_node(c, n, !is_link(c)))
		if (is_link(c))
			add_from(ra, c, c);
	return 1;
}

/* Elements that may hold a label or an inline entry. */
static int
is_candidate(xmlNodePtr n)
{
	static const char *const skip[] = {
		"a", "li", "ul", "ol", "html", "body", "head", "table", "tr",
		"td", "th", "tbody", "thead", "script", "style", "br", "img",
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(skip); i++)
		if (is_named(n, skip[i]))
			return 0;
	return 1;
}

static int
is_inline_candidate(xmlNodePtr n)
{
	static const char *const ok[] = {
		"p", "div", "li", "h2", "h3", "h4", "h5", "h6", "strong", "b",
		"em", "span",
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(ok); i++)
		if (is_named(n, ok[i]))
			return 1;
	return 0;
}

/* Whether n (an element) is or starts a Read-also block; its entries are
 * taken and the siblings that held them removed. */
static int
take(struct ra *ra, xmlNodePtr n)
{
	if (is_box(n))
		return take_box(ra, n);
	if (is_candidate(n) && is_label_node(n))
		return take_after_label(ra, n);
	if (is_inline_candidate(n))
		return take_inline(ra, n);
	return 0;
}

void
readalso_extract(xmlNodePtr root, const char *base_url, struct readalso *out)
{
	struct ra ra;
	xmlNodePtr n = root, next;

	ra.base = base_url;
	ra.out = out;
	while (n != NULL) {
		if (n != root && n->type == XML_ELEMENT_NODE && take(&ra, n)) {
			next = next_node(n, root, 0);
			drop(n);
			n = next;
			continue;
		}
		n = next_node(n, root, 1);
	}
}

/* An entry, unless one with the same link (or, without links, the same
 * title) is there.  Links are compared as they will be stored, cleaned:
 * two raw links that differ only in what cleaning removes are one. */
void
readalso_add(struct readalso *ra, const char *title, const char *url)
{
	char *t = normalise(title, strlen(title), 0), *u = NULL;
	size_t i;

	if (t[0] == '\0' && url == NULL) {
		free(t);
		return;
	}
	if (url != NULL)
		u = utf8_clean(url, strlen(url), 0);
	for (i = 0; i < ra->n; i++) {
		if (u != NULL ? (ra->v[i].url != NULL &&
		    strcmp(ra->v[i].url, u) == 0) :
		    strcmp(ra->v[i].title, t) == 0) {
			/* an image link came first: take the words now */
			if (u != NULL && t[0] != '\0' &&
			    strcmp(ra->v[i].title, ra->v[i].url) == 0) {
				free(ra->v[i].title);
				ra->v[i].title = t;
			} else
				free(t);
			free(u);
			return;
		}
	}
	if (t[0] == '\0') {
		free(t);
		t = xstrdup(u);
	}
	ra->v = xreallocarray(ra->v, ra->n + 1, sizeof *ra->v);
	ra->v[ra->n].title = t;
	ra->v[ra->n].url = u;
	ra->n++;
}

void
readalso_clear(struct readalso *ra)
{
	size_t i;

	for (i = 0; i < ra->n; i++) {
		free(ra->v[i].title);
		free(ra->v[i].url);
	}
	free(ra->v);
	ra->v = NULL;
	ra->n = 0;
}
