/* Unit tests for the feed parser: every fixture in tests/fixtures/feed
 * parsed and its fields asserted one by one; the same result whatever the
 * chunking; hostile input with its asserted outcome. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed.h"
#include "utf8.h"
#include "util.h"

#include "../../src/feed-int.h"

#include "../tap.h"

/* A date as RFC 3339 text (or "null"), for readable comparisons. */
static const char *
iso(int64_t t)
{
	static char s[4][32];
	static int n;
	time_t tt = (time_t)t;
	struct tm tm;
	char *p = s[n++ % 4];

	if (t == FEED_NO_DATE)
		return "null";
	gmtime_r(&tt, &tm);
	strftime(p, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return p;
}

static char *
fixture(const char *name, size_t *len)
{
	const char *dir = getenv("FIXTURES");
	char *path, *data = NULL, *cause = NULL;

	if (dir != NULL)
		xasprintf(&path, "%s/feed/%s", dir, name);
	else
		xasprintf(&path, "%s/tests/fixtures/feed/%s", HERALD_SRCDIR,
		    name);
	if (read_file(path, 0, &data, len, &cause) == -1) {
		diag("%s", cause);
		free(cause);
	}
	free(path);
	return data;
}

static struct feed *
parse_fixture(const char *name, const char *base)
{
	struct feed *f = NULL;
	char *data, *cause = NULL;
	size_t len = 0;

	if ((data = fixture(name, &len)) == NULL)
		return NULL;
	if (feed_parse(data, len, base, &f, &cause) == -1) {
		diag("%s: %s", name, cause);
		free(cause);
	}
	free(data);
	return f;
}

/* What a fixture must give for the feed itself. */
static const struct want_feed {
	const char	*file, *base;
	enum feed_format format;
	const char	*title, *link, *description, *author, *image;
	const char	*updated;
	size_t		 nitems;
} want_feeds[] = {
	{ "rss20.xml", "https://courier.example/feed.xml", FEED_RSS20,
	  "The Lakeside Courier", "https://courier.example/",
	  "News from the lake & the hills", NULL,
	  "https://courier.example/img/logo.png", "2025-04-26T07:00:00Z", 3 },
	{ "rss091.xml", NULL, FEED_RSS091, "Hill Parish Notes",
	  "http://parish.example/", "Weekly notes", NULL,
	  "http://parish.example/logo.gif", "null", 2 },
	{ "rss092.xml", NULL, FEED_RSS092, "Orchard Radio",
	  "http://radio.example/", "Programmes", NULL, NULL, "null", 1 },
	{ "rss093.xml", NULL, FEED_RSS093, "Tower Bulletin",
	  "http://tower.example/", "Bulletin", NULL, NULL, "null", 1 },
	{ "rss094.xml", NULL, FEED_RSS094, "Garden Club",
	  "http://garden.example/", "Club news", NULL, NULL, "null", 1 },
	{ "rss090.xml", NULL, FEED_RSS090, "Museum Wire",
	  "http://museum.example/", "Exhibitions", NULL,
	  "http://museum.example/m.gif", "null", 2 },
	{ "rss10.xml", NULL, FEED_RSS10, "Station Road Journal",
	  "https://station.example/", "Rail and road", NULL, NULL,
	  "2025-04-20T12:00:00Z", 2 },
	{ "atom10.xml", "https://ignored.example/", FEED_ATOM10,
	  "Valley Notebook", "https://valley.example/blog/",
	  "Walks, weather and the river", "Noor Castell",
	  "https://valley.example/img/notebook.png", "2025-04-22T10:00:00Z",
	  3 },
	{ "atom03.xml", NULL, FEED_ATOM03, "Bridge Society",
	  "http://bridges.example/", "Old bridges, new paint",
	  "Society Secretary", NULL, "2025-03-30T12:00:00Z", 1 },
	{ "itunes.xml", NULL, FEED_RSS20, "Harbour Voices",
	  "https://voices.example/", "Conversations on the quay.",
	  "Harbour Voices Collective", "https://voices.example/cover.jpg",
	  "null", 1 },
	{ "media.xml", NULL, FEED_RSS20, "Lens on the Lake",
	  "https://lens.example/", NULL, NULL, NULL, "null", 2 },
	{ "titles.xml", NULL, FEED_RSS20, "Quay Gazette",
	  "https://quay.example/", NULL, NULL, NULL, "null", 6 },
	{ "fallback.xml", NULL, FEED_RSS20, "Fallbacks",
	  "https://fallback.example/", NULL, NULL, NULL, "null", 4 },
};

static void
test_feeds(void)
{
	const struct want_feed *w;
	struct feed *f;
	size_t i;

	for (i = 0; i < ARRAYSIZE(want_feeds); i++) {
		w = &want_feeds[i];
		f = parse_fixture(w->file, w->base);
		if (!ok(f != NULL, "%s: parses", w->file))
			continue;
		is_int(f->meta.format, w->format, "%s: format %s", w->file,
		    feed_format_name(w->format));
		is_str(f->meta.title, w->title, "%s: title", w->file);
		is_str(f->meta.link, w->link, "%s: link", w->file);
		is_str(f->meta.description, w->description, "%s: description",
		    w->file);
		is_str(f->meta.author, w->author, "%s: author", w->file);
		is_str(f->meta.image, w->image, "%s: image", w->file);
		is_str(iso(f->meta.updated), w->updated, "%s: updated",
		    w->file);
		is_int(f->nitems, w->nitems, "%s: item count", w->file);
		feed_free(f);
	}
}

/* What a fixture must give for one item.  NULL means the field is NULL;
 * content is compared by its start. */
static const struct want_item {
	const char	*file, *base;
	size_t		 n;
	const char	*title, *link, *guid, *author;
	const char	*published, *updated;
	const char	*content;
	int		 is_text;
	const char	*summary, *thumbnail, *duration;
	const char	*cat[2];
	size_t		 ncat;
	const char	*enc_url, *enc_type;
	int64_t		 enc_len;
	size_t		 nenc;
	const char	*rel_url, *rel_title;
	size_t		 nrel;
} want_items[] = {
	{ "rss20.xml", "https://courier.example/feed.xml", 0,
	  "Ferry crossing to reopen \u201cwithin weeks\u201d, harbour master says",
	  "https://courier.example/news/ferry-reopens", "courier-4411",
	  "Mira Holloway", "2025-04-25T09:30:00Z", "null",
	  "<p>The harbour master told the council", 0,
	  "The crossing closed in March may reopen before summer.",
	  "https://courier.example/img/ferry-small.jpg", NULL,
	  { "Transport", "Harbour" }, 2,
	  "https://courier.example/audio/ferry.mp3", "audio/mpeg", 3145728, 1,
	  "https://courier.example/news/pier-repairs",
	  "Pier repairs fall behind schedule", 2 },
	{ "rss20.xml", "https://courier.example/feed.xml", 1,
	  "Library extends its opening hours",
	  "https://courier.example/news/library-hours",
	  "https://courier.example/news/library-hours", "Tomas Brenner",
	  "2025-04-24T16:05:12Z", "null",
	  "<p>From May the reading room stays open until nine.</p>", 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "rss20.xml", "https://courier.example/feed.xml", 2,
	  "Short note with no title: the market moves to the square on "
	  "Saturday while the\u2026",
	  "https://courier.example/news/market-moves",
	  "https://courier.example/news/market-moves", NULL,
	  "2025-04-23T05:15:00Z", "null", "Short note with no title", 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "rss091.xml", NULL, 0, "Caf\u00e9 opens in the old school",
	  "http://parish.example/notes/cafe", "http://parish.example/notes/cafe",
	  NULL, "null", "null",
	  "The caf\u00e9 \u2014 run by volunteers \u2014 opens on Monday.", 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "rss091.xml", NULL, 1, "Bell tower & clock repaired",
	  "http://parish.example/notes/bell", "http://parish.example/notes/bell",
	  NULL, "null", "null", NULL, 0, NULL, NULL, NULL, { NULL, NULL }, 0,
	  NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "rss092.xml", NULL, 0, "Evening programme",
	  "http://radio.example/shows/evening",
	  "http://radio.example/shows/evening", NULL, "null", "null",
	  "Songs from the valley.", 0, NULL, NULL, NULL, { "Folk", NULL }, 1,
	  "http://radio.example/shows/evening.ogg", "audio/ogg", 9000000, 1,
	  NULL, NULL, 0 },
	{ "rss093.xml", NULL, 0, "Clock tower tours resume",
	  "http://tower.example/tours", "http://tower.example/tours", NULL,
	  "2025-04-14T15:00:00Z", "null", NULL, 0, NULL, NULL, NULL,
	  { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "rss094.xml", NULL, 0, "Seed swap on Sunday",
	  "http://garden.example/swap", "http://garden.example/swap",
	  "club@garden.example", "2025-04-13T15:00:00Z", "null", NULL, 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "rss090.xml", NULL, 1, "Archive open day",
	  "http://museum.example/open-day", "http://museum.example/open-day",
	  NULL, "null", "null", NULL, 0, NULL, NULL, NULL, { NULL, NULL }, 0,
	  NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "rss10.xml", NULL, 0, "Night trains return to the valley line",
	  "https://station.example/j/1", "https://station.example/j/1",
	  "Ada Quill", "2025-04-20T01:40:00Z", "null",
	  "<p>\u201cIt is the route people asked for,\u201d the operator "
	  "said.</p>", 0, "Sleeper service from June.", NULL, NULL,
	  { "Rail", NULL }, 1, NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "rss10.xml", NULL, 1, "Road works on the bridge", NULL,
	  "urn:journal:2", NULL, "2025-04-18T00:00:00Z", "null", NULL, 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "atom10.xml", NULL, 0, "River walk after the flood",
	  "https://valley.example/blog/posts/river-walk",
	  "tag:valley.example,2025:river-walk", "Noor Castell",
	  "2025-04-21T06:00:00Z", "2025-04-21T09:15:30Z",
	  "\n      <div><p>\u201cThe water came up to here,\u201d said the "
	  "ferryman, and <a href=\"flood-map\">pointed</a>.</p></div>", 0,
	  "The path is open again.", NULL, NULL, { "walks", "river" }, 2,
	  "https://valley.example/media/river.jpg", "image/jpeg", 204800, 1,
	  "https://valley.example/blog/posts/flood-map", "The flood, mapped",
	  1 },
	{ "atom10.xml", NULL, 1, "Plain & simple <not a tag>",
	  "https://mirror.example/notes/note.html",
	  "tag:valley.example,2025:note", "Guest Writer",
	  "2025-04-20T17:45:00Z", "2025-04-20T17:45:00Z",
	  "Line one <b> stays literal.", 1, NULL, NULL, NULL, { NULL, NULL },
	  0, NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "atom10.xml", NULL, 2,
	  "Frost on the orchard this morning, the first in a month.",
	  "https://valley.example/blog/posts/untitled",
	  "https://valley.example/blog/posts/untitled", "Noor Castell",
	  "2025-04-19T07:00:00Z", "2025-04-19T07:00:00Z",
	  "<p>Frost on the orchard", 0, NULL, NULL, NULL, { NULL, NULL }, 0,
	  NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "atom03.xml", NULL, 0, "Spring survey results",
	  "http://bridges.example/survey", "tag:bridges.example,2025:survey",
	  "Society Secretary", "2025-03-29T15:00:00Z", "2025-03-30T11:00:00Z",
	  "<p>Seven bridges need paint.</p>", 0, NULL, NULL, NULL,
	  { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL, 0 },
	{ "itunes.xml", NULL, 0, "Episode 12: The net menders", NULL,
	  "voices-ep12", "Ines Farrow", "2025-04-16T05:00:00Z", "null",
	  "Three generations of net menders talk shop.", 1, NULL,
	  "https://voices.example/ep12.jpg", "00:42:17", { NULL, NULL }, 0,
	  "https://voices.example/ep12.mp3", "audio/mpeg", 40600000, 1, NULL,
	  NULL, 0 },
	{ "media.xml", NULL, 0, "Storm over the north shore",
	  "https://lens.example/storm", "https://lens.example/storm", NULL,
	  "null", "null", "Time-lapse from the lighthouse.", 1, NULL,
	  "https://lens.example/storm.jpg", NULL, { NULL, NULL }, 0,
	  "https://lens.example/storm-1080.mp4", "video/mp4", 52428800, 2,
	  NULL, NULL, 0 },
	{ "media.xml", NULL, 1, "Heron at dawn", "https://lens.example/heron",
	  "https://lens.example/heron", NULL, "null", "null", NULL, 0, NULL,
	  NULL, NULL, { NULL, NULL }, 0, "https://lens.example/heron.jpg",
	  "image", 0, 1, NULL, NULL, 0 },
	{ "fallback.xml", NULL, 0, "Has only a link",
	  "https://fallback.example/only-link",
	  "https://fallback.example/only-link", NULL, "null", "null", NULL, 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "fallback.xml", NULL, 2,
	  "A body with markup and no title at all, which is long enough to "
	  "be cut\u2026", NULL, NULL, NULL, "null", "null", "<p>A body", 0,
	  NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
	{ "fallback.xml", NULL, 3, "", NULL, NULL, NULL, "null", "null", NULL,
	  0, NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, 0, 0, NULL, NULL,
	  0 },
};

static void
check_item(const struct want_item *w, const struct feed_item *it)
{
	const char *f = w->file;
	size_t n = w->n, i;

	is_str(it->title, w->title, "%s[%zu]: title", f, n);
	is_str(it->link, w->link, "%s[%zu]: link", f, n);
	if (w->guid != NULL)
		is_str(it->guid, w->guid, "%s[%zu]: guid", f, n);
	else
		ok(strncmp(it->guid, "herald:", 7) == 0 &&
		    strlen(it->guid) == 23, "%s[%zu]: guid is a hash (%s)", f,
		    n, it->guid);
	is_str(it->author, w->author, "%s[%zu]: author", f, n);
	is_str(iso(it->published), w->published, "%s[%zu]: published", f, n);
	is_str(iso(it->updated), w->updated, "%s[%zu]: updated", f, n);
	if (w->content == NULL)
		is_str(it->content, NULL, "%s[%zu]: no content", f, n);
	else
		ok(it->content != NULL && strncmp(it->content, w->content,
		    strlen(w->content)) == 0, "%s[%zu]: content starts right",
		    f, n);
	is_int(it->content_is_text, w->is_text, "%s[%zu]: content type", f, n);
	is_str(it->summary, w->summary, "%s[%zu]: summary", f, n);
	is_str(it->thumbnail, w->thumbnail, "%s[%zu]: thumbnail", f, n);
	is_str(it->duration, w->duration, "%s[%zu]: duration", f, n);
	is_int(it->ncategories, w->ncat, "%s[%zu]: categories", f, n);
	for (i = 0; i < w->ncat && i < it->ncategories; i++)
		is_str(it->categories[i], w->cat[i], "%s[%zu]: category %zu",
		    f, n, i);
	is_int(it->nenclosures, w->nenc, "%s[%zu]: enclosures", f, n);
	if (w->nenc > 0 && it->nenclosures > 0) {
		is_str(it->enclosures[0].url, w->enc_url, "%s[%zu]: enclosure "
		    "url", f, n);
		is_str(it->enclosures[0].type, w->enc_type, "%s[%zu]: "
		    "enclosure type", f, n);
		is_int(it->enclosures[0].length, w->enc_len, "%s[%zu]: "
		    "enclosure length", f, n);
	}
	is_int(it->nrelated, w->nrel, "%s[%zu]: related links", f, n);
	if (w->nrel > 0 && it->nrelated > 0) {
		is_str(it->related[0].url, w->rel_url, "%s[%zu]: related url",
		    f, n);
		is_str(it->related[0].title, w->rel_title, "%s[%zu]: related "
		    "title", f, n);
	}
}

static void
test_items(void)
{
	const struct want_item *w;
	struct feed *f;
	size_t i;

	for (i = 0; i < ARRAYSIZE(want_items); i++) {
		w = &want_items[i];
		f = parse_fixture(w->file, w->base);
		if (!ok(f != NULL && w->n < f->nitems, "%s[%zu]: exists",
		    w->file, w->n)) {
			feed_free(f);
			continue;
		}
		check_item(w, f->items[w->n]);
		feed_free(f);
	}
}

/* Titles: entities, CDATA, HTML, white space, controls. */
static void
test_titles(void)
{
	static const char *const want[] = {
		"Fish & chips \u2014 a history",
		"Tide tables: May & June",
		"Spaces and tabs everywhere",
		"Entity \u00a9 and \u201cquote\u201d and \U0001F41F",
		"HTML entity \u2026 without a DTD",
		"Escape[2J and bidi gone",
	};
	struct feed *f;
	size_t i;

	f = parse_fixture("titles.xml", NULL);
	if (!ok(f != NULL && f->nitems == ARRAYSIZE(want), "titles: parse"))
		goto out;
	is_str(f->meta.title, "Quay Gazette", "titles: CDATA feed title "
	    "loses its tags");
	for (i = 0; i < ARRAYSIZE(want); i++)
		is_str(f->items[i]->title, want[i], "titles: item %zu", i);
out:
	feed_free(f);
}

/* Character sets: declared, by BOM, undeclared, lying, unknown. */
static void
test_encodings(void)
{
	static const struct {
		const char	*file, *title, *item;
		int		 warned;
	} cases[] = {
		{ "enc-utf8-bom.xml", "Caf\u00e9 \u201cSol\u201d",
		  "Ni\u00f1o \u4e2d\u6587", 0 },
		{ "enc-utf16le-bom.xml", "Caf\u00e9 \u201cSol\u201d",
		  "\u0417\u0438\u043c\u0430 \U0001F30A", 0 },
		{ "enc-utf16be-bom.xml", "Caf\u00e9 \u201cSol\u201d",
		  "\u0417\u0438\u043c\u0430", 0 },
		{ "enc-latin1.xml", "Caf\u00e9 \u00bd",
		  "Stra\u00dfe \u00e0 \u00fc", 0 },
		{ "enc-cp1252.xml", "Caf\u00e9 \u201cSol\u201d",
		  "Price \u20ac5 \u2013 cheap", 0 },
		{ "enc-koi8r.xml", "\u041d\u043e\u0432\u043e\u0441\u0442\u0438",
		  "\u0417\u0438\u043c\u0430 \u0431\u043b\u0438\u0437\u043a\u043e",
		  0 },
		{ "enc-nodecl.xml", "Caf\u00e9", "\u00c5land", 0 },
		{ "enc-lie-utf8.xml", "Caf\u00e9 \u201cSol\u201d", "Ni\u00f1o",
		  1 },
		{ "enc-unknown.xml", "Caf\u00e9", "Plain", 1 },
		{ "enc-invalid-utf8.xml", "Caf\u00e9 ok",
		  "Bad \ufffdt\ufffd \ufffd\ufffd \ufffd( nul ctl "
		  "\ufffd\ufffd\ufffd end", 0 },
	};
	struct feed *f;
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		f = parse_fixture(cases[i].file, NULL);
		if (!ok(f != NULL && f->nitems == 1, "%s: parses",
		    cases[i].file)) {
			feed_free(f);
			continue;
		}
		is_str(f->meta.title, cases[i].title, "%s: feed title",
		    cases[i].file);
		is_str(f->items[0]->title, cases[i].item, "%s: item title",
		    cases[i].file);
		is_int(f->nwarnings > 0, cases[i].warned, "%s: %s",
		    cases[i].file, cases[i].warned ? "warns" : "no warning");
		feed_free(f);
	}
}

static void
test_dates(void)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		/* RFC 822 / 2822 and what feeds make of it */
		{ "Fri, 25 Apr 2025 09:30:00 +0000", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 09:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "25 Apr 2025 09:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 09:30 GMT", "2025-04-25T09:30:00Z" },
		{ "Fri,  25  Apr   2025  09:30:00   GMT ", "2025-04-25T09:30:00Z" },
		{ "fri, 25 apr 2025 09:30:00 gmt", "2025-04-25T09:30:00Z" },
		{ "FRI, 25 APR 2025 09:30:00 UT", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 25 09:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "Fri, 1 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z" },
		{ "Fri, 25 Apr 2025 12:30:00 GMT+3", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 06:30:00 GMT-03:00", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 04:30:00 EST", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 05:30:00 EDT", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 02:30:00 PDT", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 11:30:00 +0200", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 11:30:00 +02:00", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 04:00:00 -0530", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 09:30:00 Z", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 09:30:00", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 9:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "Friday, 25-Apr-2025 09:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "Friday, 25 April 2025 09:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "Fri Apr 25 09:30:00 2025", "2025-04-25T09:30:00Z" },
		{ "Fri, 25 Apr 2025 09:30:00 +0000 (UTC)", "2025-04-25T09:30:00Z" },
		{ "Thu, 25 Sept 2025 09:30:00 GMT", "2025-09-25T09:30:00Z" },
		{ "Mon, 25 Apr 2025 09:30:00 GMT", "2025-04-25T09:30:00Z" },
		{ "25 April 2025", "2025-04-25T00:00:00Z" },
		{ "Sat, 29 Feb 2020 23:59:60 GMT", "2020-02-29T23:59:59Z" },
		/* ISO 8601, RFC 3339, W3CDTF */
		{ "2025-04-25T09:30:00Z", "2025-04-25T09:30:00Z" },
		{ "2025-04-25T09:30:00.123456Z", "2025-04-25T09:30:00Z" },
		{ "2025-04-25T11:30:00+02:00", "2025-04-25T09:30:00Z" },
		{ "2025-04-25T04:30:00-0500", "2025-04-25T09:30:00Z" },
		{ "2025-04-25T11:30:00+02", "2025-04-25T09:30:00Z" },
		{ "2025-04-25T09:30Z", "2025-04-25T09:30:00Z" },
		{ "2025-04-25T09:30:00", "2025-04-25T09:30:00Z" },
		{ "2025-04-25 09:30:00", "2025-04-25T09:30:00Z" },
		{ "2025-04-25 11:30:00 +02:00", "2025-04-25T09:30:00Z" },
		{ "2025-04-25t09:30:00z", "2025-04-25T09:30:00Z" },
		{ "  2025-04-25T09:30:00Z\t ", "2025-04-25T09:30:00Z" },
		{ "2025-04-25", "2025-04-25T00:00:00Z" },
		{ "2025-04", "2025-04-01T00:00:00Z" },
		{ "2025", "2025-01-01T00:00:00Z" },
		{ "20250425T093000Z", "2025-04-25T09:30:00Z" },
		{ "2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z" },
		{ "1969-07-20T20:17:40Z", "1969-07-20T20:17:40Z" },
		/* Unreadable: null, never a guess */
		{ "", "null" },
		{ "   ", "null" },
		{ "garbage", "null" },
		{ "yesterday", "null" },
		{ "2025-02-30T00:00:00Z", "null" },
		{ "2023-02-29", "null" },
		{ "2025-13-01", "null" },
		{ "2025-04-25T25:00:00Z", "null" },
		{ "2025-04-25T09:60:00Z", "null" },
		{ "2025-04-25T09:30:00+25:00", "null" },
		{ "2025-04-25T", "null" },
		{ "2025-04-25T09:30:00Z trailing", "null" },
		{ "Fri, 32 Apr 2025 09:30:00 GMT", "null" },
		{ "Fri, 31 Apr 2025 09:30:00 GMT", "null" },
		{ "Fri, 25 Foo 2025 09:30:00 GMT", "null" },
		{ "Fri, 25 Apr 2025 09:30:00 XYZ", "null" },
		{ "Fri, 25 Apr 2025 09:30:00 +0000 extra", "null" },
		{ "Fri, 25 Apr 2025 24:30:00 GMT", "null" },
		{ "Apr 2025", "null" },
		{ "25/04/2025", "null" },
		{ "04/25/2025", "null" },
		{ "1745573400", "null" },
		{ "Marmalade 25 2025", "null" },
		{ "25 Apr Apr 2025", "null" },
		{ "Fri, 25 Apr 2025 09:30:00 GMT GMT", "null" },
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++)
		is_str(iso(feed_parse_date(cases[i].in)), cases[i].want,
		    "date '%s'", cases[i].in);
	is_str(iso(feed_parse_date(NULL)), "null", "date NULL");
}

/* feed_format_date does its own calendar sums: it must agree with gmtime
 * and strftime everywhere, the fast range and the fallback alike. */
static void
test_format_date(void)
{
	static const struct {
		int64_t		 t;
		const char	*want;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ 1745573400, "2025-04-25T09:30:00Z" },
		{ 951782400, "2000-02-29T00:00:00Z" },
		{ 951868799, "2000-02-29T23:59:59Z" },
		{ 4107542400, "2100-03-01T00:00:00Z" },
		{ 253402300799, "9999-12-31T23:59:59Z" },
		{ 253402300800, "10000-01-01T00:00:00Z" },	/* fallback */
		{ -1, "1969-12-31T23:59:59Z" },			/* fallback */
		{ -14182940, "1969-07-20T20:17:40Z" },
	};
	char got[FEED_DATE_MAX], want[FEED_DATE_MAX];
	unsigned long long x = 88172645463325252ULL;
	size_t i, bad = 0;
	struct tm tm;
	time_t tt;
	int64_t t;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		if (feed_format_date(cases[i].t, got, sizeof got) == -1)
			strcpy(got, "failed");
		is_str(got, cases[i].want, "format date %lld",
		    (long long)cases[i].t);
	}
	ok(feed_format_date(FEED_NO_DATE, got, sizeof got) == -1,
	    "format FEED_NO_DATE: none");
	/* Every day from 1970 to 2200 at a varying time of day, then
	 * random times up to year 9999. */
	for (i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		t = i < 84000 ? (int64_t)i * 86400 + (int64_t)(x % 86400) :
		    (int64_t)(x % 253402300800ULL);
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (feed_format_date(t, got, sizeof got) == -1 ||
		    strcmp(got, want) != 0) {
			if (bad++ == 0)
				diag("%lld: got %s, want %s", (long long)t,
				    got, want);
		}
	}
	ok(bad == 0, "format date agrees with gmtime+strftime (%zu wrong)",
	    bad);
}

