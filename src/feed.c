/* feed.c: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 read with libxml2's SAX2 push
 * parser, one item at a time.
 *
 * Bytes pass through feed-input.c (any charset to clean UTF-8) and then to
 * xmlParseChunk.  The SAX callbacks keep a little state: the depth, the
 * xml:base in force, the item being filled and the one text field being
 * captured.  When an item ends it is completed (title, guid and date
 * fallbacks) and handed to the caller, then freed, so memory does not grow
 * with the feed.  libxml2 is run with no DTD, no entity declarations kept
 * (so no entity expansion and no external entities at all), no network,
 * recovery on, and its messages collected as warnings, never printed. */
#include "config.h"

#include "feed.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed-int.h"
#include "utf8.h"
#include "util.h"

/* Bounds: a whole feed, one text field, and the lists of an item. */
#define FEED_MAX_BYTES_DEFAULT	(1024LL * 1024 * 1024)
#define FIELD_MAX		(4 * 1024 * 1024)
#define LIST_MAX		64
#define WARNINGS_MAX		16
#define DEPTH_MAX		256	/* libxml2's pull parser's own bound */

/* The namespaces we read, as kinds (no namespace counts as RSS). */
enum ns_kind {
	NS_OTHER = 0,
	NS_RSS,
	NS_RSS090,
	NS_ATOM,
	NS_ATOM03,
	NS_CONTENT,
	NS_DC,
	NS_DCTERMS,
	NS_MEDIA,
	NS_ITUNES,
	NS_RDF,
};

static const struct {
	const char	*uri;
	enum ns_kind	 kind;
} namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://backend.userland.com/rss2", NS_RSS },
	{ "http://backend.userland.com/rss", NS_RSS },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
};

/* What an element means to us. */
enum action {
	A_NONE = 0,
	A_ITEM,
	A_SKIP,		/* a subtree whose titles and links are not ours */
	A_IMAGE,	/* RSS channel image: only its url */
	A_TITLE,
	A_LINK,		/* RSS link: the text */
	A_ATOM_LINK,	/* link with rel/href attributes */
	A_GUID,
	A_ID,
	A_ABOUT,	/* no text: rdf:about on the element */
	A_DESCRIPTION,
	A_CONTENT_ENCODED,
	A_CONTENT,	/* Atom content */
	A_SUMMARY,	/* Atom summary, subtitle */
	A_PUBLISHED,
	A_UPDATED,
	A_AUTHOR,	/* author as text */
	A_DC_CREATOR,
	A_ITUNES_AUTHOR,
	A_PERSON,	/* Atom author: name and email inside */
	A_PERSON_NAME,
	A_PERSON_EMAIL,
	A_CATEGORY,
	A_ENCLOSURE,
	A_MEDIA_CONTENT,
	A_MEDIA_THUMBNAIL,
	A_MEDIA_DESCRIPTION,
	A_ITUNES_SUMMARY,
	A_ITUNES_DURATION,
	A_ITUNES_IMAGE,
	A_LOGO,
	A_IMAGE_URL,
};

/* Where an element is looked for. */
#define W_FEED	0x1
#define W_ITEM	0x2
#define W_ANY	(W_FEED | W_ITEM)

/* The vocabulary: element names by namespace kind and place. */
static const struct element {
	enum ns_kind	 ns;
	const char	*name;
	int		 where;
	enum action	 action;
} elements[] = {
	{ NS_RSS, "item", W_FEED, A_ITEM },
	{ NS_RSS, "title", W_ANY, A_TITLE },
	{ NS_RSS, "link", W_ANY, A_LINK },
	{ NS_RSS, "guid", W_ITEM, A_GUID },
	{ NS_RSS, "description", W_ANY, A_DESCRIPTION },
	{ NS_RSS, "pubDate", W_ANY, A_PUBLISHED },
	{ NS_RSS, "lastBuildDate", W_FEED, A_UPDATED },
	{ NS_RSS, "author", W_ITEM, A_AUTHOR },
	{ NS_RSS, "category", W_ITEM, A_CATEGORY },
	{ NS_RSS, "enclosure", W_ITEM, A_ENCLOSURE },
	{ NS_RSS, "image", W_FEED, A_IMAGE },
	{ NS_RSS, "textinput", W_FEED, A_SKIP },
	{ NS_RSS, "textInput", W_FEED, A_SKIP },
	{ NS_RSS, "source", W_ITEM, A_SKIP },
	{ NS_ATOM, "entry", W_FEED, A_ITEM },
	{ NS_ATOM, "title", W_ANY, A_TITLE },
	{ NS_ATOM, "link", W_ANY, A_ATOM_LINK },
	{ NS_ATOM, "id", W_ANY, A_ID },
	{ NS_ATOM, "content", W_ITEM, A_CONTENT },
	{ NS_ATOM, "summary", W_ITEM, A_SUMMARY },
	{ NS_ATOM, "subtitle", W_FEED, A_SUMMARY },
	{ NS_ATOM, "tagline", W_FEED, A_SUMMARY },
	{ NS_ATOM, "published", W_ANY, A_PUBLISHED },
	{ NS_ATOM, "issued", W_ANY, A_PUBLISHED },
	{ NS_ATOM, "updated", W_ANY, A_UPDATED },
	{ NS_ATOM, "modified", W_ANY, A_UPDATED },
	{ NS_ATOM, "author", W_ANY, A_PERSON },
	{ NS_ATOM, "name", W_ANY, A_PERSON_NAME },
	{ NS_ATOM, "email", W_ANY, A_PERSON_EMAIL },
	{ NS_ATOM, "category", W_ITEM, A_CATEGORY },
	{ NS_ATOM, "source", W_ITEM, A_SKIP },
	{ NS_ATOM, "logo", W_FEED, A_LOGO },
	{ NS_ATOM, "icon", W_FEED, A_LOGO },
	{ NS_CONTENT, "encoded", W_ITEM, A_CONTENT_ENCODED },
	{ NS_DC, "creator", W_ANY, A_DC_CREATOR },
	{ NS_DC, "date", W_ANY, A_PUBLISHED },
	{ NS_DC, "subject", W_ITEM, A_CATEGORY },
	{ NS_DC, "title", W_ANY, A_TITLE },
	{ NS_DC, "description", W_ITEM, A_DESCRIPTION },
	{ NS_DCTERMS, "issued", W_ANY, A_PUBLISHED },
	{ NS_DCTERMS, "created", W_ANY, A_PUBLISHED },
	{ NS_DCTERMS, "modified", W_ANY, A_UPDATED },
	{ NS_MEDIA, "content", W_ITEM, A_MEDIA_CONTENT },
	{ NS_MEDIA, "thumbnail", W_ITEM, A_MEDIA_THUMBNAIL },
	{ NS_MEDIA, "description", W_ITEM, A_MEDIA_DESCRIPTION },
	{ NS_ITUNES, "author", W_ANY, A_ITUNES_AUTHOR },
	{ NS_ITUNES, "summary", W_ANY, A_ITUNES_SUMMARY },
	{ NS_ITUNES, "duration", W_ITEM, A_ITUNES_DURATION },
	{ NS_ITUNES, "image", W_ANY, A_ITUNES_IMAGE },
};

