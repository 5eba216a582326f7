/* Unit tests for the cache: schema and migrations from every earlier
 * version, updates (new, changed, unchanged), state surviving updates,
 * retention, per-feed counts, search, paging, lookup, hostile cache
 * files, read-only. */
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
#include "urls.h"
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

/* Raw SQL on a cache file, for setting up and checking what the store
 * API does not show. */
static int64_t
sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static int
sql_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static char *
sql_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			v = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static void
test_schema(void)
{
	char *path = cache_path("schema.db"), *cause = NULL, *mode;
	struct store *s;

	ok(store_open(path, 0, &s, &cause) == 0, "schema: open");
	store_close(&s);
	is_int(sql_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION,
	    "schema: user_version is the current schema");
	is_int(sql_int(path, "PRAGMA application_id"), 0x48524c44,
	    "schema: application_id marks a herald cache");
	mode = sql_text(path, "PRAGMA journal_mode");
	is_str(mode, "wal", "schema: WAL journal");
	free(mode);
	ok(store_open(path, 0, &s, &cause) == 0, "schema: reopen");
	store_close(&s);
	is_int(sql_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION,
	    "schema: reopening leaves the version");
	free(path);
}

/* What an older herald would have written into a cache of each version:
 * a feed, a read article and a starred one. */
#define OLD_FEED "INSERT INTO feeds (id, url, title, position) VALUES" \
	" (1, 'https://old.example/feed', 'Old Gazette', 0);"
#define V2_ROWS \
	OLD_FEED \
	"INSERT INTO items (feed_id, guid, title, link, published, sort_date," \
	" content, text, read, starred, fetched_at, last_seen) VALUES" \
	" (1, 'o1', 'Lighthouse keeper retires', 'https://old.example/1'," \
	"  1600000000, 1600000000, '<p>After forty winters at the cape.</p>'," \
	"  'After forty winters at the cape.', 1, 0, 1600000000, 1600000000)," \
	" (1, 'o2', 'Ferry timetable changes', 'https://old.example/2'," \
	"  1600000100, 1600000100, '<p>Boats leave at dawn.</p>'," \
	"  'Boats leave at dawn.', 0, 1, 1600000100, 1600000100);"
#define V6_ROWS \
	OLD_FEED \
	"INSERT INTO items (id, feed_id, guid, title, link, published," \
	" sort_date, read, starred, fetched_at, last_seen) VALUES" \
	" (1, 1, 'o1', 'Lighthouse keeper retires', 'https://old.example/1'," \
	"  1600000000, 1600000000, 1, 0, 1600000000, 1600000000)," \
	" (2, 1, 'o2', 'Ferry timetable changes', 'https://old.example/2'," \
	"  1600000100, 1600000100, 0, 1, 1600000100, 1600000100);" \
	"INSERT INTO item_bodies (id, content, text) VALUES" \
	" (1, '<p>After forty winters at the cape.</p>'," \
	"  'After forty winters at the cape.')," \
	" (2, '<p>Boats leave at dawn.</p>', 'Boats leave at dawn.');" \
	"INSERT INTO items_fts (rowid, title, text) VALUES" \
	" (1, 'Lighthouse keeper retires', 'After forty winters at the cape.')," \
	" (2, 'Ferry timetable changes', 'Boats leave at dawn.');"
static const char *const old_rows[STORE_SCHEMA_VERSION - 1] = {
	/* 1: no plain text column yet. */
	OLD_FEED
	"INSERT INTO items (feed_id, guid, title, link, published, sort_date,"
	" content, read, starred, fetched_at, last_seen) VALUES"
	" (1, 'o1', 'Lighthouse keeper retires', 'https://old.example/1',"
	"  1600000000, 1600000000, '<p>After forty winters at the cape.</p>',"
	"  1, 0, 1600000000, 1600000000),"
	" (1, 'o2', 'Ferry timetable changes', 'https://old.example/2',"
	"  1600000100, 1600000100, '<p>Boats leave at dawn.</p>',"
	"  0, 1, 1600000100, 1600000100);",
	/* 2: the text column, indexed by the triggers. */
	V2_ROWS,
	/* 3 to 5: the same rows (those steps changed indexes and the
	 * order of columns, not what a row holds). */
	V2_ROWS,
	V2_ROWS,
	V2_ROWS,
	/* 6: bodies in a table of their own, the index written by the
	 * store rather than by triggers. */
	V6_ROWS,
	/* 7: the same, with the per-feed counts the triggers keep. */
	V6_ROWS
	"UPDATE feeds SET item_count = 2, unread_count = 1;",
};

static void
test_migrations(void)
{
	struct store_query q;
	struct store_row *rows;
	struct store *s;
	struct feed *f;
	char *path, *cause = NULL, *check, name[32];
	size_t n;
	int v, added;

	for (v = 1; v < STORE_SCHEMA_VERSION; v++) {
		snprintf(name, sizeof name, "v%d.db", v);
		path = cache_path(name);
		ok(store_create_version(path, v, &cause) == 0,
		    "migrate from %d: made a version %d cache", v, v);
		is_int(sql_int(path, "PRAGMA user_version"), v,
		    "migrate from %d: it says version %d", v, v);
		ok(sql_exec(path, old_rows[v - 1]) == 0,
		    "migrate from %d: old rows written", v);
		ok(store_open(path, 0, &s, &cause) == 0,
		    "migrate from %d: opens", v);
		if (s == NULL) {
			diag("%s", cause);
			free(path);
			continue;
		}
		is_int(sql_int(path, "PRAGMA user_version"),
		    STORE_SCHEMA_VERSION, "migrate from %d: now current", v);
		is_int(sql_int(path, "SELECT item_count FROM feeds"
		    " WHERE id = 1"), 2, "migrate from %d: item count "
		    "filled in", v);
		is_int(sql_int(path, "SELECT unread_count FROM feeds"
		    " WHERE id = 1"), 1, "migrate from %d: unread count "
		    "filled in", v);
		ok(store_rows(s, NULL, 0, 10, &rows, &n, &cause) == 0 &&
		    n == 2, "migrate from %d: both articles kept", v);
		if (n == 2) {
			is_str(rows[0].title, "Ferry timetable changes",
			    "migrate from %d: order by date", v);
			is_int(rows[0].starred, 1, "migrate from %d: starred "
			    "kept", v);
			is_int(rows[1].read, 1, "migrate from %d: read kept",
			    v);
		}
		store_rows_free(rows, n);
		memset(&q, 0, sizeof q);
		q.search = "forty winters";
		ok(store_rows(s, &q, 0, 10, &rows, &n, &cause) == 0 &&
		    n == 1 && strcmp(rows[0].title,
		    "Lighthouse keeper retires") == 0,
		    "migrate from %d: old articles are searchable", v);
		store_rows_free(rows, n);
		f = make_feed("Old Gazette", first, 1);
		ok(store_feed_update(s, 1, f, NULL, NULL, &added, &cause) ==
		    0 && added == 1, "migrate from %d: takes updates", v);
		free_feed(f);
		store_close(&s);
		is_int(sql_int(path, "SELECT item_count * 10 + unread_count"
		    " FROM feeds WHERE id = 1"), 32, "migrate from %d: the "
		    "counts follow an update (3 items, 2 unread)", v);
		check = sql_text(path, "PRAGMA integrity_check");
		is_str(check, "ok", "migrate from %d: integrity_check ok", v);
		free(check);
		is_int(sql_exec(path, "INSERT INTO items_fts(items_fts, rank)"
		    " VALUES ('integrity-check', 1)"), 0,
		    "migrate from %d: the index matches the articles", v);
		free(path);
	}
	free(cause);
}