/* A feed's whole parse as text, to compare two ways of feeding it. */
static void
dump_item(struct buf *b, const struct feed_item *it)
{
	size_t i;

	buf_printf(b, "item\n%s\n%s\n%s\n%s\n%lld %lld\n%s\n%d\n%s\n%s\n%s\n",
	    it->title, it->link ? it->link : "-", it->guid,
	    it->author ? it->author : "-", (long long)it->published,
	    (long long)it->updated, it->content ? it->content : "-",
	    it->content_is_text, it->summary ? it->summary : "-",
	    it->thumbnail ? it->thumbnail : "-",
	    it->duration ? it->duration : "-");
	for (i = 0; i < it->ncategories; i++)
		buf_printf(b, "cat %s\n", it->categories[i]);
	for (i = 0; i < it->nenclosures; i++)
		buf_printf(b, "enc %s %s %lld\n", it->enclosures[i].url,
		    it->enclosures[i].type ? it->enclosures[i].type : "-",
		    (long long)it->enclosures[i].length);
	for (i = 0; i < it->nrelated; i++)
		buf_printf(b, "rel %s %s\n", it->related[i].url,
		    it->related[i].title ? it->related[i].title : "-");
}

static int
dump_cb(struct feed_item *it, void *arg)
{
	dump_item(arg, it);
	return 0;
}