/* How captured text is to be read. */
enum text_mode {
	T_TEXT = 0,	/* plain text */
	T_HTML,		/* escaped HTML */
	T_XHTML,	/* inline XHTML elements, serialised back to HTML */
	T_IGNORE,	/* a content type we do not show */
};

/* The text field being gathered. */
struct capture {
	int		 active;
	int		 depth;
	enum action	 action;
	enum text_mode	 mode;
	int		 truncated;
	struct buf	 b;
};

/* Which source gave a field of the current item: a better one wins. */
struct item_prio {
	int		 title, link, guid, author, content, summary;
	int		 published, updated;
	int		 image;
	int		 summary_text;	/* the summary is plain text */
	int		 permalink;	/* RSS guid is a permalink */
	char		*permalink_guid;
};

struct base {
	int		 depth;
	char		*url;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct feed_input *input;
	struct buf	 in;		/* converted bytes for xmlParseChunk */
	feed_item_cb	 cb;
	void		*cbarg;
	struct feed_meta meta;
	struct item_prio meta_prio;

	int		 depth;
	int		 root_seen;
	int		 root_done;	/* the root element has ended */
	char		*not_feed;	/* the root's name, when not a feed */
	enum ns_kind	 nons;		/* what no namespace means here */
	int		 skip_depth;
	int		 image_depth;
	int		 person_depth;
	char		*person_name, *person_email;

	struct feed_item *item;
	int		 item_depth;
	struct item_prio prio;
	size_t		 nitems;
	struct capture	 cap;

	struct base	*bases;
	size_t		 nbases;
	const char	*base_url;	/* the innermost base, or NULL */
	char		*feed_url;

	char		**warnings;
	size_t		 nwarnings;
	size_t		 dropped;	/* warnings beyond WARNINGS_MAX */
	char		*error;		/* a failure that ends the parse */
	int		 stopped;	/* by the callback or a limit */
	long long	 total, max_bytes;
	int		 finished;

	const xmlChar	*uri_cache[4];	/* namespace URIs are dict strings */
	enum ns_kind	 kind_cache[4];
	struct {			/* so are element names */
		const xmlChar	*name;
		enum ns_kind	 ns;
		int		 where;
		enum action	 action;
	} element_cache[64];		/* see feed_lookup_cached */
};

static void feed_sax_start(void *, const xmlChar *, const xmlChar *,
    const xmlChar *, int, const xmlChar **, int, int, const xmlChar **);
static void feed_sax_end(void *, const xmlChar *, const xmlChar *,
    const xmlChar *);
static void feed_sax_chars(void *, const xmlChar *, int);
static void feed_sax_error(void *, xmlErrorPtr);

static void
feed_add_warning(struct feed_parser *p, const char *fmt, ...)
    PRINTFLIKE(2, 3);

/* Keep a recovered problem, a bounded number of them. */
static void
feed_add_warning(struct feed_parser *p, const char *fmt, ...)
{
	va_list ap;
	char *raw, *s;

	if (p->nwarnings >= WARNINGS_MAX) {
		p->dropped++;
		return;
	}
	va_start(ap, fmt);
	xvasprintf(&raw, fmt, ap);
	va_end(ap);
	/* A message may quote raw input (a declared charset's name), which
	 * need not be UTF-8: utf8_clean repairs it into a new string, where
	 * stripping in place could not grow a bad byte into U+FFFD. */
	s = feed_text_collapse(utf8_clean(raw, strlen(raw), 0));
	free(raw);
	p->warnings = xreallocarray(p->warnings, p->nwarnings + 2,
	    sizeof *p->warnings);
	p->warnings[p->nwarnings++] = s;
	p->warnings[p->nwarnings] = NULL;
}

const char *
feed_format_name(enum feed_format f)
{
	static const char *const names[] = {
		"unknown", "RSS 0.90", "RSS 0.91", "RSS 0.92", "RSS 0.93",
		"RSS 0.94", "RSS 1.0", "RSS 2.0", "Atom 0.3", "Atom 1.0",
	};

	if ((size_t)f >= ARRAYSIZE(names))
		return "unknown";
	return names[f];
}

void
feed_item_free(struct feed_item *it)
{
	size_t i;

	if (it == NULL)
		return;
	free(it->title);
	free(it->link);
	free(it->guid);
	free(it->author);
	free(it->content);
	free(it->summary);
	free(it->thumbnail);
	free(it->duration);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	for (i = 0; i < it->nrelated; i++) {
		free(it->related[i].url);
		free(it->related[i].title);
	}
	free(it->related);
	free(it);
}

void
feed_meta_clear(struct feed_meta *m)
{
	free(m->title);
	free(m->link);
	free(m->description);
	free(m->author);
	free(m->image);
	memset(m, 0, sizeof *m);
	m->updated = FEED_NO_DATE;
}

/* The namespace kind of a URI; libxml2 interns URIs, so a small cache
 * of pointers saves the string compares. */
static enum ns_kind
feed_ns_kind(struct feed_parser *p, const xmlChar *uri)
{
	enum ns_kind k = NS_OTHER;
	size_t i;

	if (uri == NULL || uri[0] == '\0')
		return p->nons;
	for (i = 0; i < ARRAYSIZE(p->uri_cache); i++) {
		if (p->uri_cache[i] == uri)
			return p->kind_cache[i];
	}
	for (i = 0; i < ARRAYSIZE(namespaces); i++) {
		if (strcasecmp((const char *)uri, namespaces[i].uri) == 0) {
			k = namespaces[i].kind;
			break;
		}
	}
	memmove(p->uri_cache + 1, p->uri_cache,
	    sizeof p->uri_cache - sizeof p->uri_cache[0]);
	memmove(p->kind_cache + 1, p->kind_cache,
	    sizeof p->kind_cache - sizeof p->kind_cache[0]);
	p->uri_cache[0] = uri;
	p->kind_cache[0] = k;
	return k;
}

