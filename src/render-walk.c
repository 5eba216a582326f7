/* render-walk.c: the parsed HTML tree walked into blocks.
 *
 * Text is gathered the way a browser lays it out: white space collapsed
 * to single spaces except in <pre>, control and invisible formatting
 * characters dropped, generated text ([image: …], link numbers, <q>
 * marks) added where the element stands.  Inline markup becomes spans of
 * the current block; block elements end it.  Margins (list indents,
 * blockquote bars) travel down the walk as a string every line of a block
 * is drawn after. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "render-int.h"
#include "utf8.h"

enum tag_kind {
	T_INLINE = 0,
	T_ROLE,			/* inline with a role */
	T_BLOCK,
	T_DROP,
	T_A,
	T_IMG,
	T_BR,
	T_HR,
	T_HEADING,
	T_LIST,
	T_OLIST,
	T_LI,
	T_PRE,
	T_BLOCKQUOTE,
	T_Q,
	T_TABLE,
	T_TR,
	T_CELL,
	T_HCELL,
	T_DL,
	T_DT,
	T_DD,
	T_CAPTION,		/* figcaption, table caption: italic */
	T_IFRAME,
	T_MEDIA,
};

static const struct {
	const char	*name;
	enum tag_kind	 kind;
	enum render_role role;
} tags[] = {
	{ "a", T_A, ROLE_LINK },
	{ "address", T_BLOCK, ROLE_TEXT },
	{ "article", T_BLOCK, ROLE_TEXT },
	{ "aside", T_BLOCK, ROLE_TEXT },
	{ "audio", T_MEDIA, ROLE_IMAGE },
	{ "b", T_ROLE, ROLE_BOLD },
	{ "blockquote", T_BLOCKQUOTE, ROLE_QUOTE },
	{ "body", T_BLOCK, ROLE_TEXT },
	{ "br", T_BR, ROLE_TEXT },
	{ "button", T_DROP, ROLE_TEXT },
	{ "canvas", T_DROP, ROLE_TEXT },
	{ "caption", T_CAPTION, ROLE_ITALIC },
	{ "center", T_BLOCK, ROLE_TEXT },
	{ "cite", T_ROLE, ROLE_ITALIC },
	{ "code", T_ROLE, ROLE_CODE },
	{ "dd", T_DD, ROLE_TEXT },
	{ "details", T_BLOCK, ROLE_TEXT },
	{ "dfn", T_ROLE, ROLE_ITALIC },
	{ "dialog", T_DROP, ROLE_TEXT },
	{ "dir", T_LIST, ROLE_TEXT },
	{ "div", T_BLOCK, ROLE_TEXT },
	{ "dl", T_DL, ROLE_TEXT },
	{ "dt", T_DT, ROLE_BOLD },
	{ "em", T_ROLE, ROLE_ITALIC },
	{ "embed", T_DROP, ROLE_TEXT },
	{ "fieldset", T_BLOCK, ROLE_TEXT },
	{ "figcaption", T_CAPTION, ROLE_ITALIC },
	{ "figure", T_BLOCK, ROLE_TEXT },
	{ "footer", T_BLOCK, ROLE_TEXT },
	{ "form", T_BLOCK, ROLE_TEXT },
	{ "frame", T_IFRAME, ROLE_LINK },
	{ "frameset", T_BLOCK, ROLE_TEXT },
	{ "h1", T_HEADING, ROLE_HEADING },
	{ "h2", T_HEADING, ROLE_HEADING },
	{ "h3", T_HEADING, ROLE_HEADING },
	{ "h4", T_HEADING, ROLE_HEADING },
	{ "h5", T_HEADING, ROLE_HEADING },
	{ "h6", T_HEADING, ROLE_HEADING },
	{ "head", T_DROP, ROLE_TEXT },
	{ "header", T_BLOCK, ROLE_TEXT },
	{ "hgroup", T_BLOCK, ROLE_TEXT },
	{ "hr", T_HR, ROLE_RULE },
	{ "i", T_ROLE, ROLE_ITALIC },
	{ "iframe", T_IFRAME, ROLE_LINK },
	{ "img", T_IMG, ROLE_IMAGE },
	{ "input", T_DROP, ROLE_TEXT },
	{ "ins", T_ROLE, ROLE_UNDERLINE },
	{ "kbd", T_ROLE, ROLE_CODE },
	{ "legend", T_BLOCK, ROLE_TEXT },
	{ "li", T_LI, ROLE_TEXT },
	{ "link", T_DROP, ROLE_TEXT },
	{ "listing", T_PRE, ROLE_CODE },
	{ "main", T_BLOCK, ROLE_TEXT },
	{ "map", T_DROP, ROLE_TEXT },
	{ "mark", T_ROLE, ROLE_BOLD },
	{ "math", T_DROP, ROLE_TEXT },
	{ "menu", T_LIST, ROLE_TEXT },
	{ "meta", T_DROP, ROLE_TEXT },
	{ "nav", T_BLOCK, ROLE_TEXT },
	{ "noembed", T_DROP, ROLE_TEXT },
	{ "noframes", T_DROP, ROLE_TEXT },
	{ "noscript", T_DROP, ROLE_TEXT },
	{ "object", T_DROP, ROLE_TEXT },
	{ "ol", T_OLIST, ROLE_TEXT },
	{ "option", T_DROP, ROLE_TEXT },
	{ "p", T_BLOCK, ROLE_TEXT },
	{ "picture", T_INLINE, ROLE_TEXT },
	{ "plaintext", T_PRE, ROLE_CODE },
	{ "pre", T_PRE, ROLE_CODE },
	{ "q", T_Q, ROLE_QUOTE },
	{ "samp", T_ROLE, ROLE_CODE },
	{ "script", T_DROP, ROLE_TEXT },
	{ "section", T_BLOCK, ROLE_TEXT },
	{ "select", T_DROP, ROLE_TEXT },
	{ "source", T_DROP, ROLE_TEXT },
	{ "strong", T_ROLE, ROLE_BOLD },
	{ "style", T_DROP, ROLE_TEXT },
	{ "summary", T_BLOCK, ROLE_TEXT },
	{ "svg", T_DROP, ROLE_TEXT },
	{ "table", T_TABLE, ROLE_TEXT },
	{ "tbody", T_INLINE, ROLE_TEXT },
	{ "td", T_CELL, ROLE_TEXT },
	{ "template", T_DROP, ROLE_TEXT },
	{ "textarea", T_DROP, ROLE_TEXT },
	{ "tfoot", T_INLINE, ROLE_TEXT },
	{ "th", T_HCELL, ROLE_BOLD },
	{ "thead", T_INLINE, ROLE_TEXT },
	{ "title", T_DROP, ROLE_TEXT },
	{ "tr", T_TR, ROLE_TEXT },
	{ "tt", T_ROLE, ROLE_CODE },
	{ "u", T_ROLE, ROLE_UNDERLINE },
	{ "ul", T_LIST, ROLE_TEXT },
	{ "var", T_ROLE, ROLE_ITALIC },
	{ "video", T_MEDIA, ROLE_IMAGE },
	{ "xmp", T_PRE, ROLE_CODE },
};

