/* Unit tests for OPML: import of 1.0 and 2.0 lists with folders and
 * categories, hostile documents and attributes, and export then import
 * giving the same list. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opml.h"
#include "util.h"

#include "../tap.h"

/* A feed as the test expects it: url, title, tags joined by '|'. */
struct want {
	const char	*url;
	const char	*title;
	const char	*tags;
};

static char *
join(char *const *v, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, v[i]);
	}
	return buf_steal(&b);
}

static const struct {
	const char	*name;
	const char	*doc;
	int		 fails;
	struct want	 feeds[4];
	size_t		 nfeeds;
	size_t		 duplicates, refused;
} docs[] = {
	{ "OPML 1.0, flat",
	  "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>Mine"
	  "</title></head><body>"
	  "<outline text=\"A\" type=\"rss\" xmlUrl=\"https://a.example/rss\"/>"
	  "<outline text=\"B\" xmlUrl=\"https://b.example/atom\" "
	  "title=\"Bee\"/></body></opml>",
	  0, { { "https://a.example/rss", NULL, "" },
	       { "https://b.example/atom", "Bee", "" } }, 2, 0, 0 },
	{ "OPML 2.0, nested folders become tags",
	  "<opml version=\"2.0\"><body>"
	  "<outline text=\"News\"><outline text=\"Local\">"
	  "<outline text=\"V\" xmlUrl=\"https://v.example/feed\"/>"
	  "</outline></outline>"
	  "<outline title=\"Tech\">"
	  "<outline text=\"T\" xmlUrl=\"https://t.example/feed\" "
	  "category=\"/Weekly,/a/b/Deep\"/></outline>"
	  "</body></opml>",
	  0, { { "https://v.example/feed", NULL, "News|Local" },
	       { "https://t.example/feed", NULL, "Tech|Weekly|Deep" } },
	  2, 0, 0 },
	{ "duplicates skipped and counted",
	  "<opml version=\"2.0\"><body>"
	  "<outline xmlUrl=\"https://a.example/rss\"/>"
	  "<outline text=\"F\"><outline xmlUrl=\"https://a.example/rss\"/>"
	  "</outline></body></opml>",
	  0, { { "https://a.example/rss", NULL, "" } }, 1, 1, 0 },
	{ "commands in attributes refused",
	  "<opml version=\"2.0\"><body>"
	  "<outline text=\"x\" xmlUrl=\"exec:rm -rf ~\"/>"
	  "<outline text=\"y\" xmlUrl=\"filter:./f.sh:https://a.example/\"/>"
	  "<outline text=\"z\" xmlUrl=\"javascript:alert(1)\"/>"
	  "<outline text=\"ok\" xmlUrl=\"https://ok.example/\"/>"
	  "</body></opml>",
	  0, { { "https://ok.example/", NULL, "" } }, 1, 0, 3 },
	{ "tags that would read as urls-file syntax are cleaned",
	  "<opml version=\"2.0\"><body><outline text=\"~sneaky\">"
	  "<outline text=\"!x\"><outline xmlUrl=\"https://s.example/\" "
	  "title=\"t&#x9b;31m&#x202e;x\"/></outline></outline></body></opml>",
	  0, { { "https://s.example/", "t31mx", "sneaky|x" } }, 1, 0, 0 },
	{ "outline with a link but no xmlUrl is not a feed",
	  "<opml version=\"2.0\"><body><outline text=\"site\" type=\"link\" "
	  "url=\"https://site.example/\"/></body></opml>",
	  0, { { NULL, NULL, NULL } }, 0, 0, 0 },
	{ "not XML", "this is not xml <", 1, { { NULL, NULL, NULL } }, 0,
	  0, 0 },
	{ "XML but not OPML",
	  "<rss version=\"2.0\"><channel/></rss>", 1,
	  { { NULL, NULL, NULL } }, 0, 0, 0 },
	{ "OPML without a body", "<opml version=\"2.0\"><head/></opml>", 1,
	  { { NULL, NULL, NULL } }, 0, 0, 0 },
};

static void
test_docs(void)
{
	struct opml *o;
	char *cause, *tags;
	size_t i, j;

	for (i = 0; i < ARRAYSIZE(docs); i++) {
		cause = NULL;
		o = NULL;
		if (docs[i].fails) {
			ok(opml_parse(docs[i].doc, strlen(docs[i].doc), "in.opml",
			    &o, &cause) == -1, "%s: refused", docs[i].name);
			ok(cause != NULL && strstr(cause, "in.opml is not an "
			    "OPML file") != NULL, "%s: says so", docs[i].name);
			free(cause);
			continue;
		}
		if (opml_parse(docs[i].doc, strlen(docs[i].doc), "in.opml", &o,
		    &cause) == -1) {
			ok(0, "%s: parses (%s)", docs[i].name, cause);
			free(cause);
			continue;
		}
		is_int(o->n, docs[i].nfeeds, "%s: feeds", docs[i].name);
		for (j = 0; j < o->n && j < docs[i].nfeeds; j++) {
			is_str(o->v[j].url, docs[i].feeds[j].url,
			    "%s: url %zu", docs[i].name, j);
			is_str(o->v[j].title, docs[i].feeds[j].title,
			    "%s: title %zu", docs[i].name, j);
			tags = join(o->v[j].tags, o->v[j].ntags);
			is_str(tags, docs[i].feeds[j].tags, "%s: tags %zu",
			    docs[i].name, j);
			free(tags);
		}
		is_int(o->duplicates, docs[i].duplicates, "%s: duplicates",
		    docs[i].name);
		is_int(o->refused, docs[i].refused, "%s: refused",
		    docs[i].name);
		is_int(o->nwarnings, docs[i].refused, "%s: a warning each",
		    docs[i].name);
		opml_free(o);
	}
}