/* The action for an element where it stands, or A_NONE. */
static enum action
feed_lookup(enum ns_kind ns, const char *name, int where)
{
	size_t i;

	/* RSS 0.90 and 1.0 use RSS 2.0's names in their own namespace. */
	if (ns == NS_RSS090)
		ns = NS_RSS;
	if (ns == NS_ATOM03)
		ns = NS_ATOM;
	for (i = 0; i < ARRAYSIZE(elements); i++) {
		if (elements[i].ns == ns && (elements[i].where & where) &&
		    strcmp(elements[i].name, name) == 0)
			return elements[i].action;
	}
	return A_NONE;
}

/* feed_lookup through a cache keyed by the name's pointer: libxml2 hands
 * over element names from its dictionary, one pointer per name, and a
 * feed repeats the same few names for every item. */
static enum action
feed_lookup_cached(struct feed_parser *p, enum ns_kind ns,
    const xmlChar *name, int where)
{
	uint64_t k = (uint64_t)(uintptr_t)name ^ ((uint64_t)ns << 2) ^
	    (uint64_t)where;
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 58);	/* 0-63 */

	if (p->element_cache[h].name != name ||
	    p->element_cache[h].ns != ns || p->element_cache[h].where != where) {
		p->element_cache[h].name = name;
		p->element_cache[h].ns = ns;
		p->element_cache[h].where = where;
		p->element_cache[h].action = feed_lookup(ns,
		    (const char *)name, where);
	}
	return p->element_cache[h].action;
}

/* Without entity substitution, libxml2's SAX2 hands attribute values over
 * with each &amp; kept as "&#38;" (every other reference is decoded): a
 * link's query string needs its '&' back.  In place; returns s. */