/* Bullets by list depth. */
static const char *const bullets[] = { "•", "◦", "▪" };

struct walk {
	const struct render_opts *opts;
	struct rblocks	*out;
	struct rlinks	*links;
	struct rblock	 cur;		/* the block being gathered */
	struct buf	 text;
	unsigned	 serial;	/* counts flushes: stale span starts */
	int		 pending_space;
	struct buf	 margin;
	char		*first;		/* the next block's first-line prefix */
	size_t		 first_cut;	/* ...replacing margin from here */
	enum render_role block_role;
	int		 pre;
	int		 quote;		/* blockquote depth */
	int		 group;
	int		 ngroups;
	int		 cell;		/* inside a table row */
	int		 ncell;
	int		 qdepth;	/* <q> depth */
	int		 compact;	/* blocks of one list, table, dl */
	int		 ncompact;
	int		 list_depth;
	int		 truncated;
	int		 in_link;	/* inside an <a> that has a number */
	size_t		 total;
	size_t		*slots;		/* link index + 1 by URL hash */
	size_t		 nslots;
	char		*root;		/* "scheme://host" of the base, or NULL */
	int		 root_known;	/* root has been worked out */
};

static void walk_children(struct walk *, xmlNodePtr, int);
static void walk_node(struct walk *, xmlNodePtr, int);

