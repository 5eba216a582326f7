/* store.c: opening the cache, its schema and migrations, and the plumbing
 * the other store-*.c files share.
 *
 * The schema (PRAGMA user_version counts the steps below):
 *
 *   feeds        one row per feed the urls file lists, or once listed
 *                (active = 0); HTTP validators and the last outcome.
 *   feed_tags    (feed, tag): tags may hold spaces, so they get rows.
 *   items        one row per (feed, guid), everything but the article's
 *                text, so rows stay small and many fit a page: lists,
 *                counts and the joins of a search read little.
 *                No index on titles (step 8): a lookup by title goes
 *                through items_fts.
 *                sort_date is the published date, else updated, else
 *                when first fetched; lists page through indexes on
 *                (sort_date DESC, id DESC, feed_id).  last_seen is the
 *                last refresh whose document still listed the item:
 *                retention never drops what the feed still shows, or it
 *                would come back as unread.
 *   item_bodies  the article (content) and its plain text (text, what
 *                the index holds), by item id.
 *   items_fts    FTS5 over (title, text), external content (the view
 *                item_docs), written by store_feed_update in the same
 *                transaction as the article, and cleared by a trigger
 *                when an item is deleted; prefix indexes for 2 and 3
 *                characters.
 *
 *                feeds.item_count and unread_count are kept by triggers
 *                on items (step 7), so the feed list and its counts read
 *                one row a feed.
 *
 * Each step in migrations[] moves a cache up one version inside one
 * transaction; a cache from a newer herald is refused, untouched. */
#include "config.h"

#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store-int.h"
#include "util.h"

/* 'HRLD': marks a file as a herald cache, so another program's SQLite
 * database is never taken for one. */
#define STORE_APP_ID	0x48524c44
#define STORE_BUSY_MS	15000
/* open_at: another connection of this process (store_open_again). */
#define STORE_AGAIN	0x100

/* The index follows the articles inside the writer's transaction. */
#define FTS_TRIGGERS \
	"CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN" \
	" INSERT INTO items_fts(rowid, title, text)" \
	"  VALUES (new.id, new.title, new.text);" \
	" END;" \
	"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN" \
	" INSERT INTO items_fts(items_fts, rowid, title, text)" \
	"  VALUES ('delete', old.id, old.title, old.text);" \
	" END;" \
	"CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text ON items" \
	" WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN" \
	" INSERT INTO items_fts(items_fts, rowid, title, text)" \
	"  VALUES ('delete', old.id, old.title, old.text);" \
	" INSERT INTO items_fts(rowid, title, text)" \
	"  VALUES (new.id, new.title, new.text);" \
	" END;"

/* Per-feed counts follow the items (step 7): drops and marks through
 * these triggers, whatever does them.  An item moved to another feed or
 * marked is taken off the old numbers and put on the new.  New items are
 * counted by ST_FEED_UPDATED, the one way rows enter items: a trigger on
 * INSERT makes each insert a multi-write that may abort (the foreign key
 * check), so SQLite opens a statement savepoint for it, at which FTS5
 * flushes the terms pending from the previous article: the first
 * refresh took 30-40% more CPU (bench/store-write.sh).  A step that
 * rebuilds items must make these again. */
#define COUNT_TRIGGERS \
	"CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN" \
	" UPDATE feeds SET item_count = item_count - 1," \
	"  unread_count = unread_count - (old.read = 0)" \
	"  WHERE id = old.feed_id;" \
	" END;" \
	"CREATE TRIGGER items_count_update AFTER UPDATE OF feed_id, read" \
	" ON items WHEN old.feed_id IS NOT new.feed_id" \
	" OR (old.read = 0) IS NOT (new.read = 0) BEGIN" \
	" UPDATE feeds SET item_count = item_count - 1," \
	"  unread_count = unread_count - (old.read = 0)" \
	"  WHERE id = old.feed_id;" \
	" UPDATE feeds SET item_count = item_count + 1," \
	"  unread_count = unread_count + (new.read = 0)" \
	"  WHERE id = new.feed_id;" \
	" END;"

/* Indexes on items, by the step that added them (step 5 makes them
 * again on the rebuilt table). */
