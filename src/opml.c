/* opml.c: OPML import with libxml2's tree parser (no network, no entity
 * substitution, no DTD loading) and export with our own escaping. */
#include "config.h"

#include "opml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "urls.h"
#include "utf8.h"
#include "util.h"

/* Folders deeper than this are flattened into their parent's tags. */
#define OPML_MAX_DEPTH	32
#define OPML_MAX_TAGS	16

/* Spellings of the feed URL attribute seen in the wild. */
static const char *const url_attrs[] = { "xmlUrl", "xmlURL", "xmlurl" };

/* An attribute's value, cleaned of control characters, or NULL. */
static char *
attr(xmlNode *n, const char *name)
{
	xmlChar *v;
	char *s, *t;

	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = utf8_clean((const char *)v, strlen((const char *)v), 0);
	xmlFree(v);
	for (t = s; *t == ' '; t++)
		;
	if (*t == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static int
is_element(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static void
warn(struct opml *o, char *msg)
{
	o->warnings = xreallocarray(o->warnings, o->nwarnings + 1,
	    sizeof *o->warnings);
	o->warnings[o->nwarnings++] = msg;
}

/* Adds tag t (taking it) unless present; a leading ~ or ! would read as a
 * title or a flag in the urls file, so it goes. */
static void
add_tag(char ***v, size_t *n, char *t)
{
	size_t i;
	char *p = t + strspn(t, "~! ");

	if (*p == '\0' || *n >= OPML_MAX_TAGS) {
		free(t);
		return;
	}
	memmove(t, p, strlen(p) + 1);
	for (i = 0; i < *n; i++) {
		if (strcmp((*v)[i], t) == 0) {
			free(t);
			return;
		}
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = t;
}

/* category="/a/b,/c": the last part of each path is a tag. */
static void
add_categories(struct opml_feed *f, const char *cats)
{
	const char *p = cats, *slash;
	size_t len;

	while (*p != '\0') {
		len = strcspn(p, ",");
		slash = p + len;
		while (slash > p && slash[-1] != '/')
			slash--;
		if (p + len > slash)
			add_tag(&f->tags, &f->ntags,
			    xstrndup(slash, (size_t)(p + len - slash)));
		p += len;
		if (*p == ',')
			p++;
	}
}

static int
known(const struct opml *o, const char *url)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		if (strcmp(o->v[i].url, url) == 0)
			return 1;
	}
	return 0;
}

/* One outline with a feed URL. */
static void
add_feed(struct opml *o, xmlNode *n, char *url, char **folders,
    size_t nfolders)
{
	struct opml_feed *f;
	char *why = NULL, *msg, *cats;
	size_t i;

	if (urls_check_url(url, &why) == -1) {
		xasprintf(&msg, "%s skipped: %s", url, why);
		warn(o, msg);
		free(why);
		free(url);
		o->refused++;
		return;
	}
	if (known(o, url)) {
		o->duplicates++;
		free(url);
		return;
	}
	o->v = xreallocarray(o->v, o->n + 1, sizeof *o->v);
	f = memset(&o->v[o->n++], 0, sizeof *f);
	f->url = url;
	f->title = attr(n, "title");
	f->text = attr(n, "text");
	for (i = 0; i < nfolders; i++)
		add_tag(&f->tags, &f->ntags, xstrdup(folders[i]));
	if ((cats = attr(n, "category")) != NULL) {
		add_categories(f, cats);
		free(cats);
	}
}

/* Walks outlines: a folder's name is a tag of everything inside it. */
static void
walk(struct opml *o, xmlNode *first, char **folders, size_t depth)
{
	xmlNode *n;
	char *url, *name;
	size_t i;

	for (n = first; n != NULL; n = n->next) {
		if (!is_element(n, "outline"))
			continue;
		url = NULL;
		for (i = 0; i < ARRAYSIZE(url_attrs) && url == NULL; i++)
			url = attr(n, url_attrs[i]);
		if (url != NULL) {
			add_feed(o, n, url, folders, depth);
			continue;
		}
		if ((name = attr(n, "text")) == NULL)
			name = attr(n, "title");
		if (name != NULL && depth < OPML_MAX_DEPTH) {
			folders[depth] = name;
			walk(o, n->children, folders, depth + 1);
			free(name);
			folders[depth] = NULL;
		} else {
			walk(o, n->children, folders, depth);
			free(name);
		}
	}
}

static xmlNode *
child(xmlNode *parent, const char *name)
{
	xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next) {
		if (is_element(n, name))
			return n;
	}
	return NULL;
}

int
opml_parse(const char *data, size_t len, const char *name, struct opml **out,
    char **cause)
{
	char *folders[OPML_MAX_DEPTH] = { NULL };
	struct opml *o;
	xmlDoc *doc;
	xmlNode *root, *head, *title, *body;
	xmlChar *t;

	*out = NULL;
	if (len > (size_t)INT32_MAX)
		return set_cause(cause, "%s: too large", name);
	doc = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doc == NULL)
		return set_cause(cause, "%s is not an OPML file (it is not "
		    "well-formed XML)", name);
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_element(root, "opml") ||
	    (body = child(root, "body")) == NULL) {
		xmlFreeDoc(doc);
		return set_cause(cause, "%s is not an OPML file (no <opml> "
		    "with a <body>)", name);
	}
	o = xcalloc(1, sizeof *o);
	if ((head = child(root, "head")) != NULL &&
	    (title = child(head, "title")) != NULL &&
	    (t = xmlNodeGetContent(title)) != NULL) {
		o->title = utf8_clean((const char *)t, strlen((const char *)t),
		    0);
		xmlFree(t);
	}
	walk(o, body->children, folders, 0);
	xmlFreeDoc(doc);
	*out = o;
	return 0;
}