/* libxml2's HTML parser gives element names in lower case. */
static int
tag_compare(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

static size_t
tag_find(const char *name)
{
	const char *const *p;

	p = bsearch(name, tags, ARRAYSIZE(tags), sizeof tags[0], tag_compare);
	if (p == NULL)
		return (size_t)-1;
	return (size_t)((const char *)p - (const char *)tags) / sizeof tags[0];
}

void
render_block_span(struct rblock *b, size_t start, size_t end,
    enum render_role role)
{
	if (start >= end)
		return;
	b->spans = render_grow(b->spans, b->nspans, sizeof *b->spans);
	b->spans[b->nspans].start = start;
	b->spans[b->nspans].end = end;
	b->spans[b->nspans].role = role;
	b->nspans++;
}

static void
push_block(struct walk *w, struct rblock *b)
{
	struct rblocks *o = w->out;

	o->v = render_grow(o->v, o->n, sizeof *o->v);
	o->v[o->n++] = *b;
}

/* The margin for the block being ended, and its first-line variant. */
static void
take_margins(struct walk *w, struct rblock *b)
{
	b->margin = xstrdup(w->margin.len > 0 ? w->margin.data : "");
	if (w->first != NULL) {
		xasprintf(&b->first, "%.*s%s", (int)w->first_cut,
		    w->margin.len > 0 ? w->margin.data : "", w->first);
		free(w->first);
		w->first = NULL;
	}
	b->quote = w->quote > 0;
	b->group = w->quote > 0 ? w->group : 0;
	b->compact = w->compact;
}

/* Spans and <q> ranges are cut to the text as trimmed; unfinished <q>
 * ranges (a block ended inside one) are dropped. */
static void
trim_block(struct rblock *b)
{
	size_t i, j;

	for (i = j = 0; i < b->nspans; i++) {
		if (b->spans[i].end > b->len)
			b->spans[i].end = b->len;
		if (b->spans[i].start < b->spans[i].end)
			b->spans[j++] = b->spans[i];
	}
	b->nspans = j;
	for (i = j = 0; i < b->nforced; i++) {
		if (b->forced[i].end != 0 && b->forced[i].end <= b->len)
			b->forced[j++] = b->forced[i];
	}
	b->nforced = j;
}

/* Cuts the text back to l bytes. */
static void
text_cut(struct walk *w, size_t l)
{
	w->text.len = l;
	if (w->text.data != NULL)
		w->text.data[l] = '\0';
}

/* Ends the current block, if it holds any text. */
static void
flush(struct walk *w, enum block_kind kind)
{
	struct rblock *b = &w->cur;

	while (w->text.len > 0 && (w->text.data[w->text.len - 1] == ' ' ||
	    w->text.data[w->text.len - 1] == '\n'))
		text_cut(w, w->text.len - 1);
	w->pending_space = 0;
	w->serial++;
	if (w->text.len == 0) {
		free(b->spans);
		free(b->forced);
		memset(b, 0, sizeof *b);
		return;
	}
	b->kind = w->pre ? BLOCK_PRE : kind;	/* a <p> inside <pre> too */
	b->len = w->text.len;
	/* The block gets its text at its size; the walk keeps its buffer
	 * for the next, instead of growing a new one from nothing. */
	b->text = xstrndup(w->text.data, w->text.len);
	text_cut(w, 0);
	trim_block(b);
	if (w->block_role != ROLE_TEXT)
		render_block_span(b, 0, b->len, w->block_role);
	take_margins(w, b);
	push_block(w, b);
	memset(b, 0, sizeof *b);
}

static void
add_rule(struct walk *w)
{
	struct rblock b;

	flush(w, BLOCK_PARA);
	memset(&b, 0, sizeof b);
	b.kind = BLOCK_RULE;
	b.text = xstrdup("");
	take_margins(w, &b);
	push_block(w, &b);
}

/* Room for more text under the size bound. */
static int
room(struct walk *w, size_t n)
{
	if (w->total + n > RENDER_MAX_TEXT) {
		w->truncated = 1;
		return 0;
	}
	w->total += n;
	return 1;
}

/* Writes a pending collapsed space before new visible text. */
static void
settle_space(struct walk *w)
{
	if (w->pending_space && w->text.len > 0 &&
	    w->text.data[w->text.len - 1] != ' ' &&
	    w->text.data[w->text.len - 1] != '\n')
		buf_addc(&w->text, ' ');
	w->pending_space = 0;
}

/* Characters that take no part in layout and would only confuse it. */
static int
is_dropped(uint32_t cp)
{
	return utf8_is_control(cp) || cp == 0x2060 || cp == 0xFEFF ||
	    cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB);
}

static int
is_collapsible(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == 0x2028 || cp == 0x2029;
}

/* Whether the eight bytes at s (and a ninth to look at), which follow
 * a printed character that is no space, are words and single spaces
 * that come through collapsing as they are: printable ASCII, no two
 * spaces side by side, and a space at the end followed by a word. */
static int
is_prose8(const char *s)
{
	uint64_t x = render_load8(s), v, sp;

	if (!render_all_in(x, 0x20, 0x7E) || (s[7] == ' ' &&
	    ((unsigned char)s[8] <= ' ' || (unsigned char)s[8] >= 0x7F)))
		return 0;
	v = x ^ (RENDER_ONES * ' ');	/* a space is a zero byte */
	sp = ~(((v & ~RENDER_HIGHS) + ~RENDER_HIGHS) | v) & RENDER_HIGHS;
	return (sp & (sp << 8)) == 0;
}