#define ITEM_INDEXES_1 \
	"CREATE INDEX items_date ON items(sort_date DESC, id DESC);" \
	"CREATE INDEX items_feed_date ON items(feed_id, sort_date DESC, id DESC);" \
	"CREATE INDEX items_link ON items(link);" \
	"CREATE INDEX items_title ON items(title);"
#define ITEM_INDEXES_3 \
	"CREATE INDEX items_unread ON items(sort_date DESC, id DESC)" \
	" WHERE read = 0;" \
	"CREATE INDEX items_feed_unread ON items(feed_id) WHERE read = 0;" \
	"CREATE INDEX items_starred ON items(sort_date DESC, id DESC)" \
	" WHERE starred = 1;"
#define ITEM_INDEXES ITEM_INDEXES_1 ITEM_INDEXES_3
#define ITEM_COLUMNS_5 \
	"id, feed_id, sort_date, read, starred, published, updated," \
	" fetched_at, last_seen, content_is_text, guid, title, link, author," \
	" enclosures, related, content, text"

/* The columns step 6 carries over to the new items table. */
#define ITEM_COLUMNS_6 \
	"id, feed_id, sort_date, read, starred, published, updated," \
	" fetched_at, last_seen, content_is_text, guid, title, link, author," \
	" enclosures, related"