static char *
feed_attr_amp(char *s)
{
	char *r, *w;

	if ((r = strstr(s, "&#38;")) == NULL)
		return s;
	for (w = r; *r != '\0'; ) {
		if (strncmp(r, "&#38;", 5) == 0) {
			*w++ = '&';
			r += 5;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* An attribute's value (SAX2 gives start and end pointers), or NULL. */
static char *
feed_attr(const xmlChar **attrs, int nattrs, const char *name,
    const char *uri)
{
	const xmlChar **a;
	int i;

	for (i = 0; i < nattrs; i++) {
		a = attrs + i * 5;
		if (strcmp((const char *)a[0], name) != 0)
			continue;
		if (uri == NULL ? a[2] != NULL :
		    (a[2] == NULL || strcmp((const char *)a[2], uri) != 0))
			continue;
		return feed_attr_amp(feed_text_strip_controls(xstrndup(
		    (const char *)a[3], (size_t)(a[4] - a[3])), 0));
	}
	return NULL;
}

/* Set *field to value (taken) if prio beats the source it came from. */
static void
feed_set(char **field, int *have, int prio, char *value)
{
	if (value == NULL || value[0] == '\0' || (*field != NULL &&
	    *have >= prio)) {
		free(value);
		return;
	}
	free(*field);
	*field = value;
	*have = prio;
}

/* Push a list element (a string) if there is room. */
static void
feed_push_string(char ***list, size_t *n, char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || *n >= LIST_MAX) {
		free(s);
		return;
	}
	for (i = 0; i < *n; i++) {
		if (strcmp((*list)[i], s) == 0) {
			free(s);
			return;
		}
	}
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = s;
}

/* An enclosure (url taken, type taken), once per URL. */
static void
feed_add_enclosure(struct feed_item *it, char *url, char *type,
    const char *length)
{
	struct feed_enclosure *e;
	long long v;
	char *end;
	size_t i;

	if (url == NULL || it->nenclosures >= LIST_MAX)
		goto drop;
	for (i = 0; i < it->nenclosures; i++) {
		if (strcmp(it->enclosures[i].url, url) == 0)
			goto drop;
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	e->type = type != NULL && type[0] != '\0' ? type : (free(type), NULL);
	e->length = 0;
	if (length != NULL) {
		v = strtoll(length, &end, 10);
		if (end != length && *end == '\0' && v > 0)
			e->length = v;
	}
	return;
drop:
	free(url);
	free(type);
}

static void
feed_add_related(struct feed_item *it, char *url, char *title)
{
	struct feed_link *l;

	if (url == NULL || it->nrelated >= LIST_MAX) {
		free(url);
		free(title);
		return;
	}
	it->related = xreallocarray(it->related, it->nrelated + 1,
	    sizeof *it->related);
	l = &it->related[it->nrelated++];
	l->url = url;
	l->title = title != NULL ? feed_text_collapse(title) : NULL;
	if (l->title != NULL && l->title[0] == '\0') {
		free(l->title);
		l->title = NULL;
	}
}

/* The text mode an Atom text construct's attributes ask for. */
static enum text_mode
feed_atom_mode(const xmlChar **attrs, int nattrs, enum text_mode dflt)
{
	char *type, *mode, *src;
	enum text_mode m = dflt;

	type = feed_attr(attrs, nattrs, "type", NULL);
	mode = feed_attr(attrs, nattrs, "mode", NULL);
	src = feed_attr(attrs, nattrs, "src", NULL);
	if (src != NULL)
		m = T_IGNORE;		/* content elsewhere: not fetched */
	else if (type == NULL || strcasecmp(type, "text") == 0 ||
	    strcasecmp(type, "text/plain") == 0)
		m = type == NULL ? dflt : T_TEXT;
	else if (strcasecmp(type, "html") == 0 ||
	    strcasecmp(type, "text/html") == 0)
		m = T_HTML;
	else if (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0)
		m = T_XHTML;
	else if (strncasecmp(type, "text/", 5) != 0)
		m = T_IGNORE;
	if (mode != NULL && strcasecmp(mode, "xml") == 0 && m != T_IGNORE)
		m = T_XHTML;
	else if (mode != NULL && strcasecmp(mode, "base64") == 0)
		m = T_IGNORE;
	free(type);
	free(mode);
	free(src);
	return m;
}

/* Start gathering the text of the element just opened. */
static void
feed_capture(struct feed_parser *p, enum action a, enum text_mode mode)
{
	p->cap.active = 1;
	p->cap.depth = p->depth;
	p->cap.action = a;
	p->cap.mode = mode;
	p->cap.truncated = 0;
	p->cap.b.len = 0;
	if (p->cap.b.data != NULL)
		p->cap.b.data[0] = '\0';
}

/* Append to the capture, within its cap. */
static void
feed_cap_add(struct feed_parser *p, const char *s, size_t len)
{
	if (buf_add(&p->cap.b, s, len) == -1 && !p->cap.truncated) {
		p->cap.truncated = 1;
		feed_add_warning(p, "a text longer than %d MB was cut",
		    FIELD_MAX / (1024 * 1024));
	}
}

/* Append text escaped for HTML (XHTML content serialised back). */
static void
feed_cap_escaped(struct feed_parser *p, const char *s, size_t len,
    int attr)
{
	size_t i, from = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		default: rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		feed_cap_add(p, s + from, i - from);
		feed_cap_add(p, rep, strlen(rep));
		from = i + 1;
	}
	feed_cap_add(p, s + from, len - from);
}

/* An element inside captured HTML content: write its start tag. */
static void
feed_cap_tag(struct feed_parser *p, const xmlChar *name,
    const xmlChar **attrs, int nattrs, int end)
{
	int i;

	if (p->cap.mode != T_XHTML && p->cap.mode != T_HTML)
		return;
	feed_cap_add(p, end ? "</" : "<", end ? 2 : 1);
	feed_cap_add(p, (const char *)name, strlen((const char *)name));
	for (i = 0; !end && i < nattrs; i++) {
		feed_cap_add(p, " ", 1);
		feed_cap_add(p, (const char *)attrs[i * 5],
		    strlen((const char *)attrs[i * 5]));
		feed_cap_add(p, "=\"", 2);
		feed_cap_escaped(p, (const char *)attrs[i * 5 + 3],
		    (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]), 1);
		feed_cap_add(p, "\"", 1);
	}
	feed_cap_add(p, ">", 1);
}

/* The root element decides the format, or that this is not a feed. */
static void
feed_root(struct feed_parser *p, const xmlChar *name, const xmlChar *uri,
    const xmlChar **attrs, int nattrs)
{
	enum ns_kind k = feed_ns_kind(p, uri);
	char *v;

	p->root_seen = 1;
	if (strcmp((const char *)name, "rss") == 0 && k == NS_RSS) {
		v = feed_attr(attrs, nattrs, "version", NULL);
		p->meta.format = FEED_RSS20;
		if (v != NULL && strcmp(v, "0.90") == 0)
			p->meta.format = FEED_RSS090;
		else if (v != NULL && strcmp(v, "0.91") == 0)
			p->meta.format = FEED_RSS091;
		else if (v != NULL && strcmp(v, "0.92") == 0)
			p->meta.format = FEED_RSS092;
		else if (v != NULL && strcmp(v, "0.93") == 0)
			p->meta.format = FEED_RSS093;
		else if (v != NULL && strcmp(v, "0.94") == 0)
			p->meta.format = FEED_RSS094;
		free(v);
	} else if (strcmp((const char *)name, "RDF") == 0 && k == NS_RDF)
		p->meta.format = FEED_RSS10;
	else if (strcmp((const char *)name, "feed") == 0 &&
	    (k == NS_ATOM || k == NS_ATOM03 || k == NS_RSS)) {
		p->meta.format = k == NS_ATOM03 ? FEED_ATOM03 : FEED_ATOM10;
		if (k == NS_RSS)	/* Atom without its namespace */
			p->nons = NS_ATOM;
	} else {
		p->not_feed = xstrdup((const char *)name);
		xmlStopParser(p->ctxt);
	}
}

/* Remember an xml:base on the element just opened. */
static void
feed_push_base(struct feed_parser *p, const xmlChar **attrs, int nattrs)
{
	char *v, *url;

	v = feed_attr(attrs, nattrs, "base",
	    "http://www.w3.org/XML/1998/namespace");
	if (v == NULL)
		return;
	url = feed_url_resolve(p->base_url, v);
	free(v);
	if (url == NULL)
		return;
	p->bases = xreallocarray(p->bases, p->nbases + 1, sizeof *p->bases);
	p->bases[p->nbases].depth = p->depth;
	p->bases[p->nbases++].url = url;
	p->base_url = url;
}

static void
feed_pop_base(struct feed_parser *p)
{
	if (p->nbases == 0 || p->bases[p->nbases - 1].depth != p->depth)
		return;
	free(p->bases[--p->nbases].url);
	p->base_url = p->nbases > 0 ? p->bases[p->nbases - 1].url :
	    p->feed_url;
}

/* A link resolved against the xml:base in force. */
static char *
feed_resolve(struct feed_parser *p, char *url)
{
	char *r;

	r = feed_url_resolve(p->base_url, url);
	free(url);
	return r;
}

static void
feed_item_start(struct feed_parser *p, const xmlChar **attrs, int nattrs)
{
	char *about;

	p->item = xcalloc(1, sizeof *p->item);
	p->item->published = p->item->updated = FEED_NO_DATE;
	p->item_depth = p->depth;
	memset(&p->prio, 0, sizeof p->prio);
	about = feed_attr(attrs, nattrs, "about",
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	feed_set(&p->item->guid, &p->prio.guid, 1, about);
}

/* An Atom link (or atom:link in RSS): the page, an enclosure, a related
 * article, or the site. */
static void
feed_atom_link(struct feed_parser *p, const xmlChar **attrs, int nattrs)
{
	char *rel, *href, *type, *len, *title;
	int alt, prio;

	if ((href = feed_attr(attrs, nattrs, "href", NULL)) == NULL)
		return;
	href = feed_resolve(p, href);
	rel = feed_attr(attrs, nattrs, "rel", NULL);
	type = feed_attr(attrs, nattrs, "type", NULL);
	alt = rel == NULL || strcasecmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0;
	/* An HTML page is a better "link" than, say, a JSON one. */
	prio = type == NULL || strcasecmp(type, "text/html") == 0 ? 3 : 2;
	if (p->item == NULL) {
		if (alt)
			feed_set(&p->meta.link, &p->meta_prio.link, prio, href),
			    href = NULL;
	} else if (alt)
		feed_set(&p->item->link, &p->prio.link, prio, href), href = NULL;
	else if (strcasecmp(rel, "enclosure") == 0) {
		len = feed_attr(attrs, nattrs, "length", NULL);
		feed_add_enclosure(p->item, href, type, len);
		href = type = NULL;
		free(len);
	} else if (strcasecmp(rel, "related") == 0) {
		title = feed_attr(attrs, nattrs, "title", NULL);
		feed_add_related(p->item, href, title);
		href = NULL;
	}
	free(href);
	free(rel);
	free(type);
}

/* media:content and enclosure: the URL, type and size. */
static void
feed_media(struct feed_parser *p, const xmlChar **attrs, int nattrs,
    const char *length_attr)
{
	char *url, *type, *len, *medium;

	if ((url = feed_attr(attrs, nattrs, "url", NULL)) == NULL)
		return;
	url = feed_resolve(p, url);
	type = feed_attr(attrs, nattrs, "type", NULL);
	len = feed_attr(attrs, nattrs, length_attr, NULL);
	medium = feed_attr(attrs, nattrs, "medium", NULL);
	if (type == NULL && medium != NULL)
		type = xstrdup(medium);
	feed_add_enclosure(p->item, url, type, len);
	free(len);
	free(medium);
}

/* An image given by attribute: an item thumbnail, or the feed's image. */
static void
feed_image_attr(struct feed_parser *p, const xmlChar **attrs, int nattrs,
    const char *name)
{
	char **field = p->item != NULL ? &p->item->thumbnail : &p->meta.image;
	char *url;

	/* The first image given wins (media:group lists the best first). */
	if (*field != NULL ||
	    (url = feed_attr(attrs, nattrs, name, NULL)) == NULL)
		return;
	*field = feed_resolve(p, url);
}

/* An element with something to do at its start. */
static void
feed_element(struct feed_parser *p, enum action a, const xmlChar **attrs,
    int nattrs)
{
	char *v;

	switch (a) {
	case A_ITEM:
		feed_item_start(p, attrs, nattrs);
		break;
	case A_SKIP:
		p->skip_depth = p->depth;
		break;
	case A_IMAGE:
		p->image_depth = p->depth;
		break;
	case A_ATOM_LINK:
		feed_atom_link(p, attrs, nattrs);
		break;
	case A_ENCLOSURE:
		feed_media(p, attrs, nattrs, "length");
		break;
	case A_MEDIA_CONTENT:
		feed_media(p, attrs, nattrs, "fileSize");
		break;
	case A_MEDIA_THUMBNAIL:
		feed_image_attr(p, attrs, nattrs, "url");
		break;
	case A_ITUNES_IMAGE:
		feed_image_attr(p, attrs, nattrs, "href");
		break;
	case A_PERSON:
		p->person_depth = p->depth;
		break;
	case A_CATEGORY:
		/* Atom's category is an attribute; RSS's is text. */
		if ((v = feed_attr(attrs, nattrs, "term", NULL)) != NULL) {
			if (p->item != NULL)
				feed_push_string(&p->item->categories,
				    &p->item->ncategories,
				    feed_text_collapse(v));
			else
				free(v);
			break;
		}
		feed_capture(p, a, T_TEXT);
		break;
	case A_GUID:
		v = feed_attr(attrs, nattrs, "isPermaLink", NULL);
		p->prio.permalink = v == NULL || strcasecmp(v, "false") != 0;
		free(v);
		feed_capture(p, a, T_TEXT);
		break;
	case A_TITLE:
		feed_capture(p, a, feed_atom_mode(attrs, nattrs,
		    p->nons == NS_ATOM || p->meta.format >= FEED_ATOM03 ?
		    T_TEXT : T_HTML));
		break;
	case A_CONTENT:
	case A_SUMMARY:
		feed_capture(p, a, feed_atom_mode(attrs, nattrs, T_TEXT));
		break;
	case A_DESCRIPTION:
	case A_CONTENT_ENCODED:
	case A_MEDIA_DESCRIPTION:
	case A_ITUNES_SUMMARY:
		feed_capture(p, a, a == A_MEDIA_DESCRIPTION ||
		    a == A_ITUNES_SUMMARY ? T_TEXT : T_HTML);
		break;
	default:
		feed_capture(p, a, T_TEXT);
		break;
	}
}

static void
feed_sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct feed_parser *p = ctx;
	enum ns_kind kind;
	enum action a;
	int where;

	p->ctxt->wellFormed = 1;	/* see feed_sax_error */
	if (++p->depth > DEPTH_MAX) {
		/* The push parser has no bound of its own: its stack of
		 * open elements would grow with the input. */
		if (p->error == NULL)
			xasprintf(&p->error, "the feed nests elements deeper "
			    "than %d", DEPTH_MAX);
		xmlStopParser(p->ctxt);
		return;
	}
	if (!p->root_seen) {
		feed_root(p, name, uri, attrs, nattrs);
		/* Stopping the parser frees the input the attributes point
		 * into. */
		if (p->not_feed != NULL)
			return;
		feed_push_base(p, attrs, nattrs);
		return;
	}
	feed_push_base(p, attrs, nattrs);
	if (p->cap.active) {
		feed_cap_tag(p, name, attrs, nattrs, 0);
		return;
	}
	if (p->skip_depth != 0 || p->root_done)
		return;
	if (p->image_depth != 0) {
		if (strcmp((const char *)name, "url") == 0 &&
		    p->depth == p->image_depth + 1)
			feed_capture(p, A_IMAGE_URL, T_TEXT);
		return;
	}
	where = p->item != NULL ? W_ITEM : W_FEED;
	kind = feed_ns_kind(p, uri);
	if (kind == NS_RSS090 && p->meta.format == FEED_RSS10)
		p->meta.format = FEED_RSS090;
	a = feed_lookup_cached(p, kind, name, where);
	if ((a == A_PERSON_NAME || a == A_PERSON_EMAIL) &&
	    p->person_depth == 0)
		return;
	if (a != A_NONE)
		feed_element(p, a, attrs, nattrs);
}

/* "jo@example.com (Jo Writer)", RSS's form, to "Jo Writer". */
static char *
feed_author_name(char *s)
{
	char *open, *close;

	open = strchr(s, '(');
	close = strrchr(s, ')');
	if (open == NULL || close == NULL || close < open + 2 ||
	    memchr(s, '@', (size_t)(open - s)) == NULL || close[1] != '\0')
		return s;
	memmove(s, open + 1, (size_t)(close - open - 1));
	s[close - open - 1] = '\0';
	return feed_text_collapse(s);
}

/* The captured text as the field wants it, or NULL. */
static char *
feed_cap_text(struct feed_parser *p, int *is_text)
{
	char *s;

	*is_text = 0;
	if (p->cap.mode == T_IGNORE || p->cap.b.len == 0)
		return NULL;
	switch (p->cap.action) {
	case A_TITLE:
		if (p->cap.mode == T_TEXT)
			return feed_text_collapse(feed_text_strip_controls(
			    xstrndup(p->cap.b.data, p->cap.b.len), 0));
		return feed_text_from_html(p->cap.b.data, p->cap.b.len);
	case A_DESCRIPTION:
	case A_CONTENT_ENCODED:
	case A_CONTENT:
	case A_SUMMARY:
	case A_MEDIA_DESCRIPTION:
	case A_ITUNES_SUMMARY:
		*is_text = p->cap.mode == T_TEXT;
		s = feed_text_strip_controls(buf_steal(&p->cap.b), 1);
		if (s[strspn(s, " \t\n")] == '\0') {
			free(s);
			return NULL;
		}
		return s;
	default:
		return feed_text_collapse(feed_text_strip_controls(
		    xstrndup(p->cap.b.data, p->cap.b.len), 0));
	}
}

/* A finished field of the feed itself. */
static void
feed_meta_field(struct feed_parser *p, enum action a, char *s)
{
	struct feed_meta *m = &p->meta;
	struct item_prio *pr = &p->meta_prio;
	int64_t t;

	switch (a) {
	case A_TITLE:
		feed_set(&m->title, &pr->title, 1, s);
		return;
	case A_LINK:
		feed_set(&m->link, &pr->link, 3, feed_resolve(p, s));
		return;
	case A_DESCRIPTION:
	case A_SUMMARY:
	case A_ITUNES_SUMMARY:
		feed_set(&m->description, &pr->summary,
		    a == A_ITUNES_SUMMARY ? 1 : 2,
		    feed_text_from_html(s, strlen(s)));
		free(s);
		return;
	case A_DC_CREATOR:
	case A_ITUNES_AUTHOR:
		feed_set(&m->author, &pr->author, a == A_DC_CREATOR ? 2 : 1, s);
		return;
	case A_LOGO:
	case A_IMAGE_URL:
		feed_set(&m->image, &pr->image, 2, feed_resolve(p, s));
		return;
	case A_PUBLISHED:
	case A_UPDATED:
		t = feed_parse_date(s);
		if (t != FEED_NO_DATE && (a == A_UPDATED || !pr->updated)) {
			m->updated = t;
			pr->updated = a == A_UPDATED;
		}
		break;
	default:
		break;
	}
	free(s);
}

/* A finished date of the current item. */
static void
feed_item_date(struct feed_parser *p, enum action a, char *s)
{
	int64_t t = feed_parse_date(s);

	free(s);
	if (t == FEED_NO_DATE)
		return;
	if (a == A_PUBLISHED && !p->prio.published) {
		p->item->published = t;
		p->prio.published = 1;
	} else if (a == A_UPDATED && !p->prio.updated) {
		p->item->updated = t;
		p->prio.updated = 1;
	}
}

/* A finished field of the current item. */
static void
feed_item_field(struct feed_parser *p, enum action a, char *s, int is_text)
{
	struct feed_item *it = p->item;
	struct item_prio *pr = &p->prio;

	switch (a) {
	case A_TITLE:
		feed_set(&it->title, &pr->title, 1, s);
		break;
	case A_LINK:
		feed_set(&it->link, &pr->link, 3, feed_resolve(p, s));
		break;
	case A_GUID:
		free(pr->permalink_guid);
		pr->permalink_guid = pr->permalink ? xstrdup(s) : NULL;
		feed_set(&it->guid, &pr->guid, 2, s);
		break;
	case A_ID:
		feed_set(&it->guid, &pr->guid, 2, s);
		break;
	case A_CONTENT_ENCODED:
	case A_CONTENT:
		feed_set(&it->content, &pr->content, 3, s);
		if (it->content == s)
			it->content_is_text = is_text;
		break;
	case A_DESCRIPTION:
	case A_SUMMARY:
	case A_MEDIA_DESCRIPTION:
	case A_ITUNES_SUMMARY:
		feed_set(&it->summary, &pr->summary,
		    a == A_SUMMARY || a == A_DESCRIPTION ? 2 : 1, s);
		if (it->summary == s)
			pr->summary_text = is_text;
		break;
	case A_AUTHOR:
		feed_set(&it->author, &pr->author, 2, feed_author_name(s));
		break;
	case A_DC_CREATOR:
		feed_set(&it->author, &pr->author, 3, s);
		break;
	case A_ITUNES_AUTHOR:
		feed_set(&it->author, &pr->author, 1, s);
		break;
	case A_CATEGORY:
		feed_push_string(&it->categories, &it->ncategories, s);
		break;
	case A_ITUNES_DURATION:
		free(it->duration);
		it->duration = s;
		break;
	case A_PUBLISHED:
	case A_UPDATED:
		feed_item_date(p, a, s);
		break;
	default:
		free(s);
		break;
	}
}

/* The captured element has ended: its text goes where it belongs. */
static void
feed_cap_finish(struct feed_parser *p)
{
	int is_text;
	char *s;

	p->cap.active = 0;
	s = feed_cap_text(p, &is_text);
	if (s == NULL)
		return;
	if (p->cap.action == A_PERSON_NAME || p->cap.action == A_PERSON_EMAIL) {
		if (p->cap.action == A_PERSON_NAME)
			free(p->person_name), p->person_name = s;
		else
			free(p->person_email), p->person_email = s;
	} else if (p->item != NULL)
		feed_item_field(p, p->cap.action, s, is_text);
	else
		feed_meta_field(p, p->cap.action, s);
}

/* An Atom author has ended: its name (or email) is the author. */
static void
feed_person_end(struct feed_parser *p)
{
	char *who;

	p->person_depth = 0;
	who = p->person_name != NULL ? p->person_name : p->person_email;
	if (who == p->person_name)
		free(p->person_email);
	else
		free(p->person_name);
	p->person_name = p->person_email = NULL;
	if (p->item != NULL)
		feed_set(&p->item->author, &p->prio.author, 3, who);
	else
		feed_set(&p->meta.author, &p->meta_prio.author, 3, who);
}

/* Fill what the item lacks: a link from a permalink guid, a date, a
 * title from the text, a guid from the link or a hash. */
static void
feed_item_complete(struct feed_parser *p, struct feed_item *it)
{
	char *s;

	if (it->link == NULL && p->prio.permalink_guid != NULL &&
	    (strncasecmp(p->prio.permalink_guid, "http://", 7) == 0 ||
	    strncasecmp(p->prio.permalink_guid, "https://", 8) == 0))
		it->link = feed_url_resolve(p->base_url, p->prio.permalink_guid);
	if (it->published == FEED_NO_DATE)
		it->published = it->updated;
	if (it->content == NULL && it->summary != NULL) {
		it->content = it->summary;
		it->summary = NULL;
		it->content_is_text = p->prio.summary_text;
	}
	if (it->author == NULL && p->meta.author != NULL &&
	    p->meta.format >= FEED_ATOM03)
		it->author = xstrdup(p->meta.author);
	if (it->title == NULL || it->title[0] == '\0') {
		free(it->title);
		s = it->content != NULL ? feed_text_snippet(it->content, 80) :
		    NULL;
		it->title = s != NULL ? s : xstrdup(it->link != NULL ?
		    it->link : "");
	}
	if (it->guid == NULL && it->link != NULL)
		it->guid = xstrdup(it->link);
	if (it->guid == NULL)
		it->guid = feed_text_hash_id(it->title, it->published);
}

/* The item has ended: complete it, hand it over, free it. */
static void
feed_item_end(struct feed_parser *p)
{
	struct feed_item *it = p->item;

	p->item = NULL;
	feed_item_complete(p, it);
	free(p->prio.permalink_guid);
	p->prio.permalink_guid = NULL;
	p->nitems++;
	if (p->cb != NULL && !p->stopped && p->cb(it, p->cbarg) == -1) {
		p->stopped = 1;
		if (p->error == NULL)
			p->error = xstrdup("parsing stopped by the reader");
		xmlStopParser(p->ctxt);
	}
	feed_item_free(it);
}

static void
feed_sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_parser *p = ctx;

	p->ctxt->wellFormed = 1;
	if (p->depth > DEPTH_MAX) {
		p->depth--;
		return;
	}
	if (p->cap.active) {
		if (p->depth == p->cap.depth)
			feed_cap_finish(p);
		else
			feed_cap_tag(p, name, NULL, 0, 1);
	} else if (p->skip_depth == p->depth)
		p->skip_depth = 0;
	else if (p->image_depth == p->depth)
		p->image_depth = 0;
	else if (p->person_depth == p->depth)
		feed_person_end(p);
	else if (p->item != NULL && p->item_depth == p->depth)
		feed_item_end(p);
	if (p->depth == 1)
		p->root_done = 1;
	feed_pop_base(p);
	p->depth--;
}