/* Appends a text node's characters, white space collapsed.  The text
 * grows by at most len bytes and one pending space, reserved at once;
 * printable ASCII and spaces, the bulk of any article, are handled
 * without decoding. */
static void
add_text(struct walk *w, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *base, *d;
	size_t i = 0, n, k;
	uint32_t cp;

	if (!room(w, len))
		return;
	d = buf_reserve(&w->text, len + 1);
	base = w->text.data;
	while (i < len) {
		if (u[i] > ' ' && u[i] < 0x7F) {
			if (w->pending_space && d > base && d[-1] != ' ' &&
			    d[-1] != '\n')
				*d++ = ' ';
			w->pending_space = 0;
			/* Words and the single spaces between them come
			 * through collapsing as they are. */
			for (;;) {
				while (!w->pre && i + 9 <= len &&
				    is_prose8(s + i)) {
					memcpy(d, s + i, 8);
					d += 8;
					i += 8;
				}
				while (i < len && u[i] > ' ' && u[i] < 0x7F)
					*d++ = s[i++];
				if (w->pre || i + 1 >= len || u[i] != ' ' ||
				    u[i + 1] <= ' ' || u[i + 1] >= 0x7F)
					break;
				*d++ = ' ';
				i++;
			}
			continue;
		}
		n = utf8_decode_fast(s + i, len - i, &cp);
		if (w->pre && (cp == '\n' || cp == '\t')) {
			*d++ = (char)cp;
			i += n;
			continue;
		}
		if (!w->pre && is_collapsible(cp)) {
			w->pending_space = 1;
			i += n;
			continue;
		}
		if (!is_dropped(cp)) {
			if (w->pending_space && d > base && d[-1] != ' ' &&
			    d[-1] != '\n')
				*d++ = ' ';
			w->pending_space = 0;
			for (k = 0; k < n; k++)	/* at most four */
				*d++ = s[i + k];
		}
		i += n;
	}
	*d = '\0';
	w->text.len = (size_t)(d - base);
}

/* Text herald writes itself ([image: …], [3], marks), with a role. */
static void
add_generated(struct walk *w, const char *s, enum render_role role)
{
	size_t start;

	settle_space(w);
	start = w->text.len;
	buf_adds(&w->text, s);
	if (role != ROLE_TEXT)
		render_block_span(&w->cur, start, w->text.len, role);
}

/* An attribute as a clean string, or NULL.  The usual attribute is one
 * text node of printable ASCII, which is clean already: attr_clean
 * gives it as it stands in the tree (or NULL when it is not so plain),
 * attr a copy; anything else goes the way of xmlGetProp and
 * utf8_clean. */
static const char *
attr_clean(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;
	const unsigned char *p;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			break;
	if (a == NULL || a->children == NULL || a->children->next != NULL ||
	    (a->children->type != XML_TEXT_NODE &&
	    a->children->type != XML_CDATA_SECTION_NODE) ||
	    a->children->content == NULL)
		return NULL;
	for (p = a->children->content; *p >= 0x20 && *p < 0x7F; p++)
		;
	return *p == '\0' ? (const char *)a->children->content : NULL;
}

static char *
attr(xmlNodePtr n, const char *name)
{
	const char *clean;
	xmlChar *v;
	char *s;

	if ((clean = attr_clean(n, name)) != NULL)
		return xstrdup(clean);
	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = utf8_clean((const char *)v, strlen((const char *)v), 0);
	xmlFree(v);
	return s;
}

/* Whether s starts with a URI scheme and its colon ("https:"). */
static int
has_scheme(const char *s)
{
	size_t i = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	    s[i] == '.')
		i++;
	return s[i] == ':';
}

/* Characters libxml2 keeps as they are when it parses and writes a
 * URI's path, query and fragment: it unescapes and escapes again, so
 * '%' and anything outside this set may change. */
static int
is_kept(char c, int after_path)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("-._~/!$&'()*+,;=@", c) != NULL) ||
	    (after_path && c == '?');
}

/* Whether href is a path from the root ("/news/1?id=2#top") that
 * xmlBuildURI would append to the base's root unchanged. */
static int
is_plain_root_path(const char *href)
{
	const char *p = href + 1;

	if (href[0] != '/' || href[1] == '/')
		return 0;
	while (is_kept(*p, 0))
		p++;
	if (*p == '?')
		for (p++; is_kept(*p, 1); p++)
			;
	if (*p == '#')
		for (p++; is_kept(*p, 1); p++)
			;
	return *p == '\0';
}