/* Parse data pushed in pieces of the sizes step() gives; the dump. */
static char *
parse_chunked(const char *data, size_t len, size_t (*step)(size_t))
{
	const struct feed_meta *m;
	struct feed_parser *p;
	struct buf b;
	size_t off = 0, n;
	char *cause = NULL;

	buf_init(&b, 0);
	p = feed_parser_new("https://base.example/dir/feed", dump_cb, &b);
	while (off < len) {
		n = step(len - off);
		if (feed_parser_push(p, data + off, n, &cause) == -1)
			break;
		off += n;
	}
	if (cause == NULL && feed_parser_finish(p, &cause) == 0) {
		m = feed_parser_meta(p);
		buf_printf(&b, "meta %d\n%s\n%s\n%s\n%s\n%s\n%lld\n", m->format,
		    m->title ? m->title : "-", m->link ? m->link : "-",
		    m->description ? m->description : "-",
		    m->author ? m->author : "-", m->image ? m->image : "-",
		    (long long)m->updated);
	} else
		buf_printf(&b, "error %s\n", cause);
	free(cause);
	feed_parser_free(p);
	return buf_steal(&b);
}

static size_t step_all(size_t left) { return left; }
static size_t step_one(size_t left) { return 1; }

static unsigned long rng_state = 12345;