static const char *const migrations[] = {
	/* 1: feeds and items. */
	"CREATE TABLE feeds ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" title TEXT, custom_title TEXT, site TEXT,"
	" position INTEGER NOT NULL DEFAULT 0,"
	" active INTEGER NOT NULL DEFAULT 1,"
	" etag TEXT, last_modified TEXT,"
	" last_success INTEGER NOT NULL DEFAULT 0,"
	" last_attempt INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT);"
	"CREATE TABLE feed_tags ("
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" tag TEXT NOT NULL,"
	" UNIQUE (feed_id, tag));"
	"CREATE INDEX feed_tags_tag ON feed_tags(tag);"
	"CREATE TABLE items ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" link TEXT, author TEXT,"
	" published INTEGER, updated INTEGER,"
	" sort_date INTEGER NOT NULL,"
	" content TEXT, content_is_text INTEGER NOT NULL DEFAULT 0,"
	" enclosures TEXT, related TEXT,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" fetched_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" UNIQUE (feed_id, guid));"
	ITEM_INDEXES_1,

	/* 2: full-text search; existing articles are indexed on the way. */
	"ALTER TABLE items ADD COLUMN text TEXT NOT NULL DEFAULT '';"
	"UPDATE items SET text = herald_plain_text(content, content_is_text);"
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, text,"
	" content='items', content_rowid='id',"
	" tokenize='unicode61 remove_diacritics 2');"
	"INSERT INTO items_fts(items_fts) VALUES ('rebuild');"
	FTS_TRIGGERS,

	/* 3: unread and starred lists and counts without a scan. */
	ITEM_INDEXES_3,

	/* 4: prefix indexes, so that a short prefix* does not merge the
	 * lists of every word it starts (bench/search.sh: "lo*" on 100,000
	 * articles went from ~0.9 s to ~11 ms of CPU). */
	"DROP TRIGGER items_fts_insert;"
	"DROP TRIGGER items_fts_delete;"
	"DROP TRIGGER items_fts_update;"
	"DROP TABLE items_fts;"
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, text,"
	" content='items', content_rowid='id',"
	" tokenize='unicode61 remove_diacritics 2', prefix='2 3');"
	"INSERT INTO items_fts(items_fts) VALUES ('rebuild');"
	FTS_TRIGGERS,

	/* 5: small columns first.  SQLite stores a row's columns in order
	 * and a long article spills into overflow pages, so reading `read`
	 * after `content` walked them: counting a search's matches read
	 * most of the file.  The table is rebuilt with the same ids (the
	 * index stays valid) in the order below. */
	"CREATE TABLE items_new ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" sort_date INTEGER NOT NULL,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" published INTEGER, updated INTEGER,"
	" fetched_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" content_is_text INTEGER NOT NULL DEFAULT 0,"
	" guid TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" link TEXT, author TEXT,"
	" enclosures TEXT, related TEXT,"
	" content TEXT,"
	" text TEXT NOT NULL DEFAULT '',"
	" UNIQUE (feed_id, guid));"
	"INSERT INTO items_new (" ITEM_COLUMNS_5 ") SELECT " ITEM_COLUMNS_5
	" FROM items;"
	"DROP TABLE items;"
	"ALTER TABLE items_new RENAME TO items;"
	ITEM_INDEXES
	FTS_TRIGGERS,

	/* 6: article bodies in a table of their own.  With the text in
	 * items, a row was a page: counting a common word's matches or
	 * paging deep into a list read most of the file (bench/search.sh).
	 * The index moves to the view item_docs and is rebuilt; the list
	 * indexes carry feed_id, so rows skipped by OFFSET are checked
	 * against their feed without being read. */
	"CREATE TABLE items_new ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" sort_date INTEGER NOT NULL,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" published INTEGER, updated INTEGER,"
	" fetched_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" content_is_text INTEGER NOT NULL DEFAULT 0,"
	" guid TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" link TEXT, author TEXT,"
	" enclosures TEXT, related TEXT,"
	" UNIQUE (feed_id, guid));"
	"CREATE TABLE item_bodies ("
	" id INTEGER PRIMARY KEY,"
	" content TEXT,"
	" text TEXT NOT NULL DEFAULT '');"
	"INSERT INTO items_new (" ITEM_COLUMNS_6 ") SELECT " ITEM_COLUMNS_6
	" FROM items;"
	"INSERT INTO item_bodies (id, content, text)"
	" SELECT id, content, text FROM items;"
	"DROP TABLE items_fts;"
	"DROP TABLE items;"
	"ALTER TABLE items_new RENAME TO items;"
	"CREATE INDEX items_date ON items(sort_date DESC, id DESC, feed_id);"
	"CREATE INDEX items_feed_date ON items(feed_id, sort_date DESC, id DESC);"
	"CREATE INDEX items_link ON items(link);"
	"CREATE INDEX items_title ON items(title);"
	"CREATE INDEX items_unread ON items(sort_date DESC, id DESC, feed_id)"
	" WHERE read = 0;"
	"CREATE INDEX items_feed_unread ON items(feed_id) WHERE read = 0;"
	"CREATE INDEX items_starred ON items(sort_date DESC, id DESC, feed_id)"
	" WHERE starred = 1;"
	"CREATE VIEW item_docs AS SELECT i.id AS id, i.title AS title,"
	" b.text AS text FROM items i JOIN item_bodies b ON b.id = i.id;"
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, text,"
	" content='item_docs', content_rowid='id',"
	" tokenize='unicode61 remove_diacritics 2', prefix='2 3');"
	"INSERT INTO items_fts(items_fts) VALUES ('rebuild');"
	/* store_feed_update writes the index itself, in its transaction:
	 * an FTS5 write inside a trigger runs in a statement savepoint,
	 * which makes FTS5 flush its pending terms row by row (3 times the
	 * CPU of a refresh, bench/README.md "refresh").  Deletes (retention,
	 * a removed feed, cascades) go through this trigger, which takes the
	 * body and the index entry with the item. */
	"CREATE TRIGGER items_delete BEFORE DELETE ON items BEGIN"
	" INSERT INTO items_fts(items_fts, rowid, title, text) VALUES"
	"  ('delete', old.id, old.title,"
	"  (SELECT text FROM item_bodies WHERE id = old.id));"
	" DELETE FROM item_bodies WHERE id = old.id;"
	" END;",

	/* 7: each feed's item and unread counts, kept by SQLite.  The feed
	 * list counted them per feed on every start: two count(*) over the
	 * items of each feed, 16-24 ms of CPU on 100,000 articles
	 * (bench/README.md "startup").  Every path that drops or marks
	 * items (retention, a removed feed's cascade, read toggles,
	 * mark-feed-read) goes through COUNT_TRIGGERS; new items are counted
	 * by the refresh that adds them (ST_FEED_UPDATED). */
	"ALTER TABLE feeds ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feeds SET"
	" item_count = (SELECT count(*) FROM items WHERE feed_id = feeds.id),"
	" unread_count = (SELECT count(*) FROM items"
	"  WHERE feed_id = feeds.id AND read = 0);"
	COUNT_TRIGGERS,

	/* 8: no index on titles.  Every new article paid for one in each
	 * refresh (12% of the pages a refresh writes, bench/README.md
	 * "refresh") for the Read-also pane's lookup of an entry that has
	 * a title but no link, which the search index now answers
	 * (store_item_lookup). */
	"DROP INDEX items_title;",
};

