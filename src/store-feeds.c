/* store-feeds.c: the feeds the cache knows, mirrored from the urls file,
 * and the outcome of each feed's last refresh. */
#include "config.h"

#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "urls.h"
#include "util.h"

/* Replaces a feed's tags. */
static int
set_tags(struct store *s, int64_t id, char *const *tags, size_t n,
    char **cause)
{
	sqlite3_stmt *st;
	size_t i;

	if ((st = store_stmt(s, ST_TAGS_CLEAR, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "cannot save tags", cause);
	for (i = 0; i < n; i++) {
		if ((st = store_stmt(s, ST_TAG_INSERT, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		store_bind_text(st, 2, tags[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_fail(s, "cannot save tags", cause);
	}
	return 0;
}

int
store_feed_find(struct store *s, const char *url, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, ST_FEED_FIND, NULL)) == NULL)
		return -1;
	store_bind_text(st, 1, url);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	return -1;
}

/* Adds or revives one feed with its title, tags and position, inside the
 * caller's transaction. */
static int
put_feed(struct store *s, const char *url, char *const *tags, size_t ntags,
    const char *title, int position, int64_t *idp, char **cause)
{
	sqlite3_stmt *st;
	int64_t id;

	if (store_feed_find(s, url, &id) == -1) {
		if ((st = store_stmt(s, ST_FEED_INSERT, cause)) == NULL)
			return -1;
		store_bind_text(st, 1, url);
		store_bind_text(st, 2, title);
		sqlite3_bind_int(st, 3, position);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_fail(s, "cannot add the feed", cause);
		id = sqlite3_last_insert_rowid(s->db);
	} else {
		if (sqlite3_prepare_v2(s->db, "UPDATE feeds SET active = 1,"
		    " custom_title = ?2, position = ?3 WHERE id = ?1", -1, &st,
		    NULL) != SQLITE_OK)
			return store_fail(s, "cannot update the feed", cause);
		sqlite3_bind_int64(st, 1, id);
		store_bind_text(st, 2, title);
		sqlite3_bind_int(st, 3, position);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s, "cannot update the feed", cause);
		}
		sqlite3_finalize(st);
	}
	if (idp != NULL)
		*idp = id;
	return set_tags(s, id, tags, ntags, cause);
}

/* Splits a space-separated tag list (a new array of new strings). */
static char **
split_tags(const char *tags, size_t *n)
{
	char **v = NULL;
	const char *p = tags;
	size_t len;

	*n = 0;
	while (p != NULL && *p != '\0') {
		p += strspn(p, " ");
		if ((len = strcspn(p, " ")) == 0)
			break;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(p, len);
		p += len;
	}
	return v;
}

/* Where a feed added by hand goes: after every other. */
static int
next_position(struct store *s, int *pos, char **cause)
{
	int64_t max;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(max(position), -1)"
	    " FROM feeds", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot add the feed", cause);
	max = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	*pos = (int)max + 1;
	return 0;
}

int
store_feed_add(struct store *s, const char *url, const char *tags,
    const char *custom_title, int64_t *id, char **cause)
{
	char **v;
	size_t n, i;
	int pos = 0, r;

	if (store_begin(s, cause) == -1)
		return -1;
	v = split_tags(tags, &n);
	r = next_position(s, &pos, cause);
	if (r == 0)
		r = put_feed(s, url, v, n, custom_title, pos, id, cause);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	if (r == -1) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_feed_remove(struct store *s, const char *url, char **cause)
{
	sqlite3_stmt *st;

	if (store_begin(s, cause) == -1)
		return -1;
	if ((st = store_stmt(s, ST_FEED_DELETE, cause)) == NULL)
		goto fail;
	store_bind_text(st, 1, url);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_fail(s, "cannot remove the feed", cause);
		goto fail;
	}
	if (sqlite3_changes(s->db) == 0) {
		set_cause(cause, "%s is not in the cache", url);
		goto fail;
	}
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

int
store_feed_starred(struct store *s, const char *url, int64_t *n,
    char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, ST_FEED_STARRED, cause)) == NULL)
		return -1;
	store_bind_text(st, 1, url);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(s, "cannot read the feed's articles", cause);
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* True when one feed's row and tags are what the urls entry at
 * position pos would write. */
static int
feed_matches(sqlite3_stmt *feed, sqlite3_stmt *tags,
    const struct urls_entry *e, size_t pos)
{
	const char *t;
	size_t n = 0;
	int64_t id;
	int same;

	sqlite3_reset(feed);
	store_bind_text(feed, 1, e->url);
	if (sqlite3_step(feed) != SQLITE_ROW)
		return 0;
	id = sqlite3_column_int64(feed, 0);
	t = (const char *)sqlite3_column_text(feed, 3);
	same = sqlite3_column_int(feed, 1) != 0 &&
	    sqlite3_column_int64(feed, 2) == (int64_t)pos &&
	    (t == NULL ? e->title == NULL :
	    e->title != NULL && strcmp(t, e->title) == 0);
	sqlite3_reset(tags);
	sqlite3_bind_int64(tags, 1, id);
	while (same && sqlite3_step(tags) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(tags, 0);
		same = n < e->ntags && t != NULL && strcmp(t, e->tags[n]) == 0;
		n++;
	}
	return same && n == e->ntags;
}

/* True when the cache already mirrors the urls file, so that starting
 * the reader writes nothing: no write lock to wait for while a refresh
 * holds it, and no WAL growth on every start. */
static int
feeds_match(struct store *s, const struct urls *u)
{
	sqlite3_stmt *feed = NULL, *tags = NULL;
	int64_t active = -1;
	size_t i;
	int same = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT id, active, position,"
	    " custom_title FROM feeds WHERE url = ?1", -1, &feed, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(s->db, "SELECT tag FROM feed_tags"
	    " WHERE feed_id = ?1 ORDER BY rowid", -1, &tags, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < u->n; i++) {
		if (!feed_matches(feed, tags, &u->v[i], i))
			goto out;
	}
	sqlite3_finalize(feed);
	feed = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM feeds"
	    " WHERE active", -1, &feed, NULL) == SQLITE_OK &&
	    sqlite3_step(feed) == SQLITE_ROW)
		active = sqlite3_column_int64(feed, 0);
	same = active == (int64_t)u->n;