static size_t
step_random(size_t left)
{
	size_t n;

	rng_state = rng_state * 1103515245 + 12345;
	n = 1 + (rng_state >> 16) % 700;
	return n < left ? n : left;
}

static void
test_chunking(void)
{
	static const char *const files[] = {
		"rss20.xml", "rss091.xml", "rss090.xml", "rss10.xml",
		"atom10.xml", "atom03.xml", "itunes.xml", "media.xml",
		"titles.xml", "fallback.xml", "broken.xml", "enc-utf16le-bom.xml",
		"enc-koi8r.xml", "enc-cp1252.xml", "enc-invalid-utf8.xml",
		"enc-lie-utf8.xml", "enc-utf8-bom.xml", "empty.xml",
		"bare-chars.xml", "xxe.xml", "billion-laughs.xml",
		"unclosed-cdata.xml",
	};
	char *data, *whole, *one, *rnd;
	size_t i, len;

	for (i = 0; i < ARRAYSIZE(files); i++) {
		if ((data = fixture(files[i], &len)) == NULL) {
			ok(0, "%s: read", files[i]);
			continue;
		}
		whole = parse_chunked(data, len, step_all);
		one = parse_chunked(data, len, step_one);
		rnd = parse_chunked(data, len, step_random);
		is_str(one, whole, "%s: one byte at a time = whole", files[i]);
		is_str(rnd, whole, "%s: random pieces = whole", files[i]);
		free(whole);
		free(one);
		free(rnd);
		free(data);
	}
}

/* feed_text_strip_controls one byte at a time: the reference its word
 * and SSE2 paths must match. */
static char *
ref_strip(char *s, int keep_lines)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	uint32_t cp;
	size_t n;

	while (*r != '\0') {
		if (*r >= 0x20 && *r < 0x7F) {
			*w++ = *r++;
			continue;
		}
		if (*r < 0x80) {
			if (keep_lines && (*r == '\n' || *r == '\t'))
				*w++ = *r;
			else if (*r == '\n' || *r == '\t' || *r == '\r')
				*w++ = ' ';
			r++;
			continue;
		}
		n = utf8_decode((const char *)r, 4, &cp);
		if (!utf8_is_control(cp)) {
			if (cp == UTF8_REPLACEMENT && n == 1 && r - w >= 2)
				memcpy(w, "\xef\xbf\xbd", 3), w += 3;
			else if (cp == UTF8_REPLACEMENT && n == 1)
				*w++ = '?';
			else
				memmove(w, r, n), w += n;
		}
		r += n;
	}
	*w = '\0';
	return s;
}