/* A step for each version, no more, no less. */
typedef char migrations_match_version[
    ARRAYSIZE(migrations) == STORE_SCHEMA_VERSION ? 1 : -1];

/* Prepared once per connection, by enum store_stmt. */
static const char *const stmt_sql[ST_LAST] = {
	[ST_FEED_INSERT] = "INSERT INTO feeds (url, custom_title, position)"
	    " VALUES (?1, ?2, ?3)",
	[ST_FEED_FIND] = "SELECT id FROM feeds WHERE url = ?1",
	[ST_FEED_DELETE] = "DELETE FROM feeds WHERE url = ?1",
	[ST_FEED_STARRED] = "SELECT count(*) FROM items WHERE starred = 1"
	    " AND feed_id = (SELECT id FROM feeds WHERE url = ?1)",
	[ST_TAGS_CLEAR] = "DELETE FROM feed_tags WHERE feed_id = ?1",
	[ST_TAG_INSERT] = "INSERT OR IGNORE INTO feed_tags (feed_id, tag)"
	    " VALUES (?1, ?2)",
	[ST_ITEM_FIND] = "SELECT i.id, i.title IS ?3 AND i.link IS ?4"
	    " AND i.author IS ?5 AND i.published IS ?6 AND i.updated IS ?7"
	    " AND b.content IS ?8 AND i.content_is_text = ?9"
	    " AND i.enclosures IS ?10 AND i.related IS ?11"
	    " FROM items i LEFT JOIN item_bodies b ON b.id = i.id"
	    " WHERE i.feed_id = ?1 AND i.guid = ?2",
	/* The only INSERT into items: ST_FEED_UPDATED counts what it adds
	 * (COUNT_TRIGGERS). */
	[ST_ITEM_INSERT] = "INSERT INTO items (feed_id, guid, title, link,"
	    " author, published, updated, content_is_text, enclosures,"
	    " related, sort_date, fetched_at, last_seen)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?10, ?11,"
	    " COALESCE(?6, ?7, ?13), ?13, ?13)",
	[ST_ITEM_UPDATE] = "UPDATE items SET title = ?3, link = ?4,"
	    " author = ?5, published = ?6, updated = ?7,"
	    " content_is_text = ?9, enclosures = ?10, related = ?11,"
	    " sort_date = COALESCE(?6, ?7, fetched_at),"
	    " last_seen = ?13 WHERE id = ?1",
	[ST_BODY_INSERT] = "INSERT INTO item_bodies (id, content, text)"
	    " VALUES (?1, ?2, ?3)",
	[ST_BODY_UPDATE] = "UPDATE item_bodies SET content = ?2, text = ?3"
	    " WHERE id = ?1",
	[ST_OLD_DOC] = "SELECT i.title, b.text FROM items i"
	    " JOIN item_bodies b ON b.id = i.id WHERE i.id = ?1",
	[ST_FTS_INSERT] = "INSERT INTO items_fts (rowid, title, text)"
	    " VALUES (?1, ?2, ?3)",
	[ST_FTS_DELETE] = "INSERT INTO items_fts (items_fts, rowid, title,"
	    " text) VALUES ('delete', ?1, ?2, ?3)",
	[ST_ITEM_SEEN] = "UPDATE items SET last_seen = ?2 WHERE id = ?1",
	[ST_FEED_UPDATED] = "UPDATE feeds SET title = COALESCE(?2, title),"
	    " site = COALESCE(?3, site), etag = ?4, last_modified = ?5,"
	    " item_count = item_count + ?7, unread_count = unread_count + ?7,"
	    " last_success = ?6, last_attempt = ?6, last_error = NULL"
	    " WHERE id = ?1",
	[ST_RETAIN] = "DELETE FROM items WHERE feed_id = ?1 AND read = 1"
	    " AND starred = 0 AND last_seen < ?2 AND ("
	    " (?3 > 0 AND sort_date < ?2 - ?3 * 86400) OR"
	    " (?4 > 0 AND id NOT IN (SELECT id FROM items WHERE feed_id = ?1"
	    "  ORDER BY sort_date DESC, id DESC LIMIT ?4)))",
};

int64_t
store_now(const struct store *s)
{
	return s->now != 0 ? s->now : (int64_t)time(NULL);
}

