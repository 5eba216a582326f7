/* render.c: an article laid out for the reader.
 *
 * The content is cleaned (invalid UTF-8 repaired, control characters
 * dropped) and parsed by libxml2's recovering HTML parser, or made into a
 * tree of paragraphs when it is plain text.  The Read-also block is lifted
 * out of the tree (readalso.c), the rest is walked into blocks
 * (render-walk.c), quotations are found over the blocks' text (quote.c)
 * and the blocks are wrapped into lines (render-wrap.c). */
#include "config.h"

#include "render.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "readalso.h"
#include "render-int.h"
#include "utf8.h"

static const char *const role_names[] = {
	"text", "heading", "bold", "italic", "underline", "link", "linknum",
	"quote", "code", "image", "rule", "note",
};

_Static_assert(ARRAYSIZE(role_names) == ROLE_LAST_RENDER,
    "a name for every role");

const char *
render_role_name(enum render_role r)
{
	if ((unsigned)r >= ARRAYSIZE(role_names))
		return "text";
	return role_names[r];
}

static xmlDocPtr
parse_html(const char *s, size_t len)
{
	if (len > INT32_MAX)
		len = INT32_MAX;
	return htmlReadMemory(s, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD);
}

/* The text herald wrote into a block ([n] link numbers, [image: …]),
 * which quotations' text leaves out. */
static struct quote_range *
link_numbers(const struct rblock *b, size_t *n)
{
	struct quote_range *r;
	size_t i, count = 0;

	*n = 0;
	for (i = 0; i < b->nspans; i++)
		count += b->spans[i].role == ROLE_LINKNUM ||
		    b->spans[i].role == ROLE_IMAGE;
	if (count == 0)
		return NULL;
	r = xcalloc(count, sizeof *r);
	for (i = 0; i < b->nspans; i++) {
		if (b->spans[i].role != ROLE_LINKNUM &&
		    b->spans[i].role != ROLE_IMAGE)
			continue;
		r[*n].start = b->spans[i].start;
		r[(*n)++].end = b->spans[i].end;
	}
	return r;
}

/* Finds the quotations over the paragraphs and marks them on blocks. */
static void
find_quotes(struct rblocks *bl, struct render_doc *doc)
{
	struct quote_para *qp;
	struct quote_range **skips;
	size_t i, j, n = 0, *which;

	qp = xcalloc(bl->n + 1, sizeof *qp);
	skips = xcalloc(bl->n + 1, sizeof *skips);
	which = xcalloc(bl->n + 1, sizeof *which);
	for (i = 0; i < bl->n; i++) {
		if (bl->v[i].kind != BLOCK_PARA)
			continue;
		qp[n].text = bl->v[i].text;
		qp[n].len = bl->v[i].len;
		qp[n].forced = bl->v[i].forced;
		qp[n].nforced = bl->v[i].nforced;
		qp[n].group = bl->v[i].group;
		skips[n] = link_numbers(&bl->v[i], &qp[n].nskip);
		qp[n].skip = skips[n];
		which[n++] = i;
	}
	quote_scan(qp, n, &doc->quotes, &doc->nquotes);
	for (i = 0; i < n; i++) {
		for (j = 0; j < qp[i].nspans; j++)
			render_block_span(&bl->v[which[i]], qp[i].spans[j].start,
			    qp[i].spans[j].end, ROLE_QUOTE);
		quote_para_clear(&qp[i]);
		free(skips[i]);
	}
	free(skips);
	free(qp);
	free(which);
}

static void
take_readalso(struct render_doc *doc, struct readalso *ra)
{
	size_t i;

	doc->readalso = xcalloc(ra->n + 1, sizeof *doc->readalso);
	for (i = 0; i < ra->n; i++) {
		doc->readalso[i].title = ra->v[i].title;
		doc->readalso[i].url = ra->v[i].url;
	}
	doc->nreadalso = ra->n;
	free(ra->v);
	ra->v = NULL;
	ra->n = 0;
}

/* The content as valid UTF-8 without control characters (but newlines
 * and tabs), what utf8_clean does, written straight into one allocation:
 * only an invalid byte (three bytes of U+FFFD) can make it grow. */