/* feed_text_collapse one byte at a time, likewise. */
static char *
ref_collapse(char *s)
{
	char *r = s, *w = s;
	int space = 0;

	for (; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' ||
		    *r == '\f' || *r == '\v') {
			space = w != s;
			continue;
		}
		if ((unsigned char)r[0] == 0xC2 && (unsigned char)r[1] == 0xA0) {
			space = w != s;
			r++;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* Random texts of the pieces that matter, through the fast and the
 * reference control stripping and white-space collapsing. */
static void
test_text_fast_paths(void)
{
	static const char *const pieces[] = {
		"a", "bc", "plain words here", " ", "  ", "\t", "\n", "\r",
		"\f", "\v", "\x7f", "\x01", "\x1b", "\xc2\xa0", "\xc2\x85",
		"\xc2\xa9", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\x9c",
		"\xff", "\xc3", "\xe2\x82", "\xf0\x9f\x98\x80", "\xc2",
		"0123456789abcdefghijklmnopqrstuvwxyz",
	};
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	char *a, *b;
	struct buf t;
	size_t i, k, npieces, bad_strip = 0, bad_collapse = 0;
	int keep;

	for (i = 0; i < 20000; i++) {
		buf_init(&t, 0);
		buf_add(&t, "", 0);
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		npieces = x % 60;
		for (k = 0; k < npieces; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			buf_adds(&t, pieces[x % ARRAYSIZE(pieces)]);
		}
		for (keep = 0; keep < 2; keep++) {
			a = feed_text_strip_controls(xstrdup(t.data), keep);
			b = ref_strip(xstrdup(t.data), keep);
			if (strcmp(a, b) != 0 && bad_strip++ == 0)
				diag("strip %d: '%s' -> '%s', want '%s'", keep,
				    t.data, a, b);
			free(a);
			free(b);
		}
		a = feed_text_collapse(xstrdup(t.data));
		b = ref_collapse(xstrdup(t.data));
		if (strcmp(a, b) != 0 && bad_collapse++ == 0)
			diag("collapse: '%s' -> '%s', want '%s'", t.data, a, b);
		free(a);
		free(b);
		buf_free(&t);
	}
	ok(bad_strip == 0, "strip controls = reference (%zu differ)",
	    bad_strip);
	ok(bad_collapse == 0, "collapse = reference (%zu differ)",
	    bad_collapse);
}

/* What feed-input.c makes of text, the slow way: XML's characters kept,
 * C0 but tab and line ends dropped, every byte of an invalid sequence (or
 * a surrogate, U+FFFE, U+FFFF, past U+10FFFF) one U+FFFD. */
static void
ref_clean(const unsigned char *s, size_t len, struct buf *out)
{
	size_t i = 0, n, k;
	uint32_t c;

	while (i < len) {
		if (s[i] < 0x80) {
			if (s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n' ||
			    s[i] == '\r')
				buf_addc(out, (char)s[i]);
			i++;
			continue;
		}
		n = s[i] >= 0xF0 && s[i] < 0xF5 ? 4 : s[i] >= 0xE0 &&
		    s[i] < 0xF0 ? 3 : s[i] >= 0xC2 && s[i] < 0xE0 ? 2 : 0;
		c = s[i] & (0x7F >> n);
		for (k = 1; k < n && i + k < len && (s[i + k] & 0xC0) == 0x80;
		    k++)
			c = (c << 6) | (s[i + k] & 0x3F);
		if (n == 0 || k < n || (n == 3 && c < 0x800) || (n == 4 &&
		    (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 &&
		    c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF) {
			buf_add(out, "\xef\xbf\xbd", 3);
			i++;
			continue;
		}
		buf_add(out, s + i, n);
		i += n;
	}
}

/* The input front end checks text sixteen bytes at a time: every byte
 * value and a set of sequences, valid and not, at every place in and
 * around a block, must come out as the slow reference says. */
static void
test_input_clean(void)
{
	static const char *const seqs[] = {
		"\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80", "\xc3\x28",
		"\xe2\x82", "\xed\xa0\x80", "\xef\xbf\xbe", "\xf4\x90\x80\x80",
		"\xc0\xaf", "\xe0\x80\xaf", "\x7f", "\r\n", "\x1b[0m",
		"\xc2\x85", "\xe2\x80\xae", "\x80\x80", "\xff",
	};
	const char *filler = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
	    "KLMNOPQRSTUVWXYZ";
	struct feed_input *in;
	struct buf doc, want, got;
	char *warning, one[2];
	size_t pos, k, bad = 0, cases = 0;
	const char *seq;

	for (k = 0; k < 256 + ARRAYSIZE(seqs); k++) {
		if (k < 256) {
			if (k == '<' || k == '&')
				continue;
			one[0] = (char)k;
			one[1] = '\0';
			seq = one;
		} else
			seq = seqs[k - 256];
		for (pos = 0; pos < 40; pos++) {
			buf_init(&doc, 0);
			buf_init(&want, 0);
			buf_init(&got, 0);
			buf_adds(&doc, "<x>");
			buf_add(&doc, filler, pos);
			buf_add(&doc, seq, k < 256 ? 1 : strlen(seq));
			buf_add(&doc, filler, 37);
			ref_clean((const unsigned char *)doc.data, doc.len,
			    &want);
			in = feed_input_new();
			warning = NULL;
			feed_input_convert(in, doc.data, doc.len, 1, &got,
			    &warning);
			free(warning);
			if (got.len != want.len || memcmp(got.data, want.data,
			    got.len) != 0) {
				if (bad++ == 0)
					diag("byte/sequence %zu at %zu", k, pos);
			}
			cases++;
			feed_input_free(in);
			buf_free(&doc);
			buf_free(&want);
			buf_free(&got);
		}
	}
	ok(bad == 0, "input front end = reference on %zu texts (%zu differ)",
	    cases, bad);
}

/* A CDATA text long enough to be moved out of the markup, with what
 * must survive the move: line ends, quotes, markup, non-ASCII. */
#define LONG_CDATA "<p>One \"two\" & 'three' <b>four</b></p>\n" \
	"<p>Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d text, long enough to " \
	"be worth moving out of the markup and then some more.</p>\r\n" \
	"<p>]] ]> ] > and the end of it, with a last line end.</p>\n"

/* Which CDATA sections the input front end takes out of the markup: only
 * long ones in element content, never after an open tag with quotes, a
 * PI or a declaration; the instruction keeps the line count. */
static void
test_cdata_moved(void)
{
	static const struct {
		const char	*doc;
		int		 allowed, moved;
	} cases[] = {
		{ "<x><![CDATA[" LONG_CDATA "]]></x>", 1, 1 },
		{ "<x><![CDATA[" LONG_CDATA "]]></x>", 0, 0 },
		{ "<x>\n  <![CDATA[" LONG_CDATA "]]>\n</x>", 1, 1 },
		{ "<x><![CDATA[short]]></x>", 1, 0 },
		{ "<x a=\"1\"><![CDATA[" LONG_CDATA "]]></x>", 1, 0 },
		{ "<x a='1'><![CDATA[" LONG_CDATA "]]></x>", 1, 0 },
		{ "<x a=\"1\">t<y><![CDATA[" LONG_CDATA "]]></y></x>", 1, 1 },
		{ "<x a=1 <![CDATA[" LONG_CDATA "]]></x>", 1, 0 },
		{ "<x a=\"<![CDATA[" LONG_CDATA "]]>\"/>", 1, 0 },
		{ "<x><?pi <![CDATA[" LONG_CDATA "]]> ?></x>", 1, 0 },
		{ "<x/><?pi x?><![CDATA[" LONG_CDATA "]]>", 1, 0 },
		{ "<!DOCTYPE x><![CDATA[" LONG_CDATA "]]>", 1, 0 },
		{ "<x><!-- a > b --><![CDATA[" LONG_CDATA "]]></x>", 1, 1 },
		{ "<x><!-- it's --><![CDATA[" LONG_CDATA "]]></x>", 1, 0 },
		{ "<x><![CDATA[" LONG_CDATA "]]><![CDATA[" LONG_CDATA "]]></x>",
		    1, 2 },
		{ "<x></x><![CDATA[" LONG_CDATA "]]>", 1, 1 },
		{ "<x><?pi <b><![CDATA[" LONG_CDATA "]]> ?></x>", 1, 0 },
		{ "<x><?pi <b>?><y><![CDATA[" LONG_CDATA "]]></y></x>", 1, 1 },
		{ "<x><![CDATA[" LONG_CDATA, 1, 0 },	/* cut: closed */
		{ "<![CDATA[" LONG_CDATA "]]>", 1, 0 },	/* no tag seen */
	};
	struct feed_input *in;
	const char *text, *pi, *p;
	char *warning, target[64];
	struct buf out;
	size_t i, len, tlen, lines_in, lines_out;
	int moved;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		in = feed_input_new();
		buf_init(&out, 0);
		warning = NULL;
		feed_input_allow_cdata(in, cases[i].allowed);
		feed_input_convert(in, cases[i].doc, strlen(cases[i].doc), 1,
		    &out, &warning);
		free(warning);
		moved = 0;
		for (p = out.data; (p = strstr(p, "<?herald-cdata-")) != NULL;
		    p++)
			moved++;
		is_int(moved, cases[i].moved, "CDATA moved: case %zu", i);
		for (lines_in = 0, p = cases[i].doc; *p; p++)
			lines_in += *p == '\n';
		for (lines_out = 0, p = out.data; *p; p++)
			lines_out += *p == '\n';
		is_int(lines_out, lines_in, "CDATA moved: case %zu keeps its "
		    "%zu lines", i, lines_in);
		if (moved > 0 && (pi = strstr(out.data, "<?herald-cdata-")) !=
		    NULL) {
			/* The first instruction gives back the first text. */
			tlen = strcspn(pi + 2, " ");
			snprintf(target, sizeof target, "%.*s", (int)tlen,
			    pi + 2);
			ok(feed_input_cdata_text(in, target, pi + 3 + tlen,
			    &text, &len) == 0 && len == strlen(LONG_CDATA) &&
			    memcmp(text, LONG_CDATA, len) == 0,
			    "CDATA moved: case %zu, the text comes back", i);
			ok(feed_input_cdata_text(in, target, pi + 3 + tlen,
			    &text, &len) == -1, "CDATA moved: case %zu, once",
			    i);
			ok(feed_input_cdata_text(in, "herald-cdata-00000000",
			    "0", &text, &len) == -1, "CDATA moved: case %zu, "
			    "not for another name", i);
		}
		if (i == ARRAYSIZE(cases) - 2)
			ok(strstr(out.data, "]]>") != NULL, "cut CDATA: closed");
		buf_free(&out);
		feed_input_free(in);
	}
}

/* Escaped HTML long enough to be moved out of the markup, and what
 * libxml2 would have made of it. */
#define LONG_ESCAPED "&lt;p&gt;One &quot;two&quot; &amp; &apos;three&apos; " \
	"&lt;b&gt;four&lt;/b&gt;&lt;/p&gt;\n&lt;p&gt;Caf&#233; &#x201c;quoted" \
	"&#x201D; text, long enough to be worth moving out of the markup.&lt;/p&gt;\n"
#define LONG_DECODED "<p>One \"two\" & 'three' <b>four</b></p>\n<p>Caf" \
	"\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d text, long enough to be worth " \
	"moving out of the markup.</p>\n"

/* Which texts with references the input front end takes out of the
 * markup: after a tag with no quote, whole up to markup, with only
 * references it can decode as libxml2 would. */
static void
test_text_moved(void)
{
	static const struct {
		const char	*doc;
		int		 moved, warns;
		const char	*text;
	} cases[] = {
		{ "<x>" LONG_ESCAPED "</x>", 1, 0, LONG_DECODED },
		{ "<x>" LONG_ESCAPED "<y/></x>", 1, 0, LONG_DECODED },
		{ "<x>" LONG_ESCAPED " a & b</x>", 1, 1, LONG_DECODED " a & b" },
		{ "<x a=\"1\">" LONG_ESCAPED "</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&nbsp;</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&#X41;</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&#0;</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&#xD800;</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&#xFFFE;</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&#x110000;</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&#x10FFFF;</x>", 1, 0,
		    LONG_DECODED "\xf4\x8f\xbf\xbf" },
		{ "<x>" LONG_ESCAPED "]]></x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "\r\n</x>", 0, 0, NULL },
		{ "<x>" LONG_ESCAPED "&lt</x>", 0, 1, NULL },
		{ "<x>" LONG_ESCAPED " < b</x>", 0, 1, NULL },
		{ "<x>" LONG_ESCAPED, 0, 0, NULL },	/* no end in the chunk */
		{ "<x>&lt;p&gt;short&lt;/p&gt;</x>", 0, 0, NULL },
		{ "<x>plain text with no reference in it at all, long enough "
		    "to be moved if references were not what it is for: it "
		    "stays where it is.</x>", 0, 0, NULL },
		{ "<?pi x?>" LONG_ESCAPED "<x/>", 0, 0, NULL },
		{ "<x><?pi <b>" LONG_ESCAPED "?></x>", 0, 0, NULL },
		{ "<x><?pi <b>?><y>" LONG_ESCAPED "</y></x>", 1, 0, LONG_DECODED },
	};
	struct feed_input *in;
	const char *text, *pi, *p;
	char *warning, target[64];
	struct buf out;
	size_t i, len, tlen;
	int moved;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		in = feed_input_new();
		buf_init(&out, 0);
		warning = NULL;
		feed_input_allow_cdata(in, 1);
		feed_input_convert(in, cases[i].doc, strlen(cases[i].doc), 1,
		    &out, &warning);
		moved = 0;
		for (p = out.data; (p = strstr(p, "<?herald-cdata-")) != NULL;
		    p++)
			moved++;
		is_int(moved, cases[i].moved, "text moved: case %zu", i);
		ok((warning != NULL) == cases[i].warns, "text moved: case %zu "
		    "%s", i, cases[i].warns ? "warns" : "does not warn");
		if (moved > 0 && cases[i].text != NULL &&
		    (pi = strstr(out.data, "<?herald-cdata-")) != NULL) {
			tlen = strcspn(pi + 2, " ");
			snprintf(target, sizeof target, "%.*s", (int)tlen,
			    pi + 2);
			if (feed_input_cdata_text(in, target, "0", &text,
			    &len) == -1)
				text = "", len = 0;
			ok(len == strlen(cases[i].text) && memcmp(text,
			    cases[i].text, len) == 0, "text moved: case %zu, "
			    "decoded as libxml2 would", i);
		}
		free(warning);
		buf_free(&out);
		feed_input_free(in);
	}
}

static char *parse_cut(const char *, size_t, const char *);

/* A parse split just after the root's start tag, then the rest in one
 * piece (CDATA sections are moved) or in pieces too small for any to be
 * (none are): the items and the warnings must be the same. */
static char *
parse_split(const char *doc, size_t piece)
{
	return parse_cut(doc, piece, NULL);
}

/* The same, with one more cut just after the text cut_after (when not
 * NULL) in the rest. */
static char *
parse_cut(const char *doc, size_t piece, const char *cut_after)
{
	struct feed_parser *p;
	const char *const *w;
	size_t n, i, off, len = strlen(doc), k, cut = 0;
	struct buf b;
	char *cause = NULL;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	p = feed_parser_new("https://base.example/", dump_cb, &b);
	off = (size_t)(strchr(strstr(doc, "<rss"), '>') - doc) + 1;
	if (cut_after != NULL && strstr(doc + off, cut_after) != NULL)
		cut = (size_t)(strstr(doc + off, cut_after) - doc) +
		    strlen(cut_after);
	if (feed_parser_push(p, doc, off, &cause) == 0) {
		for (i = off; i < len; i += k) {
			k = len - i < piece ? len - i : piece;
			if (cut > i && cut < i + k)
				k = cut - i;
			if (feed_parser_push(p, doc + i, k, &cause) == -1)
				break;
		}
	}
	if (cause == NULL)
		feed_parser_finish(p, &cause);
	buf_printf(&b, "cause %s\n", cause != NULL ? cause : "-");
	w = feed_parser_warnings(p, &n);
	for (i = 0; i < n; i++)
		buf_printf(&b, "warning %s\n", w[i]);
	free(cause);
	feed_parser_free(p);
	return buf_steal(&b);
}

static void
test_cdata_same(void)
{
#define HEAD "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" " \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">" \
	"<channel><title>T</title>\n"
#define ITEM(x) "<item><title>I</title><guid>g" #x "</guid>" \
	"<content:encoded><![CDATA[" LONG_CDATA "]]></content:encoded>" \
	"<description>d<![CDATA[" LONG_CDATA "]]>e<![CDATA[" LONG_CDATA \
	"]]></description></item>\n"
	static const char *const docs[] = {
		HEAD ITEM(1) ITEM(2) "</channel></rss>\n",
		/* An error after moved text: the same line in the warning. */
		HEAD ITEM(1) "<item><title>x</bad></item>" ITEM(2)
		    "</channel></rss>\n",
		HEAD ITEM(1) "<item><title a=\"<![CDATA[" LONG_CDATA "]]>\">"
		    "t</title></item>" ITEM(2) "</channel></rss>\n",
		HEAD ITEM(1) "<?pi <![CDATA[" LONG_CDATA "]]> ?>" ITEM(2)
		    "</channel></rss>\n",
		HEAD ITEM(1) "<!DOCTYPE x [<!ENTITY e \"<b><![CDATA["
		    LONG_CDATA "]]>\">]>" ITEM(2) "</channel></rss>\n",
		HEAD ITEM(1) "</channel></rss>\n<![CDATA[" LONG_CDATA "]]>"
		    "<?herald-cdata-00000000 0?>\n",
		HEAD ITEM(1) "<?herald-cdata-00000000 0?>"
		    "<?herald-cdata-00000000 1\n?>" ITEM(2)
		    "</channel></rss>\n",
		/* Atom XHTML content: the text is escaped again. */
		"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
		    "<item xmlns:a=\"http://www.w3.org/2005/Atom\">"
		    "<a:content type=\"xhtml\"><div><![CDATA[" LONG_CDATA
		    "]]></div></a:content></item></channel></rss>\n",
		HEAD ITEM(1) "<item><content:encoded><![CDATA[" LONG_CDATA,
		/* Escaped HTML, moved out too. */
		HEAD "<item><title>I</title><description>" LONG_ESCAPED
		    "</description><content:encoded>" LONG_ESCAPED " a & b"
		    "</content:encoded></item>\n" ITEM(2) "</channel></rss>\n",
		HEAD "<item><title>I</title><description>" LONG_ESCAPED
		    "&nbsp;&bogus;</description></item>\n<item><bad x y>"
		    LONG_ESCAPED "</bad></item>" ITEM(2) "</channel></rss>\n",
		HEAD "<item><a:content xmlns:a=\"http://www.w3.org/2005/Atom\" "
		    "type=\"xhtml\"><div>" LONG_ESCAPED "</div></a:content>"
		    "</item></channel></rss>\n" LONG_ESCAPED "<x/>",
		/* What looks like a tag in a PI does not open content. */
		HEAD ITEM(1) "<item><title><?pi <b><![CDATA[" LONG_CDATA
		    " ?> more ]]> rest</title></item>" ITEM(2)
		    "</channel></rss>\n",
		HEAD ITEM(1) "<item><title><?pi <b><![CDATA[" LONG_CDATA
		    " ]]> ?> rest</title></item>" ITEM(2) "</channel></rss>\n",
		HEAD ITEM(1) "<item><title><?pi <b>" LONG_ESCAPED " ?> rest"
		    "</title></item>" ITEM(2) "</channel></rss>\n",
	};
	char *moved, *kept;
	size_t i;

	for (i = 0; i < ARRAYSIZE(docs); i++) {
		moved = parse_split(docs[i], (size_t)-1);
		kept = parse_split(docs[i], 100);
		is_str(moved, kept, "CDATA moved or not: doc %zu the same", i);
		ok(strstr(moved, "four</b>") != NULL || i == 7 || i == 11,
		    "CDATA moved: doc %zu has the text", i);
		free(moved);
		free(kept);
	}
	/* A PI cut by the end of a chunk is still followed in the next. */
	for (i = ARRAYSIZE(docs) - 3; i < ARRAYSIZE(docs); i++) {
		moved = parse_cut(docs[i], (size_t)-1, "<?pi ");
		kept = parse_split(docs[i], 100);
		is_str(moved, kept, "PI cut by a chunk: doc %zu the same", i);
		free(moved);
		free(kept);
	}
#undef HEAD
#undef ITEM
}

/* Does any string of the parse contain needle? */
static int
feed_contains(const struct feed *f, const char *needle)
{
	const struct feed_item *it;
	size_t i;

	if ((f->meta.title && strstr(f->meta.title, needle)) ||
	    (f->meta.description && strstr(f->meta.description, needle)))
		return 1;
	for (i = 0; i < f->nitems; i++) {
		it = f->items[i];
		if (strstr(it->title, needle) || strstr(it->guid, needle) ||
		    (it->content && strstr(it->content, needle)) ||
		    (it->summary && strstr(it->summary, needle)))
			return 1;
	}
	for (i = 0; i < f->nwarnings; i++) {
		if (strstr(f->warnings[i], needle))
			return 1;
	}
	return 0;
}

static void
test_hostile_entities(void)
{
	struct feed *f;
	time_t start = time(NULL);

	f = parse_fixture("billion-laughs.xml", NULL);
	if (ok(f != NULL && f->nitems == 1, "billion laughs: parses")) {
		is_str(f->items[0]->title, "One two", "billion laughs: the "
		    "entity expands to nothing");
		is_str(f->items[0]->content, NULL, "billion laughs: no "
		    "content from entities");
		ok(f->nwarnings > 0 && strstr(f->warnings[0], "lol9") != NULL,
		    "billion laughs: a warning names the entity");
	}
	feed_free(f);
	f = parse_fixture("quadratic.xml", NULL);
	if (ok(f != NULL && f->nitems == 1, "quadratic blowup: parses"))
		is_str(f->items[0]->content, NULL, "quadratic blowup: the "
		    "big entity is never expanded");
	feed_free(f);
	ok(time(NULL) - start < 5, "entity bombs: parsed in seconds");

	f = parse_fixture("xxe.xml", NULL);
	if (ok(f != NULL && f->nitems == 1, "XXE: parses")) {
		is_str(f->meta.title, "Leak", "XXE: the entity yields nothing");
		ok(!feed_contains(f, "LAKESIDE-SECRET"), "XXE: nothing of the "
		    "local file");
		ok(!feed_contains(f, "root:"), "XXE: nothing of /etc/passwd");
	}
	feed_free(f);
}

/* A parse that must fail, and the words its cause must have. */
static void
expect_failure(const char *name, const char *data, size_t len,
    const char *words)
{
	struct feed *f = NULL;
	char *cause = NULL;
	int r;

	r = feed_parse(data, len, NULL, &f, &cause);
	ok(r == -1 && f == NULL, "%s: fails", name);
	ok(cause != NULL && strstr(cause, words) != NULL, "%s: says '%s' (%s)",
	    name, words, cause ? cause : "no cause");
	free(cause);
	feed_free(f);
}

static void
test_hostile_documents(void)
{
	struct buf b;
	struct feed *f;
	char *data, nuls[1000];
	size_t len, i;

	buf_init(&b, 0);
	buf_adds(&b, "<rss version=\"2.0\"><channel><title>D</title>"
	    "<item><title>ok</title></item><item><description>");
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "<x>");
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "</x>");
	buf_adds(&b, "</description></item></channel></rss>");
	expect_failure("10,000-deep nesting", b.data, b.len, "deeper than 256");
	buf_free(&b);

	memset(nuls, 0, sizeof nuls);
	expect_failure("NUL bytes only", nuls, sizeof nuls, "not a feed");
	expect_failure("white space only", " \n\t\n ", 5, "not a feed");
	expect_failure("plain text", "hello, world", 12, "not a feed");
	expect_failure("another XML document", "<?xml version=\"1.0\"?>"
	    "<config><title>x</title></config>", 54, "<config>");
	/* The parser stops at such a root: its attributes must not be read
	 * after (they pointed into freed input; found by fuzzing). */
	data = "<feed xmlns=\"http://wrong.example/ns\" xml:base=\"http://b/\">"
	    "<title>t</title></feed>";
	expect_failure("a root in another namespace", data, strlen(data),
	    "not RSS or Atom");
	if ((data = fixture("notfeed.html", &len)) != NULL)
		expect_failure("HTML page", data, len, "not a feed: this is an "
		    "HTML page");
	free(data);
	if ((data = fixture("empty.xml", &len)) != NULL)
		expect_failure("empty file", data, len, "the document is empty");
	free(data);

	f = parse_fixture("broken.xml", NULL);
	if (ok(f != NULL, "ill-formed feed: recovered")) {
		ok(f->nwarnings > 0, "ill-formed feed: with a warning (%s)",
		    f->nwarnings > 0 ? f->warnings[0] : "none");
		/* libxml2 cannot put an unclosed <b> inside a title right:
		 * the item holding it swallows the next one. */
		is_int(f->nitems, 2, "ill-formed feed: the items libxml2 "
		    "recovers");
		if (f->nitems == 2) {
			is_str(f->items[0]->title, "Salt & pepper shortage",
			    "ill-formed feed: a bare & is kept");
			ok(strncmp(f->items[1]->title, "Unclosed bold", 13) == 0,
			    "ill-formed feed: the damaged item is there");
		}
	}
	feed_free(f);

	data = "<rss version=\"2.0\"><channel><title>Cut</title><item>"
	    "<title>Whole</title></item><item><title>Half";
	if (ok(feed_parse(data, strlen(data), NULL, &f, NULL) == 0,
	    "truncated feed: parses")) {
		is_int(f->nitems, 2, "truncated feed: the open item is kept");
		ok(f->nwarnings > 0, "truncated feed: with a warning");
	}
	feed_free(f);
}

/* A bare '&' or '<' (escaped before libxml2 sees them) against CDATA and
 * comments, where they are left alone. */
static void
test_bare_chars(void)
{
	struct feed *f;

	f = parse_fixture("bare-chars.xml", NULL);
	if (!ok(f != NULL && f->nitems == 2, "bare chars: two items")) {
		feed_free(f);
		return;
	}
	is_str(f->meta.title, "Pier & Quay <= Weekly", "bare chars: feed title");
	is_str(f->meta.link, "https://pier.example/?from=rss&lang=en",
	    "bare chars: '&' in a query string");
	is_str(f->items[0]->title, "Tides < 2 m & calm seas",
	    "bare chars: '<' and '&' in a title");
	is_str(f->items[0]->link, "https://pier.example/story?id=7&ref=feed",
	    "bare chars: item link");
	is_str(f->items[0]->content, "<p>Nets & lines; x < y; &amp; stays as "
	    "written.</p>", "bare chars: CDATA left as written");
	is_str(f->items[1]->title, "AT & done", "bare chars: unknown entities "
	    "dropped, a character reference kept");
	is_str(f->items[1]->link, "https://pier.example/story?id=8&ref=feed",
	    "bare chars: an escaped '&' is one '&'");
	ok(f->nwarnings > 0 && strstr(f->warnings[0], "bare") != NULL,
	    "bare chars: a warning says so");
	feed_free(f);
}

/* A feed cut inside a CDATA section keeps the text it has, the same
 * however it was pushed (libxml2 alone does not: found by fuzz-feed). */
static void
test_unclosed_cdata(void)
{
	struct feed *f;

	f = parse_fixture("unclosed-cdata.xml", NULL);
	if (ok(f != NULL && f->nitems == 2, "cut in CDATA: both items")) {
		is_str(f->items[1]->title, "Cut", "cut in CDATA: the title");
		is_str(f->items[1]->content, "<p>The ferry left at dawn & the "
		    "gulls followed it out past the breakwater, calling all the "
		    "way.</p><p>By noon the harbour was quiet again",
		    "cut in CDATA: the text up to the cut");
	}
	feed_free(f);
}

static int
stop_cb(struct feed_item *it, void *arg)
{
	(*(int *)arg)++;
	return -1;
}

static void
test_limits(void)
{
	struct feed_parser *p;
	char *cause = NULL;
	const char *doc = "<rss version=\"2.0\"><channel><item><title>a</title>"
	    "</item><item><title>b</title></item></channel></rss>";
	int calls = 0;

	p = feed_parser_new(NULL, NULL, NULL);
	feed_parser_set_max_bytes(p, 40);
	ok(feed_parser_push(p, doc, 30, NULL) == 0, "size cap: under it");
	ok(feed_parser_push(p, doc + 30, 30, &cause) == -1, "size cap: past "
	    "it fails");
	ok(cause != NULL && strstr(cause, "larger than") != NULL,
	    "size cap: says why (%s)", cause ? cause : "none");
	free(cause);
	cause = NULL;
	ok(feed_parser_finish(p, NULL) == -1, "size cap: finish fails too");
	feed_parser_free(p);

	/* One text field is capped (4 MB), whatever the feed's size. */
	{
		struct buf b;
		struct feed *f = NULL;
		size_t i;

		char line[1024];

		memset(line, 'w', sizeof line - 2);
		line[sizeof line - 2] = ' ';
		line[sizeof line - 1] = '\0';
		buf_init(&b, 0);
		buf_adds(&b, "<rss version=\"2.0\"><channel><item><title>Long"
		    "</title><description>");
		for (i = 0; i < 6 * 1024; i++)	/* 6 MB of text */
			buf_adds(&b, line);
		buf_adds(&b, "</description></item></channel></rss>");
		if (ok(feed_parse(b.data, b.len, NULL, &f, NULL) == 0 &&
		    f->nitems == 1, "long text: parses")) {
			ok(strlen(f->items[0]->content) <= 4 * 1024 * 1024,
			    "long text: cut at 4 MB (%zu bytes)",
			    strlen(f->items[0]->content));
			ok(f->nwarnings > 0 && strstr(f->warnings[0], "cut"),
			    "long text: a warning says it was cut");
		}
		feed_free(f);
		buf_free(&b);
	}

	p = feed_parser_new(NULL, stop_cb, &calls);
	ok(feed_parser_push(p, doc, strlen(doc), &cause) == -1 ||
	    feed_parser_finish(p, &cause) == -1, "callback -1: the parse "
	    "fails");
	is_int(calls, 1, "callback -1: no item after it");
	ok(cause != NULL && strstr(cause, "stopped") != NULL,
	    "callback -1: says it stopped");
	free(cause);
	feed_parser_free(p);
}

/* One generated item of the big feed. */
static void
big_item(struct buf *b, int i)
{
	buf_printf(b, "<item><title>Harbour story &amp; number %d</title>"
	    "<link>https://big.example/n/%d</link>"
	    "<pubDate>Mon, 14 Apr 2025 10:%02d:00 GMT</pubDate>"
	    "<description><![CDATA[<p>\u201cThe tide was high,\u201d said "
	    "the keeper of lighthouse %d. ", i, i, i % 60, i);
	while (b->len < 1500)
		buf_adds(b, "The boats came in one by one, and the nets were "
		    "full of silver fish. ");
	buf_adds(b, "</p>]]></description></item>\n");
}

static int
count_cb(struct feed_item *it, void *arg)
{
	(*(long *)arg)++;
	return 0;
}

/* Peak resident memory in KB, from /proc (0 when unknown). */
static long
peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	}
	fclose(f);
	return kb;
}