static void
feed_sax_chars(void *ctx, const xmlChar *s, int len)
{
	struct feed_parser *p = ctx;

	p->ctxt->wellFormed = 1;
	if (!p->cap.active || p->cap.mode == T_IGNORE)
		return;
	if (p->cap.mode == T_XHTML)
		feed_cap_escaped(p, (const char *)s, (size_t)len, 0);
	else
		feed_cap_add(p, (const char *)s, (size_t)len);
}

/* A processing instruction: one of feed-input.c's stands for a CDATA
 * section or an escaped text, whose text comes here as libxml2 would
 * have handed it over; the feed's own mean nothing to us. */
static void
feed_sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	struct feed_parser *p = ctx;
	const char *text;
	size_t len;

	if (feed_input_cdata_text(p->input, (const char *)target,
	    (const char *)data, &text, &len) == 0)
		feed_sax_chars(p, (const xmlChar *)text, (int)len);
}

/* An entity the document never declared: feeds use HTML's (&nbsp;,
 * &eacute;) without a DTD; read those as HTML would, drop the rest. */
static void
feed_undeclared_entity(struct feed_parser *p, const char *name, int line)
{
	const htmlEntityDesc *e;
	char utf8[4];

	e = htmlEntityLookup((const xmlChar *)name);
	if (e == NULL) {
		feed_add_warning(p, "line %d: entity &%s; is not defined "
		    "(dropped)", line, name);
		return;
	}
	if (p->cap.active && p->cap.mode != T_IGNORE)
		feed_cap_add(p, utf8, utf8_encode((uint32_t)e->value, utf8));
}