void
store_set_time(struct store *s, int64_t now)
{
	s->now = now;
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *
store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s;

	if ((s = sqlite3_column_text(st, i)) == NULL)
		return NULL;
	return xstrdup((const char *)s);
}

/* Advice for the failures a person can act on; NULL for the rest. */
static char *
advice(const char *path, int code, const char *msg)
{
	char *s = NULL;

	switch (code & 0xff) {
	case SQLITE_CORRUPT:
		xasprintf(&s, "the cache %s is damaged (%s); herald leaves it "
		    "as it is: move it away to start a new cache (herald "
		    "refresh fills it again), or try to save its articles "
		    "with: sqlite3 '%s' .recover", path, msg, path);
		break;
	case SQLITE_NOTADB:
		xasprintf(&s, "%s is not an SQLite database, so not a herald "
		    "cache; herald leaves it as it is: move it away, or name "
		    "another file with --cache", path);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		xasprintf(&s, "the cache %s stayed busy for %d s (another "
		    "program holds it); try again when it is done", path,
		    STORE_BUSY_MS / 1000);
		break;
	case SQLITE_FULL:
		xasprintf(&s, "the cache %s could not be written: the disk "
		    "holding it is full, or a file size limit was reached; "
		    "what was cached is kept", path);
		break;
	case SQLITE_READONLY:
		xasprintf(&s, "the cache %s cannot be written (%s)", path, msg);
		break;
	}
	return s;
}

int
store_fail(struct store *s, const char *what, char **cause)
{
	int code = sqlite3_extended_errcode(s->db);
	const char *msg = sqlite3_errmsg(s->db);
	char *a;

	/* A write that failed is most often a full disk (or a file size
	 * limit): SQLite says "disk I/O error" (and keeps the errno only
	 * for the first failure), so the person is told what to check. */
	if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
	    code == SQLITE_IOERR_TRUNCATE)
		code = SQLITE_FULL;

	if ((a = advice(s->path, code, msg)) != NULL) {
		if (cause != NULL)
			*cause = a;
		else
			free(a);
		return -1;
	}
	return set_cause(cause, "%s: %s: %s", s->path, what, msg);
}

int
store_exec(struct store *s, const char *sql, char **cause)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, "cannot update the cache", cause);
	return 0;
}

/* Inside a group these leave the transaction to store_group_end; a
 * failure rolls the whole group back, and the writes after it in the
 * group are refused. */
int
store_begin(struct store *s, char **cause)
{
	if (s->group && s->group_failed)
		return set_cause(cause, "an earlier write in the same "
		    "transaction failed");
	if (s->group)
		return 0;
	return store_exec(s, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *s, char **cause)
{
	if (s->group)
		return 0;
	if (store_exec(s, "COMMIT", cause) == -1) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	if (s->group)
		s->group_failed = 1;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_group_begin(struct store *s, char **cause)
{
	if (store_begin(s, cause) == -1)
		return -1;
	s->group = 1;
	s->group_failed = 0;
	return 0;
}

int
store_group_end(struct store *s, char **cause)
{
	int failed = s->group_failed;

	s->group = s->group_failed = 0;
	if (failed) {
		store_rollback(s);
		return set_cause(cause, "a write in the transaction failed");
	}
	return store_commit(s, cause);
}

int
store_write_one(struct store *s, sqlite3_stmt *st, const char *what,
    int *changes, char **cause)
{
	int rc;

	if (store_begin(s, cause) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, what, cause);
		store_rollback(s);
		return -1;
	}
	if (changes != NULL)
		*changes = sqlite3_changes(s->db);
	return store_commit(s, cause);
}

sqlite3_stmt *
store_stmt(struct store *s, enum store_stmt which, char **cause)
{
	sqlite3_stmt *st = s->stmts[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			store_fail(s, "cannot prepare a query", cause);
			return NULL;
		}
		s->stmts[which] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* herald_plain_text(content, is_text): the migration to version 2 indexes
 * articles already cached with the same text a new update would give. */
static void
sql_plain_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *c = (const char *)sqlite3_value_text(argv[0]);
	char *t;

	t = store_plain_text(c, sqlite3_value_int(argv[1]));
	sqlite3_result_text(ctx, t, -1, free);
}

/* One integer from a PRAGMA or a count. */
static int
query_int(struct store *s, const char *sql, int64_t *out, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, "cannot read the cache", cause);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "cannot read the cache", cause);
	return 0;
}

