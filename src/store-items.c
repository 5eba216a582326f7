/* store-items.c: articles in and out of the cache: a feed's update in one
 * transaction, lists a page at a time, one article whole, and read and
 * starred state. */
#include "config.h"

#include "store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "util.h"

/* Binds an item's fields at ?3..?11 as ST_ITEM_FIND/INSERT/UPDATE use
 * them (content at ?8 only for the comparison; the body is written
 * apart); the packed and derived strings are freed by the caller. */
struct packed {
	char	*enclosures;
	char	*related;
	char	*text;
};

static void
bind_item(sqlite3_stmt *st, const struct feed_item *it,
    const struct packed *p)
{
	store_bind_text(st, 3, it->title != NULL ? it->title : "");
	store_bind_text(st, 4, it->link);
	store_bind_text(st, 5, it->author);
	if (it->published == FEED_NO_DATE)
		sqlite3_bind_null(st, 6);
	else
		sqlite3_bind_int64(st, 6, it->published);
	if (it->updated == FEED_NO_DATE)
		sqlite3_bind_null(st, 7);
	else
		sqlite3_bind_int64(st, 7, it->updated);
	store_bind_text(st, 8, it->content);
	sqlite3_bind_int(st, 9, it->content_is_text);
	store_bind_text(st, 10, p->enclosures);
	store_bind_text(st, 11, p->related);
}

/* Is the item there, and is it the same?  Returns 1 found (with *id and
 * *same), 0 not found, -1 on error. */
static int
find_item(struct store *s, int64_t feed_id, const struct feed_item *it,
    const struct packed *p, int64_t *id, int *same, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, ST_ITEM_FIND, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, it->guid);
	bind_item(st, it, p);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*same = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "cannot read an article", cause);
	return 0;
}

/* Writes an item's body (new or replacing), after its row. */
static int
put_body(struct store *s, int64_t id, const struct feed_item *it,
    const char *text, int found, char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, found ? ST_BODY_UPDATE : ST_BODY_INSERT,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, it->content);
	store_bind_text(st, 3, text);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot save an article", cause);
	return 0;
}

/* One index entry in or out (an external-content delete needs the values
 * that were indexed). */
static int
fts_write(struct store *s, enum store_stmt which, int64_t id,
    const char *title, const char *text, char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, which, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, title);
	store_bind_text(st, 3, text != NULL ? text : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot index an article", cause);
	return 0;
}

/* Before a changed item is rewritten: takes its entry out of the index
 * when the title or the text changes.  *reindex says whether the new
 * one must go in. */