static char *
clean_input(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, o = 0, size = len + 1;
	char *out = xmalloc(size);
	uint32_t cp;

	/* Invariant: size >= o + (len - i) + 1. */
	while (i < len) {
		for (n = 0; i + n + 8 <= len &&
		    render_all_in(render_load8(s + i + n), 0x20, 0x7E); n += 8)
			;
		for (; i + n < len && ((u[i + n] >= 0x20 &&
		    u[i + n] < 0x7F) || u[i + n] == '\n' || u[i + n] == '\t');
		    n++)
			;
		if (n > 0) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		n = utf8_decode_fast(s + i, len - i, &cp);
		i += n;
		if (utf8_is_control(cp))
			continue;
		if (n == 1 && cp >= 0x80) {	/* invalid: U+FFFD */
			if (o + 3 + (len - i) + 1 > size) {
				size = size * 2 + 3;
				out = xreallocarray(out, size, 1);
			}
			o += utf8_encode(cp, out + o);
		} else {		/* valid: the same bytes */
			memcpy(out + o, s + i - n, n);
			o += n;
		}
	}
	out[o] = '\0';
	return out;
}

/* The tree of the content, with its Read-also entries taken out. */
static xmlDocPtr
build_tree(const char *content, size_t len, const struct render_opts *opts,
    struct render_doc *doc)
{
	struct readalso ra;
	xmlDocPtr tree;
	char *clean;
	size_t i;

	clean = clean_input(content, len);
	if (opts->is_text)
		tree = render_text_tree(clean, strlen(clean));
	else
		tree = parse_html(clean, strlen(clean));
	free(clean);
	memset(&ra, 0, sizeof ra);
	if (tree != NULL)
		readalso_extract(xmlDocGetRootElement(tree), opts->base_url,
		    &ra);
	for (i = 0; i < opts->nrelated; i++)
		readalso_add(&ra, opts->related[i].title != NULL ?
		    opts->related[i].title : "", opts->related[i].url);
	take_readalso(doc, &ra);
	return tree;
}

/* A bare HTML page's own <title>, cleaned, or NULL. */
static char *
head_title(xmlDocPtr tree)
{
	xmlNodePtr n = xmlDocGetRootElement(tree), c;
	xmlChar *t;
	char *s, *p, *q;

	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "head") == 0)
			break;
	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "title") == 0)
			break;
	if (c == NULL || (t = xmlNodeGetContent(c)) == NULL)
		return NULL;
	s = utf8_clean((const char *)t, strlen((const char *)t), 0);
	xmlFree(t);
	for (p = q = s; *p != '\0'; p++)	/* white space collapsed */
		if (*p != ' ' || (q > s && q[-1] != ' '))
			*q++ = *p;
	while (q > s && q[-1] == ' ')
		q--;
	*q = '\0';
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

int
render_article(const char *content, size_t len,
    const struct render_opts *opts, struct render_doc **out, char **cause)
{
	struct render_doc *doc;
	struct render_opts o = *opts;
	struct rblocks bl = { NULL, 0 };
	struct rlinks links = { NULL, 0 };
	xmlDocPtr tree;
	int truncated = 0;

	*out = NULL;
	if (content == NULL)
		return set_cause(cause, "no article content");
	o.width = o.width < 10 ? 10 : o.width > RENDER_MAX_WIDTH ?
	    RENDER_MAX_WIDTH : o.width;
	if (len > RENDER_MAX_INPUT) {
		len = RENDER_MAX_INPUT;
		truncated = 1;
	}
	doc = xcalloc(1, sizeof *doc);
	if (opts->title != NULL)
		doc->title = utf8_clean(opts->title, strlen(opts->title), 0);
	tree = build_tree(content, len, &o, doc);
	if (doc->title == NULL && tree != NULL)
		doc->title = head_title(tree);
	if (tree != NULL)
		render_walk(xmlDocGetRootElement(tree), &o, &bl, &links,
		    &truncated);
	xmlFreeDoc(tree);
	find_quotes(&bl, doc);
	render_wrap(&bl, o.width, doc, &truncated);
	render_blocks_free(&bl);
	doc->links = links.v;
	doc->nlinks = links.n;
	if (truncated)
		render_note(doc, "[herald: the article was cut short here: it "
		    "is too large or too deeply nested]", o.width);
	*out = doc;
	return 0;
}

void
render_doc_free(struct render_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	free(doc->title);
	for (i = 0; i < doc->nlines; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	free(doc->lines);
	for (i = 0; i < doc->nlinks; i++) {
		free(doc->links[i].url);
		free(doc->links[i].text);
	}
	free(doc->links);
	for (i = 0; i < doc->nquotes; i++)
		free(doc->quotes[i]);
	free(doc->quotes);
	for (i = 0; i < doc->nreadalso; i++) {
		free(doc->readalso[i].title);
		free(doc->readalso[i].url);
	}
	free(doc->readalso);
	free(doc);
}