/* libxml2's messages become warnings; nothing is printed. */
static void
feed_sax_error(void *ctx, xmlErrorPtr e)
{
	struct feed_parser *p = ctx;
	char *msg;
	size_t n;

	if (e == NULL || e->code == XML_ERR_DOCUMENT_EMPTY)
		return;
	if ((e->code == XML_ERR_UNDECLARED_ENTITY ||
	    e->code == XML_WAR_UNDECLARED_ENTITY) && e->str1 != NULL) {
		feed_undeclared_entity(p, e->str1, e->line);
		return;
	}
	if (p->not_feed != NULL || p->root_done)
		return;		/* nothing of ours is at stake */
	msg = xstrdup(e->message != NULL ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	feed_add_warning(p, "line %d: %s", e->line, msg);
	free(msg);
}

/* libxml2's own fallback reporter would print; it gets nothing to say. */
static void
feed_silent(void *ctx, const char *fmt, ...)
{
}

static xmlSAXHandler feed_sax;

static void
feed_init_once(void)
{
	if (feed_sax.initialized == XML_SAX2_MAGIC)
		return;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, feed_silent);
	/* No entityDecl, getEntity, externalSubset or resolveEntity: a DTD
	 * can declare what it likes, nothing of it is kept or loaded. */
	feed_sax.startElementNs = feed_sax_start;
	feed_sax.endElementNs = feed_sax_end;
	feed_sax.characters = feed_sax_chars;
	feed_sax.cdataBlock = feed_sax_chars;
	feed_sax.ignorableWhitespace = feed_sax_chars;
	feed_sax.processingInstruction = feed_sax_pi;
	feed_sax.serror = feed_sax_error;
	feed_sax.initialized = XML_SAX2_MAGIC;
}