/* Feeds whose kept counts differ from a real count of their items. */
#define COUNTS_WRONG "SELECT count(*) FROM feeds f WHERE" \
	" item_count != (SELECT count(*) FROM items WHERE feed_id = f.id) OR" \
	" unread_count != (SELECT count(*) FROM items WHERE feed_id = f.id" \
	" AND read = 0)"

/* Checks every feed's counters against count(*), and store_count for
 * the query against the rows store_rows gives for it. */
static void
check_counts(struct store *s, const char *path, const struct store_query *q,
    int64_t want_total, int64_t want_unread, const char *what)
{
	struct store_row *rows;
	int64_t total = -1, unread = -1, real_unread = 0;
	char *cause = NULL;
	size_t n = 0, i;

	is_int(sql_int(path, COUNTS_WRONG), 0, "counts: %s: every feed's "
	    "counters match count(*)", what);
	ok(store_count(s, q, &total, &unread, &cause) == 0, "counts: %s: "
	    "store_count", what);
	is_int(total, want_total, "counts: %s: total", what);
	is_int(unread, want_unread, "counts: %s: unread", what);
	if (store_rows(s, q, 0, 1000, &rows, &n, &cause) == 0) {
		for (i = 0; i < n; i++)
			real_unread += !rows[i].read;
		store_rows_free(rows, n);
	}
	is_int((int64_t)n, total, "counts: %s: total is the rows listed",
	    what);
	is_int(real_unread, unread, "counts: %s: unread is the unread rows "
	    "listed", what);
	free(cause);
}

/* The per-feed counters (schema step 7) through every way items are
 * added, marked and dropped. */
static void
test_counters(void)
{
	static const struct item_def five[] = {
		{ "c5", "Ferry pier reopens", "https://c.example/5", 5000,
		  "five" },
		{ "c4", "Bakery wins a prize", "https://c.example/4", 4000,
		  "four" },
		{ "c3", "Snow closes the pass", "https://c.example/3", 3000,
		  "three" },
		{ "c2", "Choir tours the coast", "https://c.example/2", 2000,
		  "two" },
		{ "c1", "Market moves indoors", "https://c.example/1", 1000,
		  "one" },
	};
	static const char urls_b[] = "https://b.example/feed \"local news\"\n";
	static const char urls_a[] = "https://a.example/feed\n";
	char *path = cache_path("counts.db"), *cause = NULL;
	struct store_query q, qa, qb, qu;
	struct store_row *rows = NULL;
	struct store *s;
	struct feed *fa, *fb;
	struct urls *u;
	int64_t ida, idb;
	size_t n = 0;
	int added;

	ok(store_open(path, 0, &s, &cause) == 0, "counts: open");
	ida = add_feed(s, "https://a.example/feed");
	idb = add_feed(s, "https://b.example/feed");
	memset(&q, 0, sizeof q);
	qa = qb = qu = q;
	qa.feed_id = ida;
	qb.feed_id = idb;
	qu.unread_only = 1;
	check_counts(s, path, &q, 0, 0, "empty");

	store_set_time(s, 10000);
	fa = make_feed("A", first, 3);
	fb = make_feed("B", five, 5);
	ok(store_feed_update(s, ida, fa, NULL, NULL, &added, &cause) == 0 &&
	    store_feed_update(s, idb, fb, NULL, NULL, &added, &cause) == 0,
	    "counts: two feeds fetched");
	check_counts(s, path, &q, 8, 8, "after inserts, all");
	check_counts(s, path, &qa, 3, 3, "after inserts, feed A");
	check_counts(s, path, &qb, 5, 5, "after inserts, feed B");

	store_rows(s, &qa, 0, 10, &rows, &n, &cause);
	if (n == 3) {
		store_set_read(s, rows[0].id, 1, &cause);
		check_counts(s, path, &qa, 3, 2, "one read");
		store_set_read(s, rows[0].id, 1, &cause);
		check_counts(s, path, &qa, 3, 2, "read again");
		store_set_starred(s, rows[0].id, 1, &cause);
		check_counts(s, path, &qa, 3, 2, "starred");
		store_set_read(s, rows[0].id, 0, &cause);
		check_counts(s, path, &qa, 3, 3, "unread again");
		store_set_read(s, rows[1].id, 1, &cause);
		check_counts(s, path, &qu, 7, 7, "all unread");
	} else
		ok(0, "counts: feed A lists its 3 items");
	store_rows_free(rows, n);

	/* Changed articles keep their state, and the counts. */
	free(fa->items[0]->title);
	fa->items[0]->title = xstrdup("Council approves the new bridge");
	ok(store_feed_update(s, ida, fa, NULL, NULL, &added, &cause) == 0,
	    "counts: a changed article");
	check_counts(s, path, &qa, 3, 2, "after a change");

	ok(store_mark_feed_read(s, idb, &cause) == 0, "counts: mark B read");
	check_counts(s, path, &qb, 5, 0, "feed marked read");
	check_counts(s, path, &qu, 2, 2, "all unread after marking");

	/* Retention: B now lists one item; three read ones past the cap
	 * of two go. */
	store_set_retention(s, 2, 0);
	store_set_time(s, 20000);
	fb->nitems = 1;
	ok(store_feed_update(s, idb, fb, NULL, NULL, &added, &cause) == 0,
	    "counts: retention update");
	fb->nitems = 5;
	check_counts(s, path, &qb, 2, 0, "after retention");
	store_set_retention(s, 0, 0);

	/* Items that come back are new, unread. */
	ok(store_feed_update(s, idb, fb, NULL, NULL, &added, &cause) == 0 &&
	    added == 3, "counts: dropped items come back");
	check_counts(s, path, &qb, 5, 3, "items back");

	/* A feed no longer in the urls file leaves the totals. */
	u = urls_parse(urls_b, sizeof urls_b - 1, "urls");
	ok(store_sync_feeds(s, u, &cause) == 0, "counts: sync drops A");
	urls_free(u);
	check_counts(s, path, &q, 5, 3, "A inactive, all");
	q.tag = "local news";
	check_counts(s, path, &q, 5, 3, "A inactive, by tag");
	q.tag = NULL;

	ok(store_feed_remove(s, "https://b.example/feed", &cause) == 0,
	    "counts: remove B");
	is_int(sql_int(path, "SELECT count(*) FROM items"), 3,
	    "counts: B's items went with it");
	check_counts(s, path, &q, 0, 0, "B removed, A inactive, all");
	u = urls_parse(urls_a, sizeof urls_a - 1, "urls");
	ok(store_sync_feeds(s, u, &cause) == 0, "counts: sync brings A back");
	urls_free(u);
	check_counts(s, path, &qa, 3, 2, "A back, feed A");
	check_counts(s, path, &q, 3, 2, "A back, all");

	/* An item moved between feeds by hand moves its counts. */
	is_int(sql_exec(path, "INSERT INTO feeds (id, url) VALUES"
	    " (99, 'https://c.example/feed');"
	    "UPDATE items SET feed_id = 99 WHERE id = (SELECT min(id)"
	    " FROM items WHERE read = 0)"), 0, "counts: an item moved");
	is_int(sql_int(path, "SELECT item_count * 10 + unread_count FROM"
	    " feeds WHERE id = 99"), 11, "counts: the new feed has it");
	is_int(sql_int(path, COUNTS_WRONG), 0, "counts: moved: every feed's "
	    "counters match count(*)");
	free_feed(fa);
	free_feed(fb);
	store_close(&s);
	free(path);
	free(cause);
}