/* Entities that would grow to gigabytes if expanded: the parse must end,
 * quickly, without them. */
static void
test_entity_bomb(void)
{
	struct buf b;
	struct opml *o = NULL;
	char *cause = NULL;
	int i, r;

	buf_init(&b, 0);
	buf_adds(&b, "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a0 "
	    "\"lollollollol\">");
	for (i = 1; i < 12; i++)
		buf_printf(&b, "<!ENTITY a%d \"&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;"
		    "&a%d;&a%d;&a%d;&a%d;\">", i, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	buf_adds(&b, "]><opml version=\"2.0\"><body><outline text=\"&a11;\" "
	    "title=\"&a11;\" xmlUrl=\"https://bomb.example/\"/></body>"
	    "</opml>");
	r = opml_parse(b.data, b.len, "bomb.opml", &o, &cause);
	if (r == 0) {
		ok(o->n <= 1, "entity bomb: at most the one feed");
		ok(o->n == 0 || o->v[0].title == NULL ||
		    strlen(o->v[0].title) < 1000000,
		    "entity bomb: not expanded");
	} else {
		ok(cause != NULL, "entity bomb: refused with a message");
		ok(1, "entity bomb: not expanded");
	}
	opml_free(o);
	free(cause);
	buf_free(&b);
}

static void
test_external_entity(void)
{
	static const char doc[] = "<?xml version=\"1.0\"?><!DOCTYPE opml ["
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">"
	    "<!ENTITY y SYSTEM \"http://127.0.0.1:9/evil\">]>"
	    "<opml version=\"2.0\"><head><title>T&x;&y;</title></head><body>"
	    "<outline text=\"e\" xmlUrl=\"https://e.example/\"/></body>"
	    "</opml>";
	struct opml *o = NULL;
	char *cause = NULL;

	ok(opml_parse(doc, sizeof doc - 1, "ext.opml", &o, &cause) == 0,
	    "external entity: parses");
	if (o != NULL) {
		is_str(o->title, "T", "external entity: not loaded");
		is_int(o->n, 1, "external entity: the feed is read");
	}
	opml_free(o);
	free(cause);
}

static void
test_round_trip(void)
{
	char *t1[] = { "news", "long reads" }, *t2[] = { "news" };
	char *t3[] = { "tech & \"gadgets\"" };
	const struct opml_out out[] = {
		{ "https://a.example/rss", "A's own title", NULL, t1, 2 },
		{ "https://b.example/feed?x=1&y=<2>", "B", "My B", t3, 1 },
		{ "https://c.example/", NULL, NULL, NULL, 0 },
		{ "/home/me/local feed.xml", "Local", NULL, t2, 1 },
	};
	struct opml *o = NULL;
	char *data = NULL, *cause = NULL, *tags;
	size_t len = 0, i, j;
	FILE *f;

	f = open_memstream(&data, &len);
	ok(opml_write(f, "My feeds & more", out, ARRAYSIZE(out)) == 0,
	    "export: written");
	fclose(f);
	ok(opml_parse(data, len, "export", &o, &cause) == 0,
	    "round trip: the export parses");
	if (o == NULL) {
		diag("%s", cause);
		free(cause);
		free(data);
		return;
	}
	is_str(o->title, "My feeds & more", "round trip: the list's title");
	is_int(o->n, ARRAYSIZE(out), "round trip: every feed");
	for (i = 0; i < ARRAYSIZE(out); i++) {
		for (j = 0; j < o->n; j++) {
			if (strcmp(o->v[j].url, out[i].url) == 0)
				break;
		}
		if (j == o->n) {
			ok(0, "round trip: %s is there", out[i].url);
			continue;
		}
		is_str(o->v[j].title, out[i].custom_title,
		    "round trip: %s custom title", out[i].url);
		tags = join(o->v[j].tags, o->v[j].ntags);
		{
			char *want = join(out[i].tags, out[i].ntags);

			is_str(tags, want, "round trip: %s tags", out[i].url);
			free(want);
		}
		free(tags);
	}
	opml_free(o);
	free(data);
}

int
main(void)
{
	test_docs();
	test_entity_bomb();
	test_external_entity();
	test_round_trip();
	return done_testing();
}