struct feed_parser *
feed_parser_new(const char *base_url, feed_item_cb cb, void *arg)
{
	struct feed_parser *p;

	feed_init_once();
	p = xcalloc(1, sizeof *p);
	p->cb = cb;
	p->cbarg = arg;
	p->feed_url = base_url != NULL ? xstrdup(base_url) : NULL;
	p->base_url = p->feed_url;
	p->nons = NS_RSS;
	p->max_bytes = FEED_MAX_BYTES_DEFAULT;
	p->meta.updated = FEED_NO_DATE;
	p->input = feed_input_new();
	buf_init(&p->in, 0);
	buf_init(&p->cap.b, FIELD_MAX);
	p->ctxt = xmlCreatePushParserCtxt(&feed_sax, p, NULL, 0, NULL);
	if (p->ctxt == NULL)
		fatal("out of memory");
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
	return p;
}

void
feed_parser_set_max_bytes(struct feed_parser *p, long long max)
{
	p->max_bytes = max > 0 ? max : FEED_MAX_BYTES_DEFAULT;
}

void
feed_parser_free(struct feed_parser *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->ctxt != NULL) {
		if (p->ctxt->myDoc != NULL)
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	feed_input_free(p->input);
	buf_free(&p->in);
	buf_free(&p->cap.b);
	feed_item_free(p->item);
	free(p->prio.permalink_guid);
	free(p->person_name);
	free(p->person_email);
	feed_meta_clear(&p->meta);
	for (i = 0; i < p->nbases; i++)
		free(p->bases[i].url);
	free(p->bases);
	free(p->feed_url);
	for (i = 0; i < p->nwarnings; i++)
		free(p->warnings[i]);
	free(p->warnings);
	free(p->error);
	free(p->not_feed);
	free(p);
}