/* Runs steps from..to-1 of migrations[] in one transaction. */
static int
migrate(struct store *s, int to, char **cause)
{
	int64_t version;
	char *sql;
	int v;

	if (store_begin(s, cause) == -1)
		return -1;
	/* Another process may have migrated while this one waited. */
	if (query_int(s, "PRAGMA user_version", &version, cause) == -1)
		goto fail;
	for (v = (int)version; v < to; v++) {
		if (store_exec(s, migrations[v], cause) == -1)
			goto fail;
	}
	xasprintf(&sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
	    v > (int)version ? v : (int)version, STORE_APP_ID);
	v = store_exec(s, sql, cause);
	free(sql);
	if (v == -1)
		goto fail;
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

/* Checks the first bytes before SQLite sees the file, so a file that is
 * something else gets a plain message and is never touched. */
static int
check_header(const char *path, int *exists, char **cause)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	ssize_t n;
	int fd;

	*exists = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 0;
		return set_cause(cause, "cannot open the cache %s: %s", path,
		    strerror(errno));
	}
	*exists = 1;
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof head) != 0)
		return set_cause(cause, "%s is not an SQLite database, so not "
		    "a herald cache; herald leaves it as it is: move it away, "
		    "or name another file with --cache", path);
	return 0;
}

/* Turns a new cache to WAL.  The switch needs the file to itself, and
 * when several processes make the same new cache at once SQLite answers
 * "busy" at once rather than wait (waiting could deadlock), so it is
 * tried again for as long as the busy timeout. */
static int
use_wal(struct store *s, char **cause)
{
	int tries, rc = SQLITE_OK;

	for (tries = 0; tries < STORE_BUSY_MS / 10; tries++) {
		rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		usleep(10000);
	}
	if (rc != SQLITE_OK)
		return store_fail(s, "cannot use a write-ahead log", cause);
	return store_exec(s, "PRAGMA synchronous = NORMAL", cause);
}

/* Refuses files that are not ours or are newer than this herald. */
static int
check_version(struct store *s, int64_t *version, char **cause)
{
	int64_t app, tables;
	sqlite3_stmt *st;
	int rc;

	/* One statement, so one snapshot: read apart, another process
	 * creating the cache could commit between "not ours" and "has
	 * tables". */
	if (sqlite3_prepare_v2(s->db, "SELECT"
	    " (SELECT application_id FROM pragma_application_id),"
	    " (SELECT user_version FROM pragma_user_version),"
	    " (SELECT count(*) FROM sqlite_master)", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, "cannot read the cache", cause);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int64(st, 1);
		tables = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, "cannot read the cache", cause);
	if (app != STORE_APP_ID && tables != 0)
		return set_cause(cause, "%s is an SQLite database but not a "
		    "herald cache; herald leaves it as it is: name another "
		    "file with --cache", s->path);
	if (*version > STORE_SCHEMA_VERSION)
		return set_cause(cause, "the cache %s was written by a newer "
		    "herald (schema %lld; this one knows up to %d); it is left "
		    "as it is: upgrade herald, or name another file with "
		    "--cache", s->path, (long long)*version,
		    STORE_SCHEMA_VERSION);
	return 0;
}

static void
setup_db(struct store *s)
{
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	sqlite3_create_function(s->db, "herald_plain_text", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_plain_text, NULL,
	    NULL);
}

/* The last failure was SQLite unable to set up WAL's shared memory. */
static int
cannot_share(struct store *s)
{
	int code = sqlite3_extended_errcode(s->db) & 0xff;

	return code == SQLITE_READONLY || code == SQLITE_CANTOPEN;
}