/* 50 MB made and pushed in pieces as a transfer would: every item comes
 * out, and memory does not grow with the feed. */
static void
test_big_feed(void)
{
	struct feed_parser *p;
	struct buf b;
	long items = 0, before;
	long long total = 0;
	int i = 0, r = 0;
	char *cause = NULL;

	before = peak_rss_kb();
	p = feed_parser_new("https://big.example/", count_cb, &items);
	buf_init(&b, 0);
	buf_adds(&b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
	    "<title>Big</title>");
	while (total < 50LL * 1024 * 1024 && r == 0) {
		big_item(&b, ++i);
		if (b.len > 60000 || total + (long long)b.len >= 50LL << 20) {
			r = feed_parser_push(p, b.data, b.len, &cause);
			total += (long long)b.len;
			b.len = 0;
		}
	}
	buf_adds(&b, "</channel></rss>");
	if (r == 0)
		r = feed_parser_push(p, b.data, b.len, &cause);
	if (r == 0)
		r = feed_parser_finish(p, &cause);
	ok(r == 0, "50 MB feed: parses (%s)", cause ? cause : "ok");
	is_int(items, i, "50 MB feed: all %d items", i);
#if defined(__SANITIZE_ADDRESS__)
	ok(before >= 0, "50 MB feed: memory not measured under "
	    "AddressSanitizer");
#else
	ok(peak_rss_kb() - before < 10 * 1024, "50 MB feed: peak memory grew "
	    "%ld KB (< 10 MB)", peak_rss_kb() - before);
#endif
	free(cause);
	buf_free(&b);
	feed_parser_free(p);
}