/* The base's root as xmlBuildURI makes it, without its last slash
 * ("https://host:port"), worked out once a document; NULL when the base
 * has no authority. */
static const char *
base_root(struct walk *w)
{
	xmlChar *u;
	size_t l;

	if (w->root_known)
		return w->root;
	w->root_known = 1;
	u = xmlBuildURI((const xmlChar *)"/",
	    (const xmlChar *)w->opts->base_url);
	if (u != NULL && strstr((const char *)u, "://") != NULL &&
	    (l = strlen((const char *)u)) > 0 && u[l - 1] == '/')
		w->root = xstrndup((const char *)u, l - 1);
	xmlFree(u);
	return w->root;
}

/* A link target made absolute; NULL for what cannot be followed.  Most
 * links are absolute or from the root: those are what xmlBuildURI makes
 * of them, the first the link itself, the second the base's root and the
 * path, and are made without it. */
static char *
resolve(struct walk *w, const char *href)
{
	xmlChar *u;
	const char *root;
	char *s;
	size_t rl, hl;

	while (*href == ' ')
		href++;
	if (*href == '\0' || *href == '#' ||
	    strncasecmp(href, "javascript:", 11) == 0 ||
	    strncasecmp(href, "data:", 5) == 0 ||
	    strncasecmp(href, "vbscript:", 9) == 0)
		return NULL;
	if (w->opts->base_url == NULL || has_scheme(href))
		return xstrdup(href);
	if (is_plain_root_path(href) && (root = base_root(w)) != NULL) {
		rl = strlen(root);
		hl = strlen(href);
		s = xmalloc(rl + hl + 1);
		memcpy(s, root, rl);
		memcpy(s + rl, href, hl + 1);
		return s;
	}
	u = xmlBuildURI((const xmlChar *)href,
	    (const xmlChar *)w->opts->base_url);
	if (u == NULL)
		return xstrdup(href);
	s = xstrdup((const char *)u);
	xmlFree(u);
	return s;
}

static size_t
hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of url in the link table: its link's, or the empty one it
 * would take.  The table is kept at most half full. */
static size_t *
link_slot(struct walk *w, const char *url)
{
	size_t i, k, *old = w->slots, nold = w->nslots;

	if (w->links->n * 2 >= w->nslots) {
		w->nslots = w->nslots == 0 ? 64 : w->nslots * 2;
		w->slots = xcalloc(w->nslots, sizeof *w->slots);
		for (k = 0; k < nold; k++) {
			if (old[k] == 0)
				continue;
			i = hash(w->links->v[old[k] - 1].url) % w->nslots;
			while (w->slots[i] != 0)
				i = (i + 1) % w->nslots;
			w->slots[i] = old[k];
		}
		free(old);
	}
	i = hash(url) % w->nslots;
	while (w->slots[i] != 0 &&
	    strcmp(w->links->v[w->slots[i] - 1].url, url) != 0)
		i = (i + 1) % w->nslots;
	return &w->slots[i];
}

/* The number of url in the link list, adding it (taking url) with the
 * tlen bytes of text as its words.  The list of links shows the text on
 * one line: a <br> or <pre> inside a link must not break it. */
static int
link_number(struct walk *w, char *url, const char *text, size_t tlen)
{
	struct rlinks *l = w->links;
	size_t *slot = link_slot(w, url);
	char *p;

	if (*slot != 0) {
		free(url);
		return l->v[*slot - 1].n;
	}
	if (l->n >= RENDER_MAX_LINKS) {
		free(url);
		return 0;
	}
	*slot = l->n + 1;
	l->v = render_grow(l->v, l->n, sizeof *l->v);
	l->v[l->n].n = (int)l->n + 1;
	l->v[l->n].url = url;
	l->v[l->n].text = xstrndup(text, tlen);
	for (p = l->v[l->n].text; (p = strpbrk(p, "\n\t")) != NULL; p++)
		*p = ' ';
	return l->v[l->n++].n;
}

/* Appends the link's "[n]" (written by hand: snprintf was a tenth of
 * the walk's time). */
static void
add_link_number(struct walk *w, char *url, const char *text, size_t tlen)
{
	char num[32], *p = num + sizeof num;
	int n = link_number(w, url, text, tlen);

	if (n <= 0)
		return;
	*--p = ']';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	*--p = '[';
	buf_add(&w->text, p, (size_t)(num + sizeof num - p));
	render_block_span(&w->cur, w->text.len - (size_t)(num + sizeof num -
	    p), w->text.len, ROLE_LINKNUM);
}