static int
unindex_old(struct store *s, int64_t id, const char *title,
    const char *text, int *reindex, char **cause)
{
	sqlite3_stmt *st;
	char *old_title, *old_text;
	int r = 0;

	*reindex = 1;
	if ((st = store_stmt(s, ST_OLD_DOC, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;	/* no body: it was never indexed */
	}
	old_title = store_col_text(st, 0);
	old_text = store_col_text(st, 1);
	sqlite3_reset(st);
	if (old_title != NULL && old_text != NULL &&
	    strcmp(old_title, title) == 0 && strcmp(old_text, text) == 0)
		*reindex = 0;
	else
		r = fts_write(s, ST_FTS_DELETE, id, old_title, old_text, cause);
	free(old_title);
	free(old_text);
	return r;
}

/* Writes an item's row: a new one, or the new values of a changed one
 * (read and starred are left alone). */
static int
put_row(struct store *s, int64_t feed_id, int64_t id,
    const struct feed_item *it, const struct packed *p, int64_t now,
    char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, id != 0 ? ST_ITEM_UPDATE : ST_ITEM_INSERT,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id != 0 ? id : feed_id);
	store_bind_text(st, 2, it->guid);
	bind_item(st, it, p);
	sqlite3_bind_int64(st, 13, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot save an article", cause);
	return 0;
}

/* Only notes that the feed still lists an unchanged item. */
static int
put_seen(struct store *s, int64_t id, int64_t now, char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, ST_ITEM_SEEN, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot save an article", cause);
	return 0;
}

/* Inserts a new item or rewrites a changed one, with its body and its
 * index entry (the old entry out first, while the row still holds the
 * indexed title); an unchanged one is only seen.  *added counts new
 * ones. */
static int
upsert_item(struct store *s, int64_t feed_id, const struct feed_item *it,
    int64_t now, int *added, char **cause)
{
	const char *title = it->title != NULL ? it->title : "";
	struct packed p;
	int64_t id = 0;
	int found, same = 0, reindex = 1, r = -1;

	if (it->guid == NULL)
		return 0;
	p.enclosures = store_pack_enclosures(it->enclosures, it->nenclosures);
	p.related = store_pack_links(it->related, it->nrelated);
	p.text = NULL;
	if ((found = find_item(s, feed_id, it, &p, &id, &same, cause)) == -1)
		goto out;
	if (found && same) {
		r = put_seen(s, id, now, cause);
		goto out;
	}
	p.text = store_plain_text(it->content, it->content_is_text);
	if (found && unindex_old(s, id, title, p.text, &reindex, cause) == -1)
		goto out;
	if (put_row(s, feed_id, found ? id : 0, it, &p, now, cause) == -1)
		goto out;
	if (!found)
		id = sqlite3_last_insert_rowid(s->db);
	if (put_body(s, id, it, p.text, found, cause) == -1)
		goto out;
	if (reindex && fts_write(s, ST_FTS_INSERT, id, title, p.text,
	    cause) == -1)
		goto out;
	if (!found)
		(*added)++;
	r = 0;
out:
	free(p.enclosures);
	free(p.related);
	free(p.text);
	return r;
}

/* The feed's own data, validators and counts (the `added` new items are
 * unread), and retention, after its items. */
static int
finish_update(struct store *s, int64_t feed_id, const struct feed *f,
    const char *etag, const char *last_modified, int64_t now, int added,
    char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, ST_FEED_UPDATED, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, f->meta.title);
	store_bind_text(st, 3, f->meta.link);
	store_bind_text(st, 4, etag);
	store_bind_text(st, 5, last_modified);
	sqlite3_bind_int64(st, 6, now);
	sqlite3_bind_int(st, 7, added);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot save the feed", cause);
	if (sqlite3_changes(s->db) == 0)
		return set_cause(cause, "no feed %lld in the cache",
		    (long long)feed_id);
	if (s->max_items == 0 && s->keep_days == 0)
		return 0;
	if ((st = store_stmt(s, ST_RETAIN, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, s->keep_days);
	sqlite3_bind_int(st, 4, s->max_items);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot drop old articles", cause);
	return 0;
}

int
store_feed_update(struct store *s, int64_t feed_id, const struct feed *f,
    const char *etag, const char *last_modified, int *added, char **cause)
{
	int64_t now = store_now(s);
	int n = 0;
	size_t i;

	if (store_begin(s, cause) == -1)
		return -1;
	for (i = 0; i < f->nitems; i++) {
		if (upsert_item(s, feed_id, f->items[i], now, &n, cause) == -1)
			goto fail;
	}
	if (finish_update(s, feed_id, f, etag, last_modified, now, n,
	    cause) == -1)
		goto fail;
	if (store_commit(s, cause) == -1)
		return -1;
	if (added != NULL)
		*added = n;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* How a list query finds its rows. */
enum plan {
	PLAN_ALL,	/* no search: the date index */
	PLAN_RANKED,	/* search, best first: the newest STORE_RANK_WINDOW
			 * matches with their bm25 scores */
	PLAN_JOIN,	/* search, newest first: every match, joined, sorted */
	PLAN_PROBE,	/* search, newest first: the date index, each row
			 * looked up in the index (a word in most articles) */
};

/* FROM and WHERE for a plan, its arguments bound by name in bind_query. */
static void
build_query(struct buf *b, const char *select, const struct store_query *q,
    enum plan plan)
{
	buf_adds(b, select);
	switch (plan) {
	case PLAN_ALL:
		buf_adds(b, " FROM items i JOIN feeds f ON f.id = i.feed_id"
		    " WHERE f.active");
		break;
	case PLAN_RANKED:
		buf_printf(b, " FROM (SELECT rowid AS rid,"
		    " bm25(items_fts, 10.0, 1.0) AS score FROM items_fts"
		    " WHERE items_fts MATCH :search ORDER BY rowid DESC"
		    " LIMIT %d) m JOIN items i ON i.id = m.rid"
		    " JOIN feeds f ON f.id = i.feed_id WHERE f.active",
		    STORE_RANK_WINDOW);
		break;
	case PLAN_JOIN:
		buf_adds(b, " FROM items_fts JOIN items i ON"
		    " i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id"
		    " WHERE f.active AND items_fts MATCH :search");
		break;
	case PLAN_PROBE:
		buf_adds(b, " FROM items i JOIN feeds f ON f.id = i.feed_id"
		    " WHERE f.active AND EXISTS (SELECT 1 FROM items_fts"
		    " WHERE items_fts MATCH :search AND rowid = i.id)");
		break;
	}
	if (q != NULL && q->feed_id != 0)
		buf_adds(b, " AND i.feed_id = :feed");
	if (q != NULL && q->tag != NULL)
		buf_adds(b, " AND i.feed_id IN (SELECT feed_id FROM feed_tags"
		    " WHERE tag = :tag)");
	if (q != NULL && q->unread_only)
		buf_adds(b, " AND i.read = 0");
	if (q != NULL && q->starred_only)
		buf_adds(b, " AND i.starred = 1");
	if (q != NULL && q->after_id != 0 && plan != PLAN_RANKED)
		buf_adds(b, " AND (i.sort_date, i.id) < (:adate, :aid)");
}

static void
bind_query(sqlite3_stmt *st, const struct store_query *q, const char *fts)
{
	int i;

	if ((i = sqlite3_bind_parameter_index(st, ":search")) != 0)
		store_bind_text(st, i, fts);
	if ((i = sqlite3_bind_parameter_index(st, ":feed")) != 0)
		sqlite3_bind_int64(st, i, q->feed_id);
	if ((i = sqlite3_bind_parameter_index(st, ":tag")) != 0)
		store_bind_text(st, i, q->tag);
	if ((i = sqlite3_bind_parameter_index(st, ":adate")) != 0)
		sqlite3_bind_int64(st, i, q->after_date);
	if ((i = sqlite3_bind_parameter_index(st, ":aid")) != 0)
		sqlite3_bind_int64(st, i, q->after_id);
}

/* One number from a query with an optional text argument, or -1. */
static int64_t
query_count(struct store *s, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (arg != NULL)
		store_bind_text(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* True when the FTS5 expression has a prefix longer than the prefix
 * indexes (2 and 3 characters): each lookup of such a prefix merges the
 * lists of every word it starts, so the walk would pay that per row. */
static int
long_prefix(const char *fts)
{
	const char *p, *open;
	size_t chars;

	for (p = strstr(fts, "\"*"); p != NULL; p = strstr(p + 2, "\"*")) {
		/* Back to the opening quote ("" inside is an escaped one). */
		for (open = p - 1; open > fts; open--) {
			if (*open == '"' && open[-1] != '"')
				break;
		}
		chars = 0;
		for (open++; open < p; open++)
			chars += ((unsigned char)*open & 0xc0) != 0x80;
		if (chars > 3)
			return 1;
	}
	return 0;
}

/* Newest first, a search joins every match and sorts them: right for a
 * rare word, slow for one in most articles, where walking the date index
 * and looking each row up finds a page after a few dozen rows.  The cost
 * of the walk grows as items / matches per row wanted, that of the join
 * as matches, so the walk wins when matches^2 > 8 * wanted * items. */
static enum plan
choose_plan(struct store *s, const char *fts, int ranked, int64_t wanted)
{
	int64_t matches, items;

	if (fts == NULL)
		return PLAN_ALL;
	if (ranked)
		return PLAN_RANKED;
	if (wanted <= 0 || long_prefix(fts))
		return PLAN_JOIN;
	matches = query_count(s, "SELECT count(*) FROM items_fts"
	    " WHERE items_fts MATCH ?1", fts);
	items = query_count(s, "SELECT max(id) FROM items", NULL);
	if (matches <= 0 || items <= 0)
		return PLAN_JOIN;
	return (double)matches * (double)matches >
	    8.0 * (double)wanted * (double)items ? PLAN_PROBE : PLAN_JOIN;
}

/* Prepares a list query (wanted: rows up to the end of the page, 0 for a
 * count); a bad search reads as the person's mistake, not as an SQLite
 * error. */
static sqlite3_stmt *
prepare_query(struct store *s, const char *select, const char *tail,
    const struct store_query *q, int ranked, int64_t wanted, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct buf b;
	char *fts = NULL;

	if (q != NULL && q->search != NULL && *q->search != '\0') {
		if ((fts = store_fts_query(q->search, cause)) == NULL)
			return NULL;
	}
	buf_init(&b, 0);
	build_query(&b, select, q, choose_plan(s, fts, ranked, wanted));
	buf_adds(&b, tail);
	if (sqlite3_prepare_v2(s->db, b.data, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, "cannot read the articles", cause);
		st = NULL;
	} else
		bind_query(st, q, fts);
	free(fts);
	buf_free(&b);
	return st;
}

/* A failed step: FTS5 reports query mistakes only when it runs. */
static int
step_fail(struct store *s, const struct store_query *q, char **cause)
{
	const char *msg = sqlite3_errmsg(s->db);

	if (q != NULL && q->search != NULL &&
	    (strstr(msg, "fts5") != NULL || strstr(msg, "syntax") != NULL))
		return set_cause(cause, "cannot search for %s: write words, "
		    "\"a phrase\", prefix*, AND, OR, NOT", q->search);
	return store_fail(s, "cannot read the articles", cause);
}

int
store_rows(struct store *s, const struct store_query *q, int64_t offset,
    int limit, struct store_row **out, size_t *nout, char **cause)
{
	struct store_row *v = NULL, *r;
	sqlite3_stmt *st;
	size_t n = 0;
	int rc, ranked;

	*out = NULL;
	*nout = 0;
	ranked = q != NULL && q->by_rank && q->search != NULL;
	st = prepare_query(s, "SELECT i.id, i.feed_id, i.title,"
	    " COALESCE(f.custom_title, f.title, f.url), i.link, i.published,"
	    " i.read, i.starred, i.sort_date", ranked ?
	    " ORDER BY m.score, i.id DESC LIMIT :limit OFFSET :offset" :
	    " ORDER BY i.sort_date DESC, i.id DESC LIMIT :limit OFFSET :offset",
	    q, ranked, limit > 0 ? (offset > 0 ? offset : 0) + limit : 0,
	    cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"),
	    limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"),
	    offset > 0 ? offset : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		r = &v[n++];
		r->id = sqlite3_column_int64(st, 0);
		r->feed_id = sqlite3_column_int64(st, 1);
		r->title = store_col_text(st, 2);
		r->feed_title = store_col_text(st, 3);
		r->link = store_col_text(st, 4);
		r->published = sqlite3_column_type(st, 5) == SQLITE_NULL ?
		    FEED_NO_DATE : sqlite3_column_int64(st, 5);
		r->read = sqlite3_column_int(st, 6);
		r->starred = sqlite3_column_int(st, 7);
		r->sort_date = sqlite3_column_int64(st, 8);
	}
	if (rc != SQLITE_DONE) {
		step_fail(s, q, cause);
		sqlite3_finalize(st);
		store_rows_free(v, n);
		return -1;
	}
	sqlite3_finalize(st);
	*out = v;
	*nout = n;
	return 0;
}

/* A count the feeds' counters answer: no search, no starred filter, no
 * keyset bound.  "All unread" on 100,000 articles counted ~30 ms of
 * rows; the counters take one row a feed. */
static int
counters_answer(const struct store_query *q)
{
	return q == NULL || ((q->search == NULL || *q->search == '\0') &&
	    !q->starred_only && q->after_id == 0);
}

/* store_count from feeds.item_count and unread_count (schema step 7). */
static int
count_from_feeds(struct store *s, const struct store_query *q,
    int64_t *total, int64_t *unread, char **cause)
{
	sqlite3_stmt *st;
	struct buf b;
	int64_t all, fresh;
	int rc;

	buf_init(&b, 0);
	buf_adds(&b, "SELECT COALESCE(sum(item_count), 0),"
	    " COALESCE(sum(unread_count), 0) FROM feeds f WHERE f.active");
	if (q != NULL && q->feed_id != 0)
		buf_adds(&b, " AND f.id = :feed");
	if (q != NULL && q->tag != NULL)
		buf_adds(&b, " AND f.id IN (SELECT feed_id FROM feed_tags"
		    " WHERE tag = :tag)");
	rc = sqlite3_prepare_v2(s->db, b.data, -1, &st, NULL);
	buf_free(&b);
	if (rc != SQLITE_OK)
		return store_fail(s, "cannot count the articles", cause);
	if (q != NULL)
		bind_query(st, q, NULL);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, "cannot count the articles", cause);
	}
	all = sqlite3_column_int64(st, 0);
	fresh = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (total != NULL)
		*total = q != NULL && q->unread_only ? fresh : all;
	if (unread != NULL)
		*unread = fresh;
	return 0;
}

int
store_count(struct store *s, const struct store_query *q, int64_t *total,
    int64_t *unread, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (counters_answer(q))
		return count_from_feeds(s, q, total, unread, cause);
	st = prepare_query(s, "SELECT count(*), COALESCE(sum(i.read = 0), 0)",
	    "", q, 0, 0, cause);
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		step_fail(s, q, cause);
		sqlite3_finalize(st);
		return -1;
	}
	if (total != NULL)
		*total = sqlite3_column_int64(st, 0);
	if (unread != NULL)
		*unread = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return 0;
}

static void
row_clear(struct store_row *r)
{
	free(r->title);
	free(r->feed_title);
	free(r->link);
}

void
store_rows_free(struct store_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		row_clear(&v[i]);
	free(v);
}

int
store_item_get(struct store *s, int64_t id, struct store_item **out,
    char **cause)
{
	struct store_item *it;
	sqlite3_stmt *st;
	char *packed;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT i.id, i.feed_id, i.title,"
	    " COALESCE(f.custom_title, f.title, f.url), i.link, i.published,"
	    " i.read, i.starred, i.guid, i.author, b.content,"
	    " i.content_is_text, f.url, i.enclosures, i.related"
	    " FROM items i JOIN feeds f ON f.id = i.feed_id"
	    " LEFT JOIN item_bodies b ON b.id = i.id WHERE i.id = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot read the article", cause);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			set_cause(cause, "no article %lld in the cache",
			    (long long)id);
		else
			store_fail(s, "cannot read the article", cause);
		sqlite3_finalize(st);
		return -1;
	}
	it = xcalloc(1, sizeof *it);
	it->row.id = sqlite3_column_int64(st, 0);
	it->row.feed_id = sqlite3_column_int64(st, 1);
	it->row.title = store_col_text(st, 2);
	it->row.feed_title = store_col_text(st, 3);
	it->row.link = store_col_text(st, 4);
	it->row.published = sqlite3_column_type(st, 5) == SQLITE_NULL ?
	    FEED_NO_DATE : sqlite3_column_int64(st, 5);
	it->row.read = sqlite3_column_int(st, 6);
	it->row.starred = sqlite3_column_int(st, 7);
	it->guid = store_col_text(st, 8);
	it->author = store_col_text(st, 9);
	it->content = store_col_text(st, 10);
	it->content_is_text = sqlite3_column_int(st, 11);
	it->feed_url = store_col_text(st, 12);
	packed = store_col_text(st, 13);
	store_unpack_enclosures(packed, &it->enclosures, &it->nenclosures);
	free(packed);
	packed = store_col_text(st, 14);
	store_unpack_links(packed, &it->related, &it->nrelated);
	free(packed);
	sqlite3_finalize(st);
	*out = it;
	return 0;
}

void
store_item_free(struct store_item *it)
{
	size_t i;

	if (it == NULL)
		return;
	row_clear(&it->row);
	free(it->guid);
	free(it->author);
	free(it->content);
	free(it->feed_url);
	for (i = 0; i < it->nrelated; i++) {
		free(it->related[i].url);
		free(it->related[i].title);
	}
	free(it->related);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it);
}