/* The failure to report, if the parse has failed. */
static int
feed_failed(struct feed_parser *p, char **cause)
{
	if (p->not_feed != NULL) {
		if (strcasecmp(p->not_feed, "html") == 0)
			return set_cause(cause, "not a feed: this is an HTML "
			    "page");
		return set_cause(cause, "not a feed: the document is <%s>, "
		    "not RSS or Atom", p->not_feed);
	}
	if (p->error != NULL)
		return set_cause(cause, "%s", p->error);
	return 0;
}

/* Hand converted bytes to libxml2; note when it had to give up. */
static void
feed_feed_xml(struct feed_parser *p, int terminate)
{
	/* The last bytes go in before the end is signalled, apart: libxml2
	 * reads bytes that come with the end differently (an unclosed CDATA
	 * section then loses text), and the parse must not depend on how
	 * the input was cut. */
	if (p->in.len > 0 && p->ctxt->instate != XML_PARSER_EOF)
		xmlParseChunk(p->ctxt, p->in.data, (int)p->in.len, 0);
	p->in.len = 0;
	feed_input_cdata_done(p->input, p->ctxt->instate == XML_PARSER_EOF);
	if (terminate)
		xmlParseChunk(p->ctxt, "", 0, 1);
}

/* Convert and parse one slice of input. */
static void
feed_push_slice(struct feed_parser *p, const char *data, size_t len,
    int final)
{
	char *warning = NULL;

	/* Texts may be moved out of the markup only where libxml2 will
	 * surely read them as element content. */
	feed_input_allow_cdata(p->input, p->root_seen && !p->root_done &&
	    p->not_feed == NULL && p->ctxt->instate != XML_PARSER_EOF);
	feed_input_convert(p->input, data, len, final, &p->in, &warning);
	if (warning != NULL) {
		feed_add_warning(p, "%s", warning);
		free(warning);
	}
	feed_feed_xml(p, final);
}

int
feed_parser_push(struct feed_parser *p, const char *data, size_t len,
    char **cause)
{
	size_t n;

	if (p->finished)
		return set_cause(cause, "the feed has already ended");
	if (feed_failed(p, NULL) == -1)
		return feed_failed(p, cause);
	p->total += (long long)len;
	if (p->total > p->max_bytes) {
		p->error = NULL;
		if (p->max_bytes >= 1024 * 1024)
			xasprintf(&p->error, "the feed is larger than %lld MB",
			    p->max_bytes / (1024 * 1024));
		else
			xasprintf(&p->error, "the feed is larger than %lld "
			    "bytes", p->max_bytes);
		xmlStopParser(p->ctxt);
		return feed_failed(p, cause);
	}
	/* Slices keep the converted copy small however big the chunk. */
	while (len > 0 && feed_failed(p, NULL) == 0) {
		n = len < 256 * 1024 ? len : 256 * 1024;
		feed_push_slice(p, data, n, 0);
		data += n;
		len -= n;
	}
	return feed_failed(p, cause);
}

int
feed_parser_finish(struct feed_parser *p, char **cause)
{
	if (p->finished)
		return feed_failed(p, cause);
	if (feed_failed(p, NULL) == 0)
		feed_push_slice(p, "", 0, 1);
	p->finished = 1;
	if (feed_failed(p, NULL) == -1)
		return feed_failed(p, cause);
	if (!p->root_seen)
		return set_cause(cause, p->total == 0 ? "not a feed: the "
		    "document is empty" : "not a feed: no XML element found");
	if (p->cap.active)
		feed_cap_finish(p);
	if (p->item != NULL) {
		feed_add_warning(p, "the feed ends inside an item");
		feed_item_end(p);
	}
	if (p->dropped > 0) {
		p->nwarnings = WARNINGS_MAX - 1;	/* make room */
		free(p->warnings[p->nwarnings]);
		feed_add_warning(p, "and %zu more problems", p->dropped + 1);
	}
	return feed_failed(p, cause);
}

const struct feed_meta *
feed_parser_meta(const struct feed_parser *p)
{
	return &p->meta;
}

const char *const *
feed_parser_warnings(const struct feed_parser *p, size_t *n)
{
	static const char *const none[] = { NULL };

	if (n != NULL)
		*n = p->nwarnings;
	return p->nwarnings > 0 ? (const char *const *)p->warnings : none;
}

/* feed_parse's callback: keep every item. */
static int
feed_collect(struct feed_item *it, void *arg)
{
	struct feed *f = arg;

	f->items = xreallocarray(f->items, f->nitems + 1, sizeof *f->items);
	f->items[f->nitems] = xmalloc(sizeof *it);
	memcpy(f->items[f->nitems++], it, sizeof *it);
	memset(it, 0, sizeof *it);
	return 0;
}

int
feed_parse(const char *data, size_t len, const char *base_url,
    struct feed **out, char **cause)
{
	struct feed_parser *p;
	struct feed *f;
	size_t i;

	*out = NULL;
	f = xcalloc(1, sizeof *f);
	p = feed_parser_new(base_url, feed_collect, f);
	if (feed_parser_push(p, data, len, cause) == -1 ||
	    feed_parser_finish(p, cause) == -1) {
		feed_parser_free(p);
		feed_free(f);
		return -1;
	}
	f->meta = p->meta;
	memset(&p->meta, 0, sizeof p->meta);
	f->nwarnings = p->nwarnings;
	f->warnings = xcalloc(p->nwarnings + 1, sizeof *f->warnings);
	for (i = 0; i < p->nwarnings; i++)
		f->warnings[i] = xstrdup(p->warnings[i]);
	feed_parser_free(p);
	*out = f;
	return 0;
}

void
feed_free(struct feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	feed_meta_clear(&f->meta);
	for (i = 0; i < f->nitems; i++)
		feed_item_free(f->items[i]);
	free(f->items);
	for (i = 0; i < f->nwarnings; i++)
		free(f->warnings[i]);
	free(f->warnings);
	free(f);
}