static void
test_base_resolution(void)
{
	static const char *doc =
	    "<rss version=\"2.0\"><channel><link>../site/</link>"
	    "<item><link>a/b?c=1#d</link></item>"
	    "<item><link>//cdn.example/x</link></item>"
	    "<item><link>javascript:alert(1)</link><guid>g</guid></item>"
	    "<item><link> https://abs.example/sp ace </link></item>"
	    "</channel></rss>";
	struct feed *f;

	if (!ok(feed_parse(doc, strlen(doc), "https://feeds.example/x/y/feed",
	    &f, NULL) == 0 && f->nitems == 4, "relative links: parse")) {
		feed_free(f);
		return;
	}
	is_str(f->meta.link, "https://feeds.example/x/site/", "relative: ..");
	is_str(f->items[0]->link, "https://feeds.example/x/y/a/b?c=1#d",
	    "relative: path, query and fragment");
	is_str(f->items[1]->link, "https://cdn.example/x",
	    "relative: scheme-relative");
	is_str(f->items[2]->link, NULL, "javascript: links are dropped");
	ok(f->items[3]->link != NULL && strncmp(f->items[3]->link,
	    "https://abs.example/sp", 21) == 0, "absolute link kept (%s)",
	    f->items[3]->link ? f->items[3]->link : "NULL");
	feed_free(f);
}

int
main(void)
{
	test_big_feed();	/* first: it measures the peak memory */
	test_feeds();
	test_items();
	test_titles();
	test_encodings();
	test_dates();
	test_format_date();
	test_chunking();
	test_input_clean();
	test_text_fast_paths();
	test_cdata_moved();
	test_cdata_same();
	test_text_moved();
	test_hostile_entities();
	test_hostile_documents();
	test_bare_chars();
	test_unclosed_cdata();
	test_limits();
	test_base_resolution();
	return done_testing();
}