static void
test_retention(void)
{
	static const struct item_def five[] = {
		{ "r5", "Fifth", "https://r.example/5", 5000, "five" },
		{ "r4", "Fourth", "https://r.example/4", 4000, "four" },
		{ "r3", "Third", "https://r.example/3", 3000, "three" },
		{ "r2", "Second", "https://r.example/2", 2000, "two" },
		{ "r1", "First", "https://r.example/1", 1000, "one" },
	};
	char *path = cache_path("retain.db"), *cause = NULL;
	struct store_row *rows;
	struct store *s;
	struct feed *f;
	int64_t fid;
	size_t n, i;
	int added;

	ok(store_open(path, 0, &s, &cause) == 0, "retain: open");
	fid = add_feed(s, "https://r.example/feed");
	store_set_retention(s, 2, 0);
	store_set_time(s, 10000);
	f = make_feed("R", five, 5);
	ok(store_feed_update(s, fid, f, NULL, NULL, &added, &cause) == 0,
	    "retain: five items");
	is_int(added, 5, "retain: all five kept while the feed lists them");
	store_rows(s, NULL, 0, 10, &rows, &n, &cause);
	/* Read all but "Second"; star "First". */
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].title, "Second") != 0)
			store_set_read(s, rows[i].id, 1, &cause);
		if (strcmp(rows[i].title, "First") == 0)
			store_set_starred(s, rows[i].id, 1, &cause);
	}
	store_rows_free(rows, n);
	/* The feed now lists only the newest; the rest are past the cap. */
	f->nitems = 1;
	store_set_time(s, 20000);
	ok(store_feed_update(s, fid, f, NULL, NULL, &added, &cause) == 0,
	    "retain: update with one item");
	f->nitems = 5;
	store_rows(s, NULL, 0, 10, &rows, &n, &cause);
	is_int(n, 4, "retain: one item dropped");
	if (n == 4) {
		is_str(rows[0].title, "Fifth", "retain: newest kept");
		is_str(rows[1].title, "Fourth", "retain: second newest kept");
		is_str(rows[2].title, "Second", "retain: unread kept");
		is_str(rows[3].title, "First", "retain: starred kept");
	}
	store_rows_free(rows, n);

	/* keep-days: a read item older than the limit goes. */
	store_set_retention(s, 0, 1);
	store_set_time(s, 4000 + 86400 + 500);
	f->nitems = 1;
	ok(store_feed_update(s, fid, f, NULL, NULL, &added, &cause) == 0,
	    "retain: update with keep-days 1");
	f->nitems = 5;
	store_rows(s, NULL, 0, 10, &rows, &n, &cause);
	is_int(n, 3, "retain: the read 'Fourth' is past keep-days");
	if (n == 3)
		is_str(rows[1].title, "Second", "retain: old unread kept");
	store_rows_free(rows, n);
	free_feed(f);
	store_close(&s);
	is_int(sql_exec(path, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 1)"), 0,
	    "retain: the index matches what is left");
	is_int(sql_int(path, "SELECT count(*) FROM item_bodies"), 3,
	    "retain: dropped articles take their bodies");
	free(path);
	free(cause);
}

/* Several feeds in one transaction (a refresh's writer groups the feeds
 * waiting for it): all are committed together; when one fails (here its
 * feed was removed meanwhile), none is, and each can be written alone. */
static void
test_group(void)
{
	char *path = cache_path("group.db"), *cause = NULL;
	struct store *s;
	struct feed *f;
	int64_t a, b;
	int added = 0;

	ok(store_open(path, 0, &s, &cause) == 0, "group: open");
	a = add_feed(s, "https://a.example/feed");
	b = add_feed(s, "https://b.example/feed");
	f = make_feed("Local", first, 3);
	ok(store_group_begin(s, &cause) == 0, "group: begin");
	ok(store_feed_update(s, a, f, "\"a1\"", NULL, &added, &cause) == 0 &&
	    added == 3, "group: feed A written");
	ok(store_feed_failed(s, b, "503 Service Unavailable", &cause) == 0,
	    "group: feed B's failure noted");
	/* Another process sees nothing until the group commits. */
	is_int(sql_int(path, "SELECT count(*) FROM items"), 0,
	    "group: nothing visible before the end");
	ok(store_group_end(s, &cause) == 0, "group: end commits");
	is_int(sql_int(path, "SELECT count(*) FROM items"), 3,
	    "group: feed A's items are there");
	is_int(sql_int(path, "SELECT count(*) FROM feeds WHERE last_error ="
	    " '503 Service Unavailable'"), 1, "group: feed B's error too");

	ok(store_group_begin(s, &cause) == 0, "group: second begin");
	ok(store_feed_update(s, a, f, "\"a2\"", NULL, &added, &cause) == 0,
	    "group: feed A again");
	ok(store_feed_update(s, b + 100, f, NULL, NULL, &added, &cause) == -1 &&
	    cause != NULL, "group: a feed gone from the cache fails");
	diag("%s", cause != NULL ? cause : "(no cause)");
	free(cause);
	cause = NULL;
	ok(store_feed_failed(s, b, "later", &cause) == -1,
	    "group: writes after a failure are refused");
	free(cause);
	cause = NULL;
	ok(store_group_end(s, &cause) == -1 && cause != NULL,
	    "group: end says the group failed");
	free(cause);
	cause = NULL;
	is_int(sql_int(path, "SELECT count(*) FROM feeds WHERE etag = '\"a2\"'"
	    " OR last_error = 'later'"), 0, "group: none of it was kept");
	ok(store_feed_update(s, a, f, "\"a2\"", NULL, &added, &cause) == 0,
	    "group: feed A alone afterwards");
	is_int(sql_int(path, "SELECT count(*) FROM feeds WHERE etag = '\"a2\"'"),
	    1, "group: and it is kept");
	store_close(&s);
	free_feed(f);
	free(path);
}

/* A second connection, as the refresh's writer thread uses: it writes
 * with the first one's retention and clock, the first sees what it wrote,
 * and opening it does not drop the first one's locks (another process
 * cannot take the cache for unused while both are open). */