/* The first id sql finds with value as ?1 (and match, when not NULL, as
 * ?2): 1 found, 0 not, -1 error. */
static int
lookup_by(struct store *s, const char *sql, const char *value,
    const char *match, int64_t *id, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot look up the article", cause);
	store_bind_text(st, 1, value);
	if (match != NULL)
		store_bind_text(st, 2, match);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return store_fail(s, "cannot look up the article", cause);
	return 0;
}

/* Whether s has an ASCII letter or digit, which FTS5's tokenizer always
 * takes for (part of) a word. */
static int
has_ascii_word(const char *s)
{
	for (; *s != '\0'; s++) {
		if (isalnum((unsigned char)*s))
			return 1;
	}
	return 0;
}

/* The newest item with exactly this title, through the search index:
 * the items whose title holds these words, compared exactly.  1 found,
 * 0 not, -1 error. */
static int
lookup_title_fts(struct store *s, const char *title, int64_t *id,
    char **cause)
{
	struct buf q;
	const char *p;
	int r;

	buf_init(&q, 0);
	buf_adds(&q, "title : \"");
	for (p = title; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(&q, '"');
		buf_addc(&q, *p);
	}
	buf_addc(&q, '"');
	r = lookup_by(s, "SELECT i.id FROM items_fts"
	    " JOIN items i ON i.id = items_fts.rowid"
	    " WHERE items_fts MATCH ?2 AND i.title = ?1"
	    " ORDER BY i.sort_date DESC, i.id DESC LIMIT 1", title, q.data, id,
	    cause);
	buf_free(&q);
	return r;
}

