/* refresh.h: feeds fetched, parsed as their bytes arrive, and stored.
 *
 * A refresh joins the three: fetch (many transfers on one curl multi
 * handle) → feed_parser (fed each chunk as it comes) → store (one
 * transaction per feed).  Like the fetcher it never blocks, so the reader
 * drives it from its own poll loop:
 *
 *	refresh_new(store, &opts, feed_done, ui, &r, &cause);
 *	refresh_add_matching(r, NULL, NULL, &cause);	(every feed)
 *	while (!refresh_finished(r)) {
 *		refresh_fds(r, fds + 1, max - 1, &n, &timeout);
 *		fds[0] = stdin ...;
 *		poll(fds, n + 1, timeout);
 *		refresh_step(r, fds + 1, n);	(feed_done runs from here)
 *		... keys, redraw with refresh_progress(r) ...
 *	}
 *	refresh_cleanup(&r);
 *
 * A feed that cannot be fetched or parsed gets store_feed_failed with the
 * words and keeps every item it had; a 304 costs no parse and no write
 * (unless it clears an earlier error or comes from a new address); a
 * permanent redirect moves the stored URL (store_feed_move) and is told
 * once, in moved_to.  A feed that answered 429 or 503 with Retry-After is
 * not asked again before that time (the delay is kept in its last error).
 * The items of one document are kept in memory until it ends (at most
 * 10000 of them; more are dropped, with a word), never its bytes.
 *
 * The writes happen on a thread of the refresh's own, through a second
 * connection to the cache (store_open_again); the caller's store is only
 * read.  refresh_fds gives that thread's pipe as its first descriptor, so
 * the caller's poll wakes when a feed is written; feed_done still runs on
 * the caller's thread, from refresh_step. */
#ifndef HERALD_REFRESH_H
#define HERALD_REFRESH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "store.h"

struct refresh;

struct refresh_opts {
	struct fetch_limits limits;	/* zero fields: the defaults */
	int		 offline;	/* fetch only files; skip the network */
	/* The urls file, where a permanent redirect is written too (the file
	 * is the source of truth for which feeds exist); NULL: the cache
	 * only. */
	const char	*urls_path;
};

enum refresh_outcome {
	REFRESH_UPDATED,	/* fetched, parsed and stored */
	REFRESH_UNCHANGED,	/* 304 Not Modified */
	REFRESH_FAILED,		/* message says why; the cache kept its items */
	REFRESH_SKIPPED,	/* not fetched: --offline, or Retry-After */
};

/* One feed's outcome; valid only during the callback. */
struct refresh_feed_result {
	int64_t		 feed_id;
	const char	*url;		/* the address that was asked */
	const char	*title;		/* the feed's title, or NULL: show url */
	enum refresh_outcome outcome;
	const char	*moved_to;	/* the stored URL is now this, or NULL */
	int		 added;		/* items new to the cache */
	int		 items;		/* items in the document */
	int64_t		 bytes;		/* body bytes, decoded */
	const char	*message;	/* why it failed or was skipped, else
					   NULL (or a parser warning) */
};

/* Counts over the whole refresh, for a progress line. */
struct refresh_progress {
	size_t		 total;		/* feeds added */
	size_t		 done;		/* reported, whatever the outcome */
	size_t		 updated;
	size_t		 unchanged;
	size_t		 failed;
	size_t		 skipped;
	int64_t		 bytes;		/* received so far, running ones too */
	int64_t		 new_items;
};

typedef void (*refresh_feed_cb)(const struct refresh_feed_result *,
    void *arg);

/* The store stays the caller's and must outlive the refresh.  opts may be
 * NULL for the defaults; feed_done may be NULL. */
int refresh_new(struct store *, const struct refresh_opts *,
    refresh_feed_cb feed_done, void *arg, struct refresh **, char **cause);
/* Stop whatever runs (those feeds keep their cache as it was) and free. */
void refresh_cleanup(struct refresh **);

/* Queue one feed (its url, validators and id are copied).  A feed already
 * queued is not queued twice. */
void refresh_add(struct refresh *, const struct store_feed *);
/* Queue the feeds of the store whose URL is match or that carry the tag
 * match; every feed when match is NULL.  *n (may be NULL) gets how many
 * were queued.  Fails when the store cannot be read. */
int refresh_add_matching(struct refresh *, const char *match, size_t *n,
    char **cause);

/* Same shape as fetch_fds and fetch_step (see fetch.h). */
int refresh_fds(struct refresh *, struct pollfd *fds, size_t max,
    size_t *n, int *timeout_ms);
void refresh_step(struct refresh *, const struct pollfd *fds, size_t n);
/* True when every queued feed has been reported. */
int refresh_finished(const struct refresh *);
const struct refresh_progress *refresh_progress(const struct refresh *);
/* When a feed that failed with last_error at last_attempt may be asked
 * again (Unix seconds): later than last_attempt only after a "retry after
 * N s" (429, 503); 0 when it may be asked now. */
int64_t refresh_retry_time(const char *last_error, int64_t last_attempt);

/* Block until finished, calling tick (may be NULL) at least every
 * 100 ms so a progress line can move. */
void refresh_wait(struct refresh *, void (*tick)(void *), void *arg);

#endif