static void
test_open_again(void)
{
	static const struct item_def three[] = {
		{ "a3", "Third", "https://a.example/3", 3000, "three" },
		{ "a2", "Second", "https://a.example/2", 2000, "two" },
		{ "a1", "First", "https://a.example/1", 1000, "one" },
	};
	char *path = cache_path("again.db"), *cause = NULL, *wal, *cmd;
	struct store_row *rows;
	struct store *s, *w = NULL;
	struct feed *f;
	int64_t fid;
	size_t n = 0;
	int added = 0;

	ok(store_open(path, 0, &s, &cause) == 0, "again: open");
	fid = add_feed(s, "https://a.example/feed");
	store_set_time(s, 50000);
	f = make_feed("A", three, 3);
	ok(store_feed_update(s, fid, f, NULL, NULL, &added, &cause) == 0,
	    "again: three items through the first connection");
	sql_exec(path, "UPDATE items SET read = 1");
	store_set_retention(s, 1, 0);
	store_set_time(s, 60000);
	ok(store_open_again(s, &w, &cause) == 0, "again: second connection");
	/* The feed now lists one: the other two, read, are past the
	 * first connection's retention of one item. */
	f->nitems = 1;
	ok(w != NULL && store_feed_update(w, fid, f, NULL, NULL, &added,
	    &cause) == 0, "again: the second one writes");
	f->nitems = 3;
	store_rows(s, NULL, 0, 10, &rows, &n, &cause);
	is_int(n, 1, "again: the first one sees the retention it set");
	store_rows_free(rows, n);
	is_int(sql_int(path, "SELECT max(last_seen) FROM items"), 60000,
	    "again: and the clock it set");
	/* Another process closing its connection must find ours still
	 * there and leave the log alone. */
	xasprintf(&wal, "%s-wal", path);
	xasprintf(&cmd, "sqlite3 '%s' 'SELECT count(*) FROM items' "
	    ">/dev/null 2>&1", path);
	if (system(cmd) != 0)
		diag("no sqlite3 program: the other process is not tried");
	ok(access(wal, F_OK) == 0, "again: the log is there after another "
	    "process came and went");
	store_close(&w);
	ok(access(wal, F_OK) == 0, "again: and after the second one closed");
	store_close(&s);
	free_feed(f);
	free(wal);
	free(cmd);
	free(path);
	free(cause);
}

/* Titles of the rows a search returns, joined by '|'. */
static char *
search_titles(struct store *s, const char *query, int by_rank, char **cause)
{
	struct store_query q;
	struct store_row *rows;
	struct buf b;
	size_t n, i;

	memset(&q, 0, sizeof q);
	q.search = query;
	q.by_rank = by_rank;
	if (store_rows(s, &q, 0, 20, &rows, &n, cause) == -1)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, rows[i].title);
	}
	store_rows_free(rows, n);
	return buf_steal(&b);
}