/* Opens s->path again as an immutable file (a URI, escaped). */
static int
reopen_immutable(struct store *s)
{
	struct buf uri;
	const char *p;

	sqlite3_close(s->db);
	s->db = NULL;
	buf_init(&uri, 0);
	buf_adds(&uri, "file:");
	for (p = s->path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02x", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	}
	buf_adds(&uri, "?immutable=1");
	if (sqlite3_open_v2(uri.data, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		buf_free(&uri);
		if (s->db == NULL)
			fatal("out of memory (sqlite3_open)");
		return -1;
	}
	buf_free(&uri);
	setup_db(s);
	return 0;
}

/* Opens the file, checks it, and brings it to version `to` (unless
 * read-only). */
static int
open_at(const char *path, int flags, int to, struct store **out,
    char **cause)
{
	struct store *s;
	int64_t version;
	int exists, oflags;
	char *dir, *slash;

	*out = NULL;
	/* A second connection must not open and close the file itself:
	 * closing any descriptor of it drops every POSIX lock the process
	 * holds on it, the first connection's too, and another process
	 * could then take the cache for unused and remove its log.  The
	 * first open made the checks. */
	if (flags & STORE_AGAIN)
		exists = 1;
	else if (check_header(path, &exists, cause) == -1)
		return -1;
	if ((flags & STORE_READONLY) && !exists)
		return set_cause(cause, "there is no cache at %s yet: run "
		    "herald refresh first", path);
	if (!exists && (slash = strrchr(path, '/')) != NULL && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		exists = make_dirs(dir, cause);
		free(dir);
		if (exists == -1)
			return -1;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->flags = flags;
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		if (s->db == NULL)
			fatal("out of memory (sqlite3_open)");
		store_fail(s, "cannot open the cache", cause);
		goto fail;
	}
	setup_db(s);
	if (check_version(s, &version, cause) == -1) {
		/* A WAL cache in a folder we may not write cannot get its
		 * -shm file; nobody can change it there, so read it as
		 * immutable rather than not at all. */
		if (!(flags & STORE_READONLY) || !cannot_share(s) ||
		    reopen_immutable(s) == -1)
			goto fail;
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		if (check_version(s, &version, cause) == -1)
			goto fail;
	}
	if (flags & STORE_READONLY) {
		if (version < to) {
			set_cause(cause, "the cache %s is from an older herald "
			    "(schema %lld) and needs upgrading: run herald once "
			    "with write access to it", path, (long long)version);
			goto fail;
		}
	} else {
		if (use_wal(s, cause) == -1)
			goto fail;
		/* Foreign keys stay off while a step rebuilds a table, as
		 * SQLite's ALTER TABLE advice has it. */
		if (version < to && migrate(s, to, cause) == -1)
			goto fail;
	}
	if (store_exec(s, "PRAGMA foreign_keys = ON", cause) == -1)
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(&s);
	return -1;
}

int
store_open(const char *path, int flags, struct store **out, char **cause)
{
	if (open_at(path, flags, STORE_SCHEMA_VERSION, out, cause) == -1)
		return -1;
	(*out)->max_items = 0;
	(*out)->keep_days = 0;
	return 0;
}

int
store_open_again(const struct store *s, struct store **out, char **cause)
{
	if (open_at(s->path, s->flags | STORE_AGAIN, STORE_SCHEMA_VERSION,
	    out, cause) == -1)
		return -1;
	(*out)->max_items = s->max_items;
	(*out)->keep_days = s->keep_days;
	(*out)->now = s->now;
	/* A refresh writes many small transactions: checkpointing every
	 * 1000 pages (SQLite's default) copied the same index pages into
	 * the cache file again and again and synced the disk ~80 times for
	 * 200 feeds.  Every 8000 pages (32 MB of log at most), with the log
	 * cut back to 4 MB after each, it is a handful. */
	if (!(s->flags & STORE_READONLY)) {
		sqlite3_wal_autocheckpoint((*out)->db, 8000);
		if (store_exec(*out, "PRAGMA journal_size_limit = 4194304",
		    cause) == -1) {
			store_close(out);
			return -1;
		}
	}
	return 0;
}

int
store_create_version(const char *path, int version, char **cause)
{
	struct store *s;

	if (version < 1 || version > STORE_SCHEMA_VERSION)
		return set_cause(cause, "no schema version %d", version);
	if (open_at(path, 0, version, &s, cause) == -1)
		return -1;
	store_close(&s);
	return 0;
}

void
store_set_retention(struct store *s, int max_items, int keep_days)
{
	s->max_items = max_items > 0 ? max_items : 0;
	s->keep_days = keep_days > 0 ? keep_days : 0;
}

void
store_close(struct store **sp)
{
	struct store *s = *sp;
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < ST_LAST; i++)
		sqlite3_finalize(s->stmts[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
	*sp = NULL;
}
