/* store.h: the SQLite cache every view reads, online or offline.
 *
 * Feeds and their items, read and starred state, HTTP validators for
 * conditional GET, and a full-text index.  Writers keep transactions short
 * so a reader in another process never sees "database is locked". */
#ifndef HERALD_STORE_H
#define HERALD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"

struct store;

#define STORE_READONLY	0x1

struct store_feed {
	int64_t		 id;
	char		*url;
	char		*title;		/* custom title, else the feed's own */
	char		*site;		/* the site's link */
	char		*tags;		/* space-separated, or NULL */
	char		*etag;
	char		*last_modified;
	int64_t		 last_success;	/* Unix seconds, 0 never */
	int64_t		 last_attempt;
	char		*last_error;	/* NULL when the last refresh worked */
	int		 position;	/* order in the urls file */
	int64_t		 unread;
	int64_t		 total;
	/* Added fields. */
	char		*custom_title;	/* the urls file's "~Title", or NULL */
	char		*own_title;	/* what the feed calls itself, or NULL */
	char		**tagv;		/* the tags one by one (they may hold
					 * spaces, which "tags" cannot show) */
	size_t		 ntags;
};

/* One row of an article list: enough to draw it, not the content. */
struct store_row {
	int64_t		 id;
	int64_t		 feed_id;
	char		*title;
	char		*feed_title;
	char		*link;
	int64_t		 published;	/* FEED_NO_DATE when unknown */
	int		 read;
	int		 starred;
	/* Added fields. */
	int64_t		 sort_date;	/* the list's order: published, else
					 * updated, else first fetched */
};

/* One article with everything needed to render it. */
struct store_item {
	struct store_row row;
	char		*guid;
	char		*author;
	char		*content;
	int		 content_is_text;
	char		*feed_url;
	struct feed_link *related;
	size_t		 nrelated;
	struct feed_enclosure *enclosures;
	size_t		 nenclosures;
};

/* Which items a list shows.  Zero values mean "no restriction". */
struct store_query {
	int64_t		 feed_id;
	const char	*tag;
	int		 unread_only;
	int		 starred_only;
	const char	*search;	/* the person's query: words, "a phrase",
					 * prefix*, AND / OR / NOT, ( ) */
	/* Added fields. */
	int		 by_rank;	/* with search: best match first (bm25)
					 * among the newest STORE_RANK_WINDOW
					 * matches, rather than newest first */
	/* Keyset paging, newest first: only rows older than this one (its
	 * sort_date and id from the last row of the previous page).  Faster
	 * than an offset deep in a long list.  after_id 0: no restriction;
	 * ignored with by_rank. */
	int64_t		 after_date;
	int64_t		 after_id;
};

/* A ranked search scores this many of the newest matches, not all: a
 * word found in most of 100,000 articles would otherwise cost ~0.5 s. */
#define STORE_RANK_WINDOW	2000

/* The schema this herald writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION	8

int store_open(const char *path, int flags, struct store **, char **cause);
void store_close(struct store **);
/* Another connection to the same cache, with the same retention and
 * clock, for a thread of its own (a connection serves one thread).  It is
 * made for bulk writes: its log is checkpointed every 8000 pages, not
 * 1000. */
int store_open_again(const struct store *, struct store **, char **cause);
/* Retention, applied to a feed each time it is updated: keep at most
 * max_items items per feed and none older than keep_days (0: no limit).
 * Starred and unread items, and items the feed still lists, are kept. */
void store_set_retention(struct store *, int max_items, int keep_days);
/* For tests: the clock the store uses for fetched-at, last-seen and
 * retention (Unix seconds; 0 goes back to the real clock). */
void store_set_time(struct store *, int64_t now);
/* For tests: create a cache at an earlier schema version, as an older
 * herald would have left it. */
int store_create_version(const char *path, int version, char **cause);

/* Feeds. */
int store_feed_add(struct store *, const char *url, const char *tags,
    const char *custom_title, int64_t *id, char **cause);
/* Takes the feed's articles with it, starred ones too: ask first. */
int store_feed_remove(struct store *, const char *url, char **cause);
/* How many of the feed's articles are starred (0 for a feed not cached). */
int store_feed_starred(struct store *, const char *url, int64_t *n,
    char **cause);
int store_feeds(struct store *, struct store_feed **, size_t *, char **cause);
void store_feeds_free(struct store_feed *, size_t);
int store_feed_find(struct store *, const char *url, int64_t *id);
/* Make the cache's feeds mirror the urls file: new feeds added, titles,
 * tags and positions taken from it, feeds no longer listed hidden (their
 * items stay, and come back if the line does). */
struct urls;
int store_sync_feeds(struct store *, const struct urls *, char **cause);

/* A refresh's outcome for one feed, in one transaction: items upserted by
 * (feed, guid), validators saved, the error cleared.  *added counts the
 * items that were new. */
int store_feed_update(struct store *, int64_t feed_id, const struct feed *,
    const char *etag, const char *last_modified, int *added, char **cause);
/* Several feeds' writes in one transaction, for a refresh whose writer
 * finds more than one feed waiting: between store_group_begin and
 * store_group_end the calls above and below make no transaction of their
 * own.  store_group_end commits them all, or, when one of them failed,
 * none (and returns -1): each can then be written again on its own. */
int store_group_begin(struct store *, char **cause);
int store_group_end(struct store *, char **cause);
/* A failed refresh: the message is kept and nothing cached is touched. */
int store_feed_failed(struct store *, int64_t feed_id, const char *error,
    char **cause);
/* A 304: only the time of the attempt changes. */
int store_feed_unchanged(struct store *, int64_t feed_id, char **cause);
/* A permanent redirect. */
int store_feed_move(struct store *, int64_t feed_id, const char *url,
    char **cause);

/* Items, newest first, a page at a time. */
int store_rows(struct store *, const struct store_query *, int64_t offset,
    int limit, struct store_row **, size_t *, char **cause);
int store_count(struct store *, const struct store_query *, int64_t *total,
    int64_t *unread, char **cause);
void store_rows_free(struct store_row *, size_t);
int store_item_get(struct store *, int64_t id, struct store_item **,
    char **cause);
void store_item_free(struct store_item *);
/* For the Read-also pane: an item by its link, else by its title.  Returns
 * 1 and sets *id when found, 0 when not, -1 on error. */
int store_item_lookup(struct store *, const char *url, const char *title,
    int64_t *id, char **cause);

/* State.  Written at once. */
int store_set_read(struct store *, int64_t id, int read, char **cause);
int store_set_starred(struct store *, int64_t id, int starred, char **cause);
int store_mark_feed_read(struct store *, int64_t feed_id, char **cause);

#endif