/* There is no index on titles: every refresh paid for one, for a lookup
 * the Read-also pane makes now and then.  Where the index may see no word
 * in the title (no ASCII letter or digit: "…", or Cyrillic, which it
 * reads but we cannot tell from here), a miss is checked by a scan. */
static int
lookup_title(struct store *s, const char *title, int64_t *id, char **cause)
{
	int r;

	if ((r = lookup_title_fts(s, title, id, cause)) != 0 ||
	    has_ascii_word(title))
		return r;
	return lookup_by(s, "SELECT id FROM items WHERE title = ?1"
	    " ORDER BY sort_date DESC, id DESC LIMIT 1", title, NULL, id,
	    cause);
}

int
store_item_lookup(struct store *s, const char *url, const char *title,
    int64_t *id, char **cause)
{
	int r;

	if (url != NULL && *url != '\0') {
		r = lookup_by(s, "SELECT id FROM items WHERE link = ?1"
		    " ORDER BY sort_date DESC, id DESC LIMIT 1", url, NULL, id,
		    cause);
		if (r != 0)
			return r;
	}
	if (title != NULL && *title != '\0')
		return lookup_title(s, title, id, cause);
	return 0;
}

/* One UPDATE of state in its own short transaction. */
static int
set_state(struct store *s, const char *sql, int64_t id, int value,
    char **cause)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot save the article's state", cause);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, value);
	return store_write_one(s, st, "cannot save the article's state",
	    NULL, cause);
}

int
store_set_read(struct store *s, int64_t id, int read, char **cause)
{
	return set_state(s, "UPDATE items SET read = ?2 WHERE id = ?1"
	    " AND read != ?2", id, read != 0, cause);
}

int
store_set_starred(struct store *s, int64_t id, int starred, char **cause)
{
	return set_state(s, "UPDATE items SET starred = ?2 WHERE id = ?1"
	    " AND starred != ?2", id, starred != 0, cause);
}

int
store_mark_feed_read(struct store *s, int64_t feed_id, char **cause)
{
	return set_state(s, "UPDATE items SET read = ?2 WHERE feed_id = ?1"
	    " AND read = 0", feed_id, 1, cause);
}