static void
walk_a(struct walk *w, xmlNodePtr n, int depth)
{
	const char *v = attr_clean(n, "href");
	char *href, *url = NULL;
	unsigned serial;
	size_t start;

	if (v != NULL)
		url = resolve(w, v);
	else if ((href = attr(n, "href")) != NULL) {
		url = resolve(w, href);
		free(href);
	}
	settle_space(w);
	serial = w->serial;
	start = w->text.len;
	w->in_link += url != NULL;
	walk_children(w, n, depth);
	if (url == NULL)
		return;
	w->in_link--;
	if (serial != w->serial)
		start = 0;
	render_block_span(&w->cur, start, w->text.len, ROLE_LINK);
	add_link_number(w, url, w->text.data != NULL ? w->text.data + start :
	    "", w->text.len - start);
}

/* A tracking pixel is no image. */
static int
is_pixel(xmlNodePtr n)
{
	char *wd = attr(n, "width"), *ht = attr(n, "height");
	int r;

	r = (wd != NULL && (strcmp(wd, "1") == 0 || strcmp(wd, "0") == 0)) ||
	    (ht != NULL && (strcmp(ht, "1") == 0 || strcmp(ht, "0") == 0));
	free(wd);
	free(ht);
	return r;
}

static void
walk_img(struct walk *w, xmlNodePtr n)
{
	char *alt, *src, *url = NULL, *label;

	if (is_pixel(n))
		return;
	alt = attr(n, "alt");
	if ((src = attr(n, "src")) == NULL || strncmp(src, "data:", 5) == 0) {
		free(src);
		src = attr(n, "data-src");
	}
	if (src != NULL)
		url = resolve(w, src);
	free(src);
	if (alt != NULL && alt[strspn(alt, " ")] != '\0')
		xasprintf(&label, "[image: %s]", alt + strspn(alt, " "));
	else
		label = xstrdup("[image]");
	add_generated(w, label, ROLE_IMAGE);
	if (url != NULL && w->in_link == 0)
		add_link_number(w, url, alt != NULL ? alt : "",
		    alt != NULL ? strlen(alt) : 0);
	else
		free(url);	/* the enclosing link is the one to follow */
	free(label);
	free(alt);
}

/* Frames and players become a link to what they would show. */
static void
walk_embed(struct walk *w, xmlNodePtr n, const char *what)
{
	char *src = attr(n, "src"), *url = NULL, *label;
	xmlNodePtr c;

	for (c = n->children; src == NULL && c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)c->name, "source") == 0)
			src = attr(c, "src");
	}
	if (src != NULL)
		url = resolve(w, src);
	free(src);
	if (url == NULL)
		return;
	xasprintf(&label, "[%s]", what);
	add_generated(w, label, ROLE_IMAGE);
	add_link_number(w, url, what, strlen(what));
	free(label);
}

static void
walk_q(struct walk *w, xmlNodePtr n, int depth)
{
	struct quote_range *r;
	size_t idx;
	unsigned serial;
	int odd = w->qdepth % 2;

	settle_space(w);
	serial = w->serial;
	idx = w->cur.nforced;
	w->cur.forced = render_grow(w->cur.forced, idx,
	    sizeof *w->cur.forced);
	r = &w->cur.forced[w->cur.nforced++];
	memset(r, 0, sizeof *r);
	r->start = w->text.len;
	buf_adds(&w->text, odd ? "‘" : "“");
	r->inner_start = w->text.len;
	w->qdepth++;
	walk_children(w, n, depth);
	w->qdepth--;
	if (serial != w->serial)
		return;		/* a block ended inside: no quotation */
	r = &w->cur.forced[idx];
	while (w->text.len > r->inner_start &&
	    w->text.data[w->text.len - 1] == ' ')
		text_cut(w, w->text.len - 1);
	r->inner_end = w->text.len;
	buf_adds(&w->text, odd ? "’" : "”");
	r->end = w->text.len;
}

static void
walk_role(struct walk *w, xmlNodePtr n, int depth, enum render_role role)
{
	unsigned serial;
	size_t start;

	settle_space(w);
	serial = w->serial;
	start = w->text.len;
	walk_children(w, n, depth);
	if (serial != w->serial)
		start = 0;
	render_block_span(&w->cur, start, w->text.len, role);
}

static void
walk_br(struct walk *w)
{
	size_t l = w->text.len;

	w->pending_space = 0;
	if (l == 0 || (l >= 2 && w->text.data[l - 1] == '\n' &&
	    w->text.data[l - 2] == '\n'))
		return;
	while (l > 0 && w->text.data[l - 1] == ' ')
		l--;
	text_cut(w, l);
	buf_addc(&w->text, '\n');
}