void
opml_free(struct opml *o)
{
	size_t i, j;

	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++) {
		free(o->v[i].url);
		free(o->v[i].title);
		free(o->v[i].text);
		for (j = 0; j < o->v[i].ntags; j++)
			free(o->v[i].tags[j]);
		free(o->v[i].tags);
	}
	free(o->v);
	for (i = 0; i < o->nwarnings; i++)
		free(o->warnings[i]);
	free(o->warnings);
	free(o->title);
	free(o);
}

/* Text for an attribute value or element: XML-escaped, controls gone. */
static void
put_escaped(FILE *f, const char *s)
{
	char *clean, *p;

	clean = utf8_clean(s, strlen(s), 0);
	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*p, f);
		}
	}
	free(clean);
}

static void
put_attr(FILE *f, const char *name, const char *value)
{
	if (value == NULL)
		return;
	fprintf(f, " %s=\"", name);
	put_escaped(f, value);
	fputc('"', f);
}

static void
put_feed(FILE *f, const struct opml_out *e, const char *indent)
{
	size_t i;

	fprintf(f, "%s<outline type=\"rss\"", indent);
	put_attr(f, "text", e->title != NULL ? e->title : e->url);
	put_attr(f, "title", e->custom_title);
	put_attr(f, "xmlUrl", e->url);
	if (e->ntags > 0) {
		fputs(" category=\"", f);
		for (i = 0; i < e->ntags; i++) {
			fputs(i > 0 ? ",/" : "/", f);
			put_escaped(f, e->tags[i]);
		}
		fputc('"', f);
	}
	fputs("/>\n", f);
}

/* Feeds without tags first, then one folder per first tag, in the order
 * the tags first appear. */
int
opml_write(FILE *f, const char *title, const struct opml_out *v, size_t n)
{
	size_t i, j;
	int seen;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n    <title>", f);
	put_escaped(f, title != NULL ? title : "herald feeds");
	fputs("</title>\n  </head>\n  <body>\n", f);
	for (i = 0; i < n; i++) {
		if (v[i].ntags == 0)
			put_feed(f, &v[i], "    ");
	}
	for (i = 0; i < n; i++) {
		if (v[i].ntags == 0)
			continue;
		for (seen = 0, j = 0; j < i && !seen; j++)
			seen = v[j].ntags > 0 &&
			    strcmp(v[j].tags[0], v[i].tags[0]) == 0;
		if (seen)
			continue;
		fputs("    <outline", f);
		put_attr(f, "text", v[i].tags[0]);
		fputs(">\n", f);
		for (j = i; j < n; j++) {
			if (v[j].ntags > 0 &&
			    strcmp(v[j].tags[0], v[i].tags[0]) == 0)
				put_feed(f, &v[j], "      ");
		}
		fputs("    </outline>\n", f);
	}
	fputs("  </body>\n</opml>\n", f);
	return ferror(f) ? -1 : 0;
}