out:
	sqlite3_finalize(feed);
	sqlite3_finalize(tags);
	return same;
}

int
store_sync_feeds(struct store *s, const struct urls *u, char **cause)
{
	size_t i;

	if (feeds_match(s, u))
		return 0;
	if (store_begin(s, cause) == -1)
		return -1;
	if (store_exec(s, "UPDATE feeds SET active = 0", cause) == -1)
		goto fail;
	for (i = 0; i < u->n; i++) {
		if (put_feed(s, u->v[i].url, u->v[i].tags, u->v[i].ntags,
		    u->v[i].title, (int)i, NULL, cause) == -1)
			goto fail;
	}
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

/* The tags of every feed, attached to the array store_feeds built. */
static int
load_tags(struct store *s, struct store_feed *v, size_t n, char **cause)
{
	sqlite3_stmt *st;
	struct store_feed *f;
	struct buf b;
	size_t i;

	if (sqlite3_prepare_v2(s->db, "SELECT tag FROM feed_tags"
	    " WHERE feed_id = ?1 ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot read tags", cause);
	for (i = 0; i < n; i++) {
		f = &v[i];
		buf_init(&b, 0);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, f->id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			f->tagv = xreallocarray(f->tagv, f->ntags + 1,
			    sizeof *f->tagv);
			f->tagv[f->ntags++] = store_col_text(st, 0);
			if (b.len != 0)
				buf_addc(&b, ' ');
			buf_adds(&b, f->tagv[f->ntags - 1]);
		}
		f->tags = b.len != 0 ? buf_steal(&b) : NULL;
		buf_free(&b);
	}
	sqlite3_finalize(st);
	return 0;
}

int
store_feeds(struct store *s, struct store_feed **out, size_t *nout,
    char **cause)
{
	sqlite3_stmt *st;
	struct store_feed *v = NULL, *f;
	size_t n = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id, url,"
	    " COALESCE(custom_title, title, url), site, etag, last_modified,"
	    " last_success, last_attempt, last_error, position,"
	    " unread_count, item_count,"
	    " custom_title, title"
	    " FROM feeds f WHERE active ORDER BY position, id", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, "cannot read the feeds", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		f = memset(&v[n++], 0, sizeof *v);
		f->id = sqlite3_column_int64(st, 0);
		f->url = store_col_text(st, 1);
		f->title = store_col_text(st, 2);
		f->site = store_col_text(st, 3);
		f->etag = store_col_text(st, 4);
		f->last_modified = store_col_text(st, 5);
		f->last_success = sqlite3_column_int64(st, 6);
		f->last_attempt = sqlite3_column_int64(st, 7);
		f->last_error = store_col_text(st, 8);
		f->position = sqlite3_column_int(st, 9);
		f->unread = sqlite3_column_int64(st, 10);
		f->total = sqlite3_column_int64(st, 11);
		f->custom_title = store_col_text(st, 12);
		f->own_title = store_col_text(st, 13);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || load_tags(s, v, n, cause) == -1) {
		if (rc != SQLITE_DONE)
			store_fail(s, "cannot read the feeds", cause);
		store_feeds_free(v, n);
		return -1;
	}
	*out = v;
	*nout = n;
	return 0;
}

void
store_feeds_free(struct store_feed *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].title);
		free(v[i].site);
		free(v[i].tags);
		free(v[i].etag);
		free(v[i].last_modified);
		free(v[i].last_error);
		free(v[i].custom_title);
		free(v[i].own_title);
		for (j = 0; j < v[i].ntags; j++)
			free(v[i].tagv[j]);
		free(v[i].tagv);
	}
	free(v);
}

/* One short UPDATE of a feed row, in its own transaction. */
static int
feed_set(struct store *s, const char *sql, int64_t id, const char *text,
    char **cause)
{
	sqlite3_stmt *st;
	int changes;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot update the feed", cause);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, text);
	sqlite3_bind_int64(st, 3, store_now(s));
	if (store_write_one(s, st, "cannot update the feed", &changes,
	    cause) == -1)
		return -1;
	if (changes == 0)
		return set_cause(cause, "no feed %lld in the cache",
		    (long long)id);
	return 0;
}

int
store_feed_failed(struct store *s, int64_t id, const char *error,
    char **cause)
{
	return feed_set(s, "UPDATE feeds SET last_error = ?2,"
	    " last_attempt = ?3 WHERE id = ?1", id, error, cause);
}

int
store_feed_unchanged(struct store *s, int64_t id, char **cause)
{
	return feed_set(s, "UPDATE feeds SET last_error = ?2,"
	    " last_attempt = ?3, last_success = ?3 WHERE id = ?1", id, NULL,
	    cause);
}

int
store_feed_move(struct store *s, int64_t id, const char *url, char **cause)
{
	int64_t other;

	if (store_feed_find(s, url, &other) == 0 && other != id)
		return set_cause(cause, "cannot move the feed to %s: the "
		    "cache already has a feed there", url);
	return feed_set(s, "UPDATE feeds SET url = ?2, last_attempt = ?3"
	    " WHERE id = ?1", id, url, cause);
}