/* A block element: its own block, with a role over all of it. */
static void
walk_block(struct walk *w, xmlNodePtr n, int depth, enum render_role role,
    int compact)
{
	enum render_role saved = w->block_role;
	int saved_compact = w->compact;

	if (w->cell) {		/* blocks in a table cell stay inline */
		w->pending_space = 1;
		walk_children(w, n, depth);
		w->pending_space = 1;
		return;
	}
	flush(w, BLOCK_PARA);
	if (role != ROLE_TEXT)
		w->block_role = role;
	if (compact >= 0)
		w->compact = compact;
	walk_children(w, n, depth);
	flush(w, BLOCK_PARA);
	w->block_role = saved;
	w->compact = saved_compact;
}

static void
walk_pre(struct walk *w, xmlNodePtr n, int depth)
{
	enum render_role saved = w->block_role;

	flush(w, BLOCK_PARA);
	w->pre++;
	w->block_role = ROLE_CODE;
	walk_children(w, n, depth);
	flush(w, BLOCK_PRE);
	w->block_role = saved;
	w->pre--;
}

/* Walks n's children with s appended to the margin. */
static void
with_margin(struct walk *w, xmlNodePtr n, int depth, const char *s,
    enum render_role role, int compact)
{
	size_t saved = w->margin.len;

	flush(w, BLOCK_PARA);
	buf_adds(&w->margin, s);
	walk_block(w, n, depth, role, compact);
	w->margin.len = saved;
	if (w->margin.data != NULL)
		w->margin.data[saved] = '\0';
}

static void
walk_blockquote(struct walk *w, xmlNodePtr n, int depth)
{
	flush(w, BLOCK_PARA);
	if (w->quote++ == 0)
		w->group = ++w->ngroups;
	with_margin(w, n, depth, "│ ", ROLE_TEXT, -1);
	w->quote--;
}

static void
walk_list(struct walk *w, xmlNodePtr n, int depth, int ordered)
{
	xmlNodePtr c;
	char *start = ordered ? attr(n, "start") : NULL;
	long num = start != NULL ? strtol(start, NULL, 10) : 1;
	char prefix[32];
	size_t saved;
	int id = w->list_depth == 0 ? ++w->ncompact : w->compact;

	free(start);
	if (num < -999999 || num > 999999)
		num = 1;
	flush(w, BLOCK_PARA);
	w->list_depth++;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcasecmp((const char *)c->name, "li") != 0) {
			walk_node(w, c, depth);
			continue;
		}
		if (ordered)
			snprintf(prefix, sizeof prefix, "%ld. ", num++);
		else
			snprintf(prefix, sizeof prefix, "%s ",
			    bullets[(w->list_depth - 1) % ARRAYSIZE(bullets)]);
		flush(w, BLOCK_PARA);
		free(w->first);
		w->first = xstrdup(prefix);
		w->first_cut = w->margin.len;
		saved = w->margin.len;
		buf_printf(&w->margin, "%*s", (int)utf8_width(prefix,
		    strlen(prefix)), "");
		walk_block(w, c, depth + 1, ROLE_TEXT, id);
		free(w->first);
		w->first = NULL;
		w->margin.len = saved;
		w->margin.data[saved] = '\0';
	}
	w->list_depth--;
}

/* A table row is one line, its cells separated by a bar. */
static void
walk_tr(struct walk *w, xmlNodePtr n, int depth)
{
	int saved = w->compact;

	if (w->cell) {
		w->pending_space = 1;
		walk_children(w, n, depth);
		return;
	}
	flush(w, BLOCK_PARA);
	w->cell = 1;
	w->ncell = 0;
	w->compact = saved != 0 ? saved : ++w->ncompact;
	walk_children(w, n, depth);
	w->cell = 0;
	flush(w, BLOCK_PARA);
	w->compact = saved;
}

static void
walk_cell(struct walk *w, xmlNodePtr n, int depth, int head)
{
	if (!w->cell) {		/* a cell outside a row */
		walk_block(w, n, depth, head ? ROLE_BOLD : ROLE_TEXT, -1);
		return;
	}
	if (w->ncell++ > 0) {
		w->pending_space = 0;
		while (w->text.len > 0 && w->text.data[w->text.len - 1] == ' ')
			text_cut(w, w->text.len - 1);
		add_generated(w, w->text.len > 0 ? " │ " : "│ ", ROLE_RULE);
	}
	if (head)
		walk_role(w, n, depth, ROLE_BOLD);
	else
		walk_children(w, n, depth);
}

static void
walk_item(struct walk *w, xmlNodePtr n, int depth)
{
	flush(w, BLOCK_PARA);
	free(w->first);
	w->first = xstrdup("• ");
	w->first_cut = w->margin.len;
	with_margin(w, n, depth, "  ", ROLE_TEXT, w->compact != 0 ?
	    w->compact : ++w->ncompact);
	free(w->first);
	w->first = NULL;
}