static void
test_search(void)
{
	static const struct {
		const char	*query;
		const char	*want;	/* titles, or NULL for an error */
		const char	*name;
	} cases[] = {
		{ "bridge", "Council approves the river bridge", "a word" },
		{ "BRIDGE", "Council approves the river bridge",
		  "case does not matter" },
		{ "\"river bridge\"", "Council approves the river bridge",
		  "a phrase" },
		{ "\"bridge river\"", "", "a phrase in the wrong order" },
		{ "orch*", "Orchard harvest beats the forecast", "a prefix" },
		{ "sleeper", "Night trains return to the valley",
		  "a word of the content" },
		{ "pears", "Orchard harvest beats the forecast",
		  "an entity-separated word" },
		{ "hidden", "", "script content is not indexed" },
		{ "trains OR apples", "Orchard harvest beats the forecast|"
		  "Night trains return to the valley", "OR" },
		{ "trains NOT sleeper", "", "NOT" },
		{ "river-bridge", "Council approves the river bridge",
		  "a hyphen is no syntax error" },
		{ "title:bridge", "", "a colon is no column filter" },
		{ "\"unclosed", NULL, "an unclosed quote" },
		{ "(trains", NULL, "an unclosed bracket" },
		{ "***", NULL, "nothing to search" },
	};
	char *path = cache_path("search.db"), *cause = NULL, *got;
	struct store *s;
	struct feed *f;
	int64_t fid;
	size_t i;

	ok(store_open(path, 0, &s, &cause) == 0, "search: open");
	fid = add_feed(s, "https://news.example/feed.xml");
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	store_feed_update(s, fid, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	for (i = 0; i < ARRAYSIZE(cases); i++) {
		free(cause);
		cause = NULL;
		got = search_titles(s, cases[i].query, 0, &cause);
		is_str(got, cases[i].want, "search: %s", cases[i].name);
		if (cases[i].want == NULL)
			ok(cause != NULL && strstr(cause, "SQL") == NULL &&
			    strstr(cause, "fts5") == NULL,
			    "search: %s is said in words", cases[i].name);
		free(got);
	}
	free(cause);
	cause = NULL;
	got = search_titles(s, "\"unclosed", 0, &cause);
	is_str(cause, "the search '\"unclosed' has a quote that is not "
	    "closed", "search: the message for an unclosed quote");
	free(cause);
	cause = NULL;

	/* Ranking: a title match beats a body match; by date, the newer. */
	{
		static const struct item_def rank[] = {
			{ "k1", "Weather report", "https://k.example/1",
			  1800000000, "<p>Snow on the ferry route.</p>" },
			{ "k2", "Ferry fares rise", "https://k.example/2",
			  1700000000, "<p>Tickets cost more.</p>" },
		};
		f = make_feed("K", rank, 2);
		fid = add_feed(s, "https://k.example/feed");
		store_feed_update(s, fid, f, NULL, NULL, NULL, &cause);
		free_feed(f);
		got = search_titles(s, "ferry", 1, &cause);
		is_str(got, "Ferry fares rise|Weather report",
		    "search: bm25 puts the title match first");
		free(got);
		got = search_titles(s, "ferry", 0, &cause);
		is_str(got, "Weather report|Ferry fares rise",
		    "search: without rank, newest first");
		free(got);
	}

	/* Changed content is re-indexed, deleted content leaves the index. */
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	free(f->items[2]->content);
	f->items[2]->content = xstrdup("<p>Couchettes are back.</p>");
	store_feed_update(s, 1, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	got = search_titles(s, "sleeper", 0, &cause);
	is_str(got, "", "search: old text gone after an update");
	free(got);
	got = search_titles(s, "couchettes", 0, &cause);
	is_str(got, "Night trains return to the valley",
	    "search: new text found after an update");
	free(got);
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	free(f->items[2]->title);
	f->items[2]->title = xstrdup("Sleeper service resumes");
	free(f->items[2]->content);
	f->items[2]->content = xstrdup("<p>Couchettes are back.</p>");
	store_feed_update(s, 1, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	got = search_titles(s, "valley", 0, &cause);
	is_str(got, "", "search: old title gone after a title change");
	free(got);
	got = search_titles(s, "sleeper couchettes", 0, &cause);
	is_str(got, "Sleeper service resumes",
	    "search: new title and kept text found together");
	free(got);
	store_close(&s);
	is_int(sql_exec(path, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 1)"), 0,
	    "search: the index matches the articles");
	free(path);
	free(cause);
}

static void
test_paging(void)
{
	char *path = cache_path("paging.db"), *cause = NULL;
	struct item_def *defs;
	struct store_row *rows;
	struct store *s;
	struct feed *f;
	char (*guids)[16];
	int64_t fid, total;
	size_t n, i;
	int ordered = 1;

	ok(store_open(path, 0, &s, &cause) == 0, "paging: open");
	fid = add_feed(s, "https://p.example/feed");
	defs = xcalloc(1000, sizeof *defs);
	guids = xcalloc(1000, sizeof *guids);
	for (i = 0; i < 1000; i++) {
		snprintf(guids[i], sizeof guids[i], "p%zu", i);
		defs[i].guid = guids[i];
		defs[i].title = guids[i];
		defs[i].published = 1000000 + (int64_t)i * 10;
		defs[i].content = i % 2 ? "<p>The tide report.</p>" :
		    "<p>The tide and the wind.</p>";
	}
	f = make_feed("P", defs, 1000);
	ok(store_feed_update(s, fid, f, NULL, NULL, NULL, &cause) == 0,
	    "paging: 1000 items");
	free_feed(f);
	ok(store_rows(s, NULL, 0, 100, &rows, &n, &cause) == 0 && n == 100,
	    "paging: first page of 100");
	is_str(rows[0].title, "p999", "paging: newest first");
	is_str(rows[99].title, "p900", "paging: page ends where it should");
	store_rows_free(rows, n);
	ok(store_rows(s, NULL, 950, 100, &rows, &n, &cause) == 0,
	    "paging: a page past the middle");
	is_int(n, 50, "paging: the last page is short");
	for (i = 0; i < n; i++)
		ordered &= strcmp(rows[i].title, guids[49 - i]) == 0;
	ok(ordered, "paging: the last page holds the oldest, in order");
	store_rows_free(rows, n);
	store_count(s, NULL, &total, NULL, &cause);
	is_int(total, 1000, "paging: count");
	/* Keyset paging: each page after the last row of the one before. */
	{
		struct store_query q;
		int pages = 0, seen = 0, in_order = 1;

		memset(&q, 0, sizeof q);
		for (;;) {
			if (store_rows(s, &q, 0, 128, &rows, &n, &cause) == -1)
				break;
			for (i = 0; i < n; i++)
				in_order &= strcmp(rows[i].title,
				    guids[999 - seen - (int)i]) == 0;
			seen += (int)n;
			if (n > 0) {
				q.after_date = rows[n - 1].sort_date;
				q.after_id = rows[n - 1].id;
				pages++;
			}
			store_rows_free(rows, n);
			if (n < 128)
				break;
		}
		is_int(seen, 1000, "keyset: every row once");
		is_int(pages, 8, "keyset: in eight pages");
		ok(in_order, "keyset: newest first, no gap, no repeat");
		q.search = "report";
		q.after_date = 1000000 + 500 * 10;
		q.after_id = 1000000;	/* above every id: the date decides */
		ok(store_rows(s, &q, 0, 3, &rows, &n, &cause) == 0 && n == 3 &&
		    strcmp(rows[0].title, "p499") == 0 &&
		    strcmp(rows[2].title, "p495") == 0,
		    "keyset: with a search, older than a given row");
		store_rows_free(rows, n);
	}

	/* A word in every article, newest first: the walk of the date index
	 * (matches^2 > 8 * wanted * items) gives the same pages. */
	{
		struct store_query q;

		memset(&q, 0, sizeof q);
		q.search = "tide";
		ok(store_rows(s, &q, 0, 100, &rows, &n, &cause) == 0 &&
		    n == 100 && strcmp(rows[0].title, "p999") == 0 &&
		    strcmp(rows[99].title, "p900") == 0,
		    "paging: a common word's first page, newest first");
		store_rows_free(rows, n);
		ok(store_rows(s, &q, 950, 100, &rows, &n, &cause) == 0 &&
		    n == 50 && strcmp(rows[49].title, "p0") == 0,
		    "paging: and its last page");
		store_rows_free(rows, n);
		q.search = "report";
		ok(store_rows(s, &q, 0, 10, &rows, &n, &cause) == 0 &&
		    n == 10 && strcmp(rows[0].title, "p999") == 0 &&
		    strcmp(rows[9].title, "p981") == 0,
		    "paging: a word in every other article");
		store_rows_free(rows, n);
		q.search = "repor*";	/* past the prefix indexes: joined */
		ok(store_rows(s, &q, 0, 10, &rows, &n, &cause) == 0 &&
		    n == 10 && strcmp(rows[0].title, "p999") == 0 &&
		    strcmp(rows[9].title, "p981") == 0,
		    "paging: a long prefix in every other article");
		store_rows_free(rows, n);
		q.search = "rep*";	/* within them: walked */
		ok(store_rows(s, &q, 0, 10, &rows, &n, &cause) == 0 &&
		    n == 10 && strcmp(rows[9].title, "p981") == 0,
		    "paging: a short prefix in every other article");
		store_rows_free(rows, n);
		q.search = "p500";
		ok(store_rows(s, &q, 0, 10, &rows, &n, &cause) == 0 &&
		    n == 1 && strcmp(rows[0].title, "p500") == 0,
		    "paging: a word in one article");
		store_rows_free(rows, n);
		store_count(s, &q, &total, NULL, &cause);
		is_int(total, 1, "paging: its count");
		q.search = "wind";
		store_count(s, &q, &total, NULL, &cause);
		is_int(total, 500, "paging: a common word's count");
	}
	store_close(&s);
	/* The list query (as store_rows writes it) walks the date index:
	 * no sort of the whole table. */
	{
		sqlite3 *db;
		sqlite3_stmt *st;
		struct buf b;

		buf_init(&b, 0);
		sqlite3_open(path, &db);
		sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT i.id"
		    " FROM items i JOIN feeds f ON f.id = i.feed_id"
		    " WHERE f.active ORDER BY i.sort_date DESC, i.id DESC"
		    " LIMIT 100 OFFSET 900", -1, &st, NULL);
		while (sqlite3_step(st) == SQLITE_ROW) {
			buf_adds(&b, (const char *)sqlite3_column_text(st, 3));
			buf_addc(&b, ';');
		}
		sqlite3_finalize(st);
		sqlite3_close(db);
		ok(b.data != NULL && strstr(b.data, "items_date") != NULL &&
		    strstr(b.data, "TEMP B-TREE") == NULL,
		    "paging: the date index orders the list");
		if (b.data != NULL)
			diag("plan: %s", b.data);
		buf_free(&b);
	}
	free(defs);
	free(guids);
	free(path);
	free(cause);
}

/* Titles are found through the search index, then compared exactly. */
static void
test_lookup_titles(struct store *s)
{
	static const struct item_def odd[] = {
		{ "t1", "He said \"no\" \xe2\x80\x94 twice", "https://t.example/1",
		  1700000500, "<p>One.</p>" },
		{ "t2", "\xe2\x80\xa6", "https://t.example/2", 1700000400,
		  "<p>Only an ellipsis for a title.</p>" },
		{ "t3", "Night trains", "https://t.example/3", 1700000300,
		  "<p>A shorter title, older.</p>" },
		{ "t4", "\xd0\x9d\xd1\x96\xd1\x87\xd0\xbd\xd1\x96 "
		  "\xd0\xbf\xd0\xbe\xd1\x97\xd0\xb7\xd0\xb4\xd0\xb8", "https://t.example/4",
		  1700000200, "<p>Cyrillic.</p>" },
	};
	static const struct {
		const char	*title;
		const char	*want;	/* the link found, or NULL */
	} cases[] = {
		{ "He said \"no\" \xe2\x80\x94 twice", "https://t.example/1" },
		{ "\xe2\x80\xa6", "https://t.example/2" },
		{ "Night trains", "https://t.example/3" },
		{ "night trains", NULL },	/* exact, as before */
		{ "Night", NULL },		/* words of a title, not one */
		{ "Night trains return to the valley",
		  "https://news.example/trains" },
		{ "\xd0\x9d\xd1\x96\xd1\x87\xd0\xbd\xd1\x96 "
		  "\xd0\xbf\xd0\xbe\xd1\x97\xd0\xb7\xd0\xb4\xd0\xb8",
		  "https://t.example/4" },
		{ "AND OR NOT (", NULL },	/* FTS syntax stays text */
	};
	struct store_item *it;
	struct feed *f;
	char *cause = NULL;
	int64_t fid, id;
	size_t i;
	int r;

	fid = add_feed(s, "https://t.example/feed");
	f = make_feed("Titles", odd, ARRAYSIZE(odd));
	store_feed_update(s, fid, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	for (i = 0; i < ARRAYSIZE(cases); i++) {
		id = 0;
		r = store_item_lookup(s, NULL, cases[i].title, &id, &cause);
		if (cases[i].want == NULL) {
			is_int(r, 0, "lookup by title: '%s' not found",
			    cases[i].title);
			continue;
		}
		it = NULL;
		ok(r == 1 && store_item_get(s, id, &it, &cause) == 0 &&
		    it != NULL && it->row.link != NULL &&
		    strcmp(it->row.link, cases[i].want) == 0,
		    "lookup by title: '%s'", cases[i].title);
		store_item_free(it);
	}
	free(cause);
}

static void
test_lookup(void)
{
	char *path = cache_path("lookup.db"), *cause = NULL;
	struct store *s;
	struct feed *f;
	int64_t fid, id = 0, id2 = 0;

	store_open(path, 0, &s, &cause);
	fid = add_feed(s, "https://news.example/feed.xml");
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	store_feed_update(s, fid, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	is_int(store_item_lookup(s, "https://news.example/orchard", NULL, &id,
	    &cause), 1, "lookup: by link");
	is_int(store_item_lookup(s, "https://elsewhere.example/x",
	    "Night trains return to the valley", &id2, &cause), 1,
	    "lookup: by title when the link is unknown");
	ok(id != 0 && id2 != 0 && id != id2, "lookup: two different items");
	is_int(store_item_lookup(s, "https://elsewhere.example/x", "Nothing",
	    &id, &cause), 0, "lookup: not found");
	is_int(store_item_lookup(s, NULL, NULL, &id, &cause), 0,
	    "lookup: nothing to look for");
	test_lookup_titles(s);
	store_close(&s);
	free(path);
	free(cause);
}

/* Reads a whole file, for checking it was left alone. */
static char *
slurp(const char *path, size_t *len)
{
	char *data = NULL;

	if (read_file(path, 0, &data, len, NULL) == -1)
		*len = 0;
	return data;
}

static void
test_bad_files(void)
{
	char *path, *cause = NULL, *before, *after;
	struct store *s = NULL;
	struct feed *f;
	size_t blen, alen;
	int64_t fid;
	int fd, i;

	/* Not SQLite at all. */
	path = cache_path("notes.txt");
	write_file_atomic(path, "my shopping list\n", 17, NULL);
	ok(store_open(path, 0, &s, &cause) == -1, "not sqlite: refused");
	ok(cause != NULL && strstr(cause, path) != NULL &&
	    strstr(cause, "not an SQLite database") != NULL &&
	    strstr(cause, "move it away") != NULL,
	    "not sqlite: the message names the file and what to do");
	after = slurp(path, &alen);
	is_str(after, "my shopping list\n", "not sqlite: file untouched");
	free(after);
	free(cause);
	cause = NULL;
	free(path);

	/* Someone else's SQLite database. */
	path = cache_path("other.db");
	sql_exec(path, "CREATE TABLE recipes (name TEXT)");
	ok(store_open(path, 0, &s, &cause) == -1, "foreign db: refused");
	ok(cause != NULL && strstr(cause, "not a herald cache") != NULL,
	    "foreign db: says so");
	is_int(sql_int(path, "SELECT count(*) FROM sqlite_master"), 1,
	    "foreign db: untouched");
	free(cause);
	cause = NULL;
	free(path);

	/* A newer herald's cache. */
	path = cache_path("newer.db");
	store_open(path, 0, &s, &cause);
	store_close(&s);
	sql_exec(path, "PRAGMA user_version = 99");
	before = slurp(path, &blen);
	ok(store_open(path, 0, &s, &cause) == -1, "newer: refused");
	ok(cause != NULL && strstr(cause, "newer herald") != NULL &&
	    strstr(cause, "schema 99") != NULL, "newer: says so");
	after = slurp(path, &alen);
	ok(blen == alen && memcmp(before, after, blen) == 0,
	    "newer: file unchanged");
	is_int(sql_int(path, "PRAGMA user_version"), 99,
	    "newer: version unchanged");
	free(before);
	free(after);
	free(cause);
	cause = NULL;
	free(path);

	/* Damaged: a real cache with garbage over its later pages. */
	path = cache_path("damaged.db");
	store_open(path, 0, &s, &cause);
	fid = add_feed(s, "https://news.example/feed.xml");
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	store_feed_update(s, fid, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	store_close(&s);
	sql_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
	fd = open(path, O_WRONLY);
	for (i = 1; i < 8; i++) {
		char junk[4096];

		memset(junk, 0xa5 + i, sizeof junk);
		if (pwrite(fd, junk, sizeof junk, (off_t)i * 4096) == -1)
			diag("pwrite failed");
	}
	close(fd);
	before = slurp(path, &blen);
	if (store_open(path, 0, &s, &cause) == 0) {
		struct store_row *rows;
		size_t n;

		ok(store_rows(s, NULL, 0, 10, &rows, &n, &cause) == -1,
		    "damaged: reading fails");
		store_close(&s);
	} else
		ok(1, "damaged: opening fails");
	ok(cause != NULL && strstr(cause, path) != NULL &&
	    strstr(cause, "damaged") != NULL && strstr(cause, ".recover"),
	    "damaged: the message names the file and what to do");
	if (cause != NULL)
		diag("%s", cause);
	after = slurp(path, &alen);
	ok(blen == alen && memcmp(before, after, blen) == 0,
	    "damaged: file unchanged");
	free(before);
	free(after);
	free(cause);
	cause = NULL;
	free(path);
}

static void
test_readonly(void)
{
	char *path = cache_path("ro.db"), *cause = NULL;
	struct store_row *rows;
	struct store *s;
	struct feed *f;
	size_t n;
	int64_t fid;

	ok(store_open(path, STORE_READONLY, &s, &cause) == -1,
	    "readonly: no cache yet is an error");
	ok(cause != NULL && strstr(cause, "herald refresh") != NULL,
	    "readonly: and says what to do");
	ok(access(path, F_OK) == -1, "readonly: and creates nothing");
	free(cause);
	cause = NULL;
	store_open(path, 0, &s, &cause);
	fid = add_feed(s, "https://news.example/feed.xml");
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	store_feed_update(s, fid, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	store_close(&s);
	ok(store_open(path, STORE_READONLY, &s, &cause) == 0,
	    "readonly: opens");
	ok(store_rows(s, NULL, 0, 10, &rows, &n, &cause) == 0 && n == 3,
	    "readonly: reads");
	ok(store_set_read(s, rows[0].id, 1, &cause) == -1,
	    "readonly: writing fails");
	ok(cause != NULL && strstr(cause, "cannot be written") != NULL,
	    "readonly: and says why");
	store_rows_free(rows, n);
	store_close(&s);
	free(cause);
	free(path);
}

static void
test_feed_outcomes(void)
{
	char *path = cache_path("outcomes.db"), *cause = NULL;
	struct store_feed *feeds;
	struct store *s;
	struct feed *f;
	int64_t fid, other, found;
	size_t n;

	store_open(path, 0, &s, &cause);
	fid = add_feed(s, "https://news.example/feed.xml");
	other = add_feed(s, "https://other.example/feed.xml");
	f = make_feed("Valley News", first, ARRAYSIZE(first));
	store_feed_update(s, fid, f, "\"v1\"", NULL, NULL, &cause);
	free_feed(f);
	ok(store_feed_failed(s, fid, "404 Not Found", &cause) == 0,
	    "failed: saved");
	store_feeds(s, &feeds, &n, &cause);
	is_str(feeds[0].last_error, "404 Not Found", "failed: message kept");
	is_int(feeds[0].total, 3, "failed: articles kept");
	is_str(feeds[0].etag, "\"v1\"", "failed: validators kept");
	is_int(feeds[0].position, 0, "feeds: first position");
	is_int(feeds[1].position, 1, "feeds: second position");
	store_feeds_free(feeds, n);
	ok(store_feed_unchanged(s, fid, &cause) == 0, "unchanged: saved");
	store_feeds(s, &feeds, &n, &cause);
	is_str(feeds[0].last_error, NULL, "unchanged: error cleared");
	store_feeds_free(feeds, n);
	ok(store_feed_move(s, fid, "https://news.example/rss", &cause) == 0,
	    "move: saved");
	ok(store_feed_find(s, "https://news.example/rss", &found) == 0 &&
	    found == fid, "move: found at the new URL");
	ok(store_feed_find(s, "https://news.example/feed.xml", &found) == -1,
	    "move: gone from the old one");
	ok(store_feed_move(s, other, "https://news.example/rss", &cause) ==
	    -1, "move: onto another feed's URL fails");
	free(cause);
	cause = NULL;
	ok(store_mark_feed_read(s, fid, &cause) == 0, "mark feed read");
	store_feeds(s, &feeds, &n, &cause);
	is_int(feeds[0].unread, 0, "mark feed read: nothing unread");
	store_feeds_free(feeds, n);
	ok(store_feed_remove(s, "https://news.example/rss", &cause) == 0,
	    "remove: done");
	store_close(&s);
	is_int(sql_int(path, "SELECT count(*) FROM items"), 0,
	    "remove: its articles went too");
	is_int(sql_int(path, "SELECT count(*) FROM items_fts WHERE items_fts"
	    " MATCH 'bridge'"), 0, "remove: and left the index");
	is_int(sql_int(path, "SELECT count(*) FROM item_bodies"), 0,
	    "remove: and their bodies");
	is_int(sql_exec(path, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 1)"), 0,
	    "remove: the index still matches the articles");
	free(path);
	free(cause);
}

static void
test_sync_and_queries(void)
{
	static const char urls_text[] =
	    "https://a.example/feed tech \"long reads\" \"~Alpha\"\n"
	    "https://b.example/feed tech\n";
	char *path = cache_path("sync.db"), *cause = NULL;
	struct store_query q;
	struct store_feed *feeds;
	struct store_item *it;
	struct store_row *rows;
	struct urls *u;
	struct store *s;
	struct feed *f;
	int64_t ida, idb, total, unread;
	size_t n;

	store_open(path, 0, &s, &cause);
	u = urls_parse(urls_text, sizeof urls_text - 1, "urls");
	ok(store_sync_feeds(s, u, &cause) == 0, "sync: two feeds");
	urls_free(u);
	store_feeds(s, &feeds, &n, &cause);
	is_int(n, 2, "sync: both listed");
	is_str(feeds[0].title, "Alpha", "sync: custom title");
	is_str(feeds[0].custom_title, "Alpha", "sync: custom title field");
	is_int(feeds[0].ntags, 2, "sync: two tags");
	is_str(feeds[0].tagv[1], "long reads", "sync: a tag with a space");
	is_str(feeds[1].title, "https://b.example/feed",
	    "sync: no title yet shows the URL");
	ida = feeds[0].id;
	idb = feeds[1].id;
	store_feeds_free(feeds, n);

	f = make_feed("A's own", first, 2);
	f->items[0]->nenclosures = 1;
	f->items[0]->enclosures = xcalloc(1, sizeof *f->items[0]->enclosures);
	f->items[0]->enclosures[0].url = xstrdup("https://a.example/a.mp3");
	f->items[0]->enclosures[0].type = xstrdup("audio/mpeg");
	f->items[0]->enclosures[0].length = 12345;
	f->items[0]->nrelated = 2;
	f->items[0]->related = xcalloc(2, sizeof *f->items[0]->related);
	f->items[0]->related[0].url = xstrdup("https://a.example/r1");
	f->items[0]->related[0].title = xstrdup("Read also: the ferry");
	f->items[0]->related[1].url = xstrdup("https://a.example/r2");
	store_feed_update(s, ida, f, NULL, NULL, NULL, &cause);
	free_feed(f);
	f = make_feed("B", first + 2, 1);
	free(f->items[0]->guid);
	f->items[0]->guid = xstrdup("b1");
	f->items[0]->published = FEED_NO_DATE;
	store_set_time(s, 1900000000);
	store_feed_update(s, idb, f, NULL, NULL, NULL, &cause);
	store_set_time(s, 0);
	free_feed(f);

	ok(store_rows(s, NULL, 0, 10, &rows, &n, &cause) == 0 && n == 3,
	    "queries: three in all");
	is_int(rows[0].published, FEED_NO_DATE,
	    "queries: no date reads as FEED_NO_DATE");
	is_str(rows[0].feed_title, "B",
	    "queries: undated item sorts by when it was fetched");
	ok(store_item_get(s, rows[1].id, &it, &cause) == 0, "item: get");
	is_int(it->nenclosures, 1, "item: one enclosure");
	is_str(it->enclosures[0].url, "https://a.example/a.mp3",
	    "item: enclosure url");
	is_str(it->enclosures[0].type, "audio/mpeg", "item: enclosure type");
	is_int(it->enclosures[0].length, 12345, "item: enclosure length");
	is_int(it->nrelated, 2, "item: two related links");
	is_str(it->related[0].title, "Read also: the ferry",
	    "item: related title");
	is_str(it->related[1].title, NULL, "item: related without title");
	store_item_free(it);
	store_set_starred(s, rows[2].id, 1, &cause);
	store_set_read(s, rows[1].id, 1, &cause);
	store_rows_free(rows, n);

	memset(&q, 0, sizeof q);
	q.feed_id = ida;
	store_count(s, &q, &total, &unread, &cause);
	ok(total == 2 && unread == 1, "queries: by feed");
	memset(&q, 0, sizeof q);
	q.tag = "long reads";
	store_count(s, &q, &total, NULL, &cause);
	is_int(total, 2, "queries: by a tag with a space");
	q.tag = "tech";
	store_count(s, &q, &total, NULL, &cause);
	is_int(total, 3, "queries: by a shared tag");
	memset(&q, 0, sizeof q);
	q.unread_only = 1;
	store_count(s, &q, &total, NULL, &cause);
	is_int(total, 2, "queries: unread only");
	memset(&q, 0, sizeof q);
	q.starred_only = 1;
	store_rows(s, &q, 0, 10, &rows, &n, &cause);
	ok(n == 1 && strcmp(rows[0].title,
	    "Orchard harvest beats the forecast") == 0,
	    "queries: starred only");
	store_rows_free(rows, n);

	/* B leaves the urls file: hidden, not lost. */
	u = urls_parse(urls_text, (size_t)(strchr(urls_text, '\n') -
	    urls_text), "urls");
	store_sync_feeds(s, u, &cause);
	urls_free(u);
	store_feeds(s, &feeds, &n, &cause);
	is_int(n, 1, "sync: a feed gone from the file is hidden");
	store_feeds_free(feeds, n);
	store_count(s, NULL, &total, NULL, &cause);
	is_int(total, 2, "sync: and so are its articles");
	u = urls_parse(urls_text, sizeof urls_text - 1, "urls");
	store_sync_feeds(s, u, &cause);
	urls_free(u);
	store_count(s, NULL, &total, NULL, &cause);
	is_int(total, 3, "sync: back in the file, back with its articles");
	store_close(&s);
	free(path);
	free(cause);
}

/* One feed's position, title and tags as store_feeds reads them, as
 * "position|title|tags" ("-" when the feed is not listed). */
static char *
feed_desc(struct store *s, const char *url)
{
	struct store_feed *v;
	char *d = xstrdup("-"), *cause = NULL;
	size_t n, i;

	if (store_feeds(s, &v, &n, &cause) == -1) {
		diag("store_feeds: %s", cause);
		free(cause);
		return d;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].url, url) == 0) {
			free(d);
			xasprintf(&d, "%d|%s|%s", v[i].position,
			    v[i].custom_title != NULL ? v[i].custom_title : "",
			    v[i].tags != NULL ? v[i].tags : "");
		}
	}
	store_feeds_free(v, n);
	return d;
}

/* Starting with an unchanged urls file writes nothing (it must not wait
 * for another writer); every kind of change is still written. */
static void
test_sync_unchanged(void)
{
	static const struct {
		const char	*urls;
		const char	*url;	/* the feed to check */
		const char	*want;	/* feed_desc of it after the sync */
		const char	*what;
	} steps[] = {
		{ "https://a.example/feed tech \"~Alpha\"\n"
		  "https://b.example/feed\n",
		  "https://a.example/feed", "0|Alpha|tech", "first sync" },
		{ "https://a.example/feed tech \"~Alpha\"\n"
		  "https://b.example/feed\n",
		  "https://a.example/feed", "0|Alpha|tech", "same again" },
		{ "https://a.example/feed tech \"~Beta\"\n"
		  "https://b.example/feed\n",
		  "https://a.example/feed", "0|Beta|tech", "title changed" },
		{ "https://a.example/feed tech\n"
		  "https://b.example/feed\n",
		  "https://a.example/feed", "0||tech", "title removed" },
		{ "https://a.example/feed news tech\n"
		  "https://b.example/feed\n",
		  "https://a.example/feed", "0||news tech", "tag added" },
		{ "https://a.example/feed tech news\n"
		  "https://b.example/feed\n",
		  "https://a.example/feed", "0||tech news", "tags reordered" },
		{ "https://b.example/feed\n"
		  "https://a.example/feed tech news\n",
		  "https://a.example/feed", "1||tech news", "feeds reordered" },
		{ "https://b.example/feed\n",
		  "https://a.example/feed", "-", "feed dropped" },
		{ "https://b.example/feed\n"
		  "https://a.example/feed\n",
		  "https://a.example/feed", "1||", "feed back, no tags" },
		{ "https://b.example/feed\n"
		  "https://a.example/feed\n"
		  "https://c.example/feed\n",
		  "https://c.example/feed", "2||", "feed added" },
	};
	char *path = cache_path("sync-same.db"), *cause = NULL, *d;
	struct urls *u;
	struct store *s;
	sqlite3 *other;
	size_t i;

	ok(store_open(path, 0, &s, &cause) == 0, "sync same: open");
	for (i = 0; i < ARRAYSIZE(steps); i++) {
		u = urls_parse(steps[i].urls, strlen(steps[i].urls), "urls");
		ok(store_sync_feeds(s, u, &cause) == 0, "sync same: %s",
		    steps[i].what);
		urls_free(u);
		d = feed_desc(s, steps[i].url);
		is_str(d, steps[i].want, "sync same: %s: the feed", steps[i].what);
		free(d);
	}

	/* Another process holds the write lock: an unchanged list still
	 * opens at once, and a changed one reports the busy cache. */
	ok(sqlite3_open(path, &other) == SQLITE_OK &&
	    sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK, "sync same: another writer holds the cache");
	u = urls_parse(steps[ARRAYSIZE(steps) - 1].urls,
	    strlen(steps[ARRAYSIZE(steps) - 1].urls), "urls");
	ok(store_sync_feeds(s, u, &cause) == 0, "sync same: unchanged list "
	    "needs no write lock");
	urls_free(u);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	store_close(&s);
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
	test_schema();
	test_update();
	test_migrations();
	test_retention();
	test_open_again();
	test_group();
	test_counters();
	test_search();
	test_paging();
	test_lookup();
	test_bad_files();
	test_readonly();
	test_feed_outcomes();
	test_sync_and_queries();
	test_sync_unchanged();
	{
		char *rm;

		xasprintf(&rm, "rm -rf '%s'", tmpdir);
		if (system(rm) != 0)
			diag("could not remove %s", tmpdir);
		free(rm);
	}
	return done_testing();
}
