/* store-int.h: what the store's source files share and nobody else sees. */
#ifndef HERALD_STORE_INT_H
#define HERALD_STORE_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "feed.h"

/* Statements prepared once per connection; SQL in store.c's table. */
enum store_stmt {
	ST_FEED_INSERT,
	ST_FEED_FIND,
	ST_FEED_DELETE,
	ST_FEED_STARRED,
	ST_TAGS_CLEAR,
	ST_TAG_INSERT,
	ST_ITEM_FIND,
	ST_ITEM_INSERT,
	ST_ITEM_UPDATE,
	ST_BODY_INSERT,
	ST_BODY_UPDATE,
	ST_OLD_DOC,
	ST_FTS_INSERT,
	ST_FTS_DELETE,
	ST_ITEM_SEEN,
	ST_FEED_UPDATED,
	ST_RETAIN,
	ST_LAST
};

struct store {
	sqlite3		*db;
	char		*path;
	int		 flags;
	int		 max_items;
	int		 keep_days;
	int64_t		 now;		/* a fixed clock for tests, or 0 */
	int		 group;		/* in store_group_begin's transaction */
	int		 group_failed;	/* and a write in it failed */
	sqlite3_stmt	*stmts[ST_LAST];
};

/* A prepared statement from the table, reset and unbound, or NULL with
 * *cause set. */
sqlite3_stmt *store_stmt(struct store *, enum store_stmt, char **cause);
/* Words for an SQLite failure on this cache: "<what>: <sqlite's message>",
 * or the advice for a damaged or busy file.  Returns -1. */
int store_fail(struct store *, const char *what, char **cause);
int store_exec(struct store *, const char *sql, char **cause);
/* BEGIN IMMEDIATE (so a writer waits for the lock up front instead of
 * failing half-way), COMMIT, ROLLBACK. */
int store_begin(struct store *, char **cause);
int store_commit(struct store *, char **cause);
void store_rollback(struct store *);
/* Step one prepared write in a short transaction of its own, finalize it,
 * and report the rows it changed in *changes (may be NULL). */
int store_write_one(struct store *, sqlite3_stmt *, const char *what,
    int *changes, char **cause);
/* Bind helpers: NULL binds SQL NULL. */
void store_bind_text(sqlite3_stmt *, int, const char *);
char *store_col_text(sqlite3_stmt *, int);
int64_t store_now(const struct store *);

/* store-text.c */
/* The plain text of an article for the index: tags dropped (script and
 * style with their content), a few common entities decoded, whitespace
 * folded.  A new string. */
char *store_plain_text(const char *content, int is_text);
/* The person's search query as an FTS5 expression (a new string), or NULL
 * with *cause set when it cannot be read. */
char *store_fts_query(const char *query, char **cause);
/* Enclosures and related links packed into one text column and back. */
char *store_pack_enclosures(const struct feed_enclosure *, size_t);
void store_unpack_enclosures(const char *, struct feed_enclosure **,
    size_t *);
char *store_pack_links(const struct feed_link *, size_t);
void store_unpack_links(const char *, struct feed_link **, size_t *);

#endif