static void
walk_frame(struct walk *w, xmlNodePtr n)
{
	char *src = attr(n, "src"), *url, *label, *host = NULL;
	const char *p;

	if (src == NULL)
		return;
	if ((url = resolve(w, src)) == NULL) {
		free(src);
		return;
	}
	if ((p = strstr(url, "://")) != NULL)
		host = xstrndup(p + 3, strcspn(p + 3, "/?#"));
	xasprintf(&label, "[embed: %s]", host != NULL ? host : "frame");
	add_generated(w, label, ROLE_IMAGE);
	add_link_number(w, url, label + 1, strlen(label + 1));
	free(label);
	free(host);
	free(src);
}

static void
walk_element(struct walk *w, xmlNodePtr n, int depth)
{
	size_t t = tag_find((const char *)n->name);
	enum tag_kind kind = t == (size_t)-1 ? T_INLINE : tags[t].kind;
	enum render_role role = t == (size_t)-1 ? ROLE_TEXT : tags[t].role;

	switch (kind) {
	case T_INLINE:	walk_children(w, n, depth); break;
	case T_ROLE:	walk_role(w, n, depth, role); break;
	case T_BLOCK:	walk_block(w, n, depth, ROLE_TEXT, -1); break;
	case T_DROP:	break;
	case T_A:	walk_a(w, n, depth); break;
	case T_IMG:	walk_img(w, n); break;
	case T_BR:	walk_br(w); break;
	case T_HR:	add_rule(w); break;
	case T_HEADING:	walk_block(w, n, depth, ROLE_HEADING, 0); break;
	case T_LIST:	walk_list(w, n, depth, 0); break;
	case T_OLIST:	walk_list(w, n, depth, 1); break;
	case T_LI:	walk_item(w, n, depth); break;
	case T_PRE:	walk_pre(w, n, depth); break;
	case T_BLOCKQUOTE: walk_blockquote(w, n, depth); break;
	case T_Q:	walk_q(w, n, depth); break;
	case T_TABLE:	walk_block(w, n, depth, ROLE_TEXT, ++w->ncompact); break;
	case T_TR:	walk_tr(w, n, depth); break;
	case T_CELL:	walk_cell(w, n, depth, 0); break;
	case T_HCELL:	walk_cell(w, n, depth, 1); break;
	case T_DL:	walk_block(w, n, depth, ROLE_TEXT, ++w->ncompact); break;
	case T_DT:	walk_block(w, n, depth, ROLE_BOLD, -1); break;
	case T_DD:	with_margin(w, n, depth, "    ", ROLE_TEXT, -1); break;
	case T_CAPTION:	walk_block(w, n, depth, ROLE_ITALIC, -1); break;
	case T_IFRAME:	walk_frame(w, n); break;
	case T_MEDIA:
		walk_embed(w, n, strcasecmp((const char *)n->name, "audio") ==
		    0 ? "audio" : "video");
		break;
	}
}

static void
walk_node(struct walk *w, xmlNodePtr n, int depth)
{
	if (w->truncated)
		return;
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			add_text(w, (const char *)n->content,
			    strlen((const char *)n->content));
		break;
	case XML_ELEMENT_NODE:
		if (depth >= RENDER_MAX_DEPTH) {
			w->truncated = 1;
			break;
		}
		walk_element(w, n, depth + 1);
		break;
	default:
		break;
	}
}

static void
walk_children(struct walk *w, xmlNodePtr n, int depth)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL && !w->truncated; c = c->next)
		walk_node(w, c, depth);
}

void
render_walk(xmlNodePtr root, const struct render_opts *opts,
    struct rblocks *out, struct rlinks *links, int *truncated)
{
	struct walk w;

	memset(&w, 0, sizeof w);
	w.opts = opts;
	w.out = out;
	w.links = links;
	buf_init(&w.text, 0);
	buf_init(&w.margin, 0);
	if (root != NULL)
		walk_node(&w, root, 0);
	flush(&w, w.pre ? BLOCK_PRE : BLOCK_PARA);
	free(w.cur.spans);
	free(w.cur.forced);
	free(w.first);
	buf_free(&w.text);
	buf_free(&w.margin);
	free(w.slots);
	free(w.root);
	if (w.truncated)
		*truncated = 1;
}

void
render_blocks_free(struct rblocks *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].text);
		free(b->v[i].spans);
		free(b->v[i].forced);
		free(b->v[i].margin);
		free(b->v[i].first);
	}
	free(b->v);
	b->v = NULL;
	b->n = 0;
}
