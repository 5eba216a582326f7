/* refresh.c: fetch → feed_parser → store, one feed at a time per slot.
 *
 * Each queued feed is a struct refresh_feed.  Its body goes straight into
 * a push parser as the bytes arrive; the parser hands over finished items,
 * which are kept (not the bytes) until the transfer ends; then the whole
 * feed is written in one store transaction.  Whatever fails on the way
 * (the transfer, the parse, the write) becomes store_feed_failed with the
 * words, and the items already cached stay as they were. */
#include "config.h"

#include "refresh.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "feed.h"
#include "urls.h"
#include "util.h"

/* Items kept from one document; past this they are dropped (with a word),
 * so a hostile feed of tiny items cannot grow memory without bound. */
#define REFRESH_MAX_ITEMS	10000

struct refresh_feed {
	struct refresh	*r;
	struct refresh_feed *next;	/* in r->active or r->skipped */

	int64_t		 id;
	char		*url;
	char		*title;		/* as the store shows it */
	char		*custom_title;
	char		*skip;		/* why it is not fetched, or NULL */

	struct feed_parser *parser;
	struct feed_item **items;	/* taken from the parser */
	size_t		 nitems;
	size_t		 itemsize;
	size_t		 dropped;	/* items past REFRESH_MAX_ITEMS */
	char		*parse_error;
	int64_t		 bytes;
};

struct refresh {
	struct store	*store;
	struct refresh_opts opts;
	refresh_feed_cb	 cb;
	void		*arg;
	struct fetch	*fetch;
	struct refresh_feed *active;	/* queued or running */
	struct refresh_feed *skipped;	/* to report from the next step */
	struct refresh_progress prog;
};

int64_t
refresh_retry_time(const char *last_error, int64_t last_attempt)
{
	const char *p;
	char *end;
	long long n;

	if (last_error == NULL || (p = strstr(last_error, "retry after ")) ==
	    NULL)
		return 0;
	errno = 0;
	n = strtoll(p + 12, &end, 10);
	if (errno != 0 || end == p + 12 || strncmp(end, " s", 2) != 0 ||
	    n <= 0 || n > 86400)
		return 0;
	return last_attempt + n;
}

static void
refresh_feed_free(struct refresh_feed *rf)
{
	size_t i;

	if (rf == NULL)
		return;
	feed_parser_free(rf->parser);
	for (i = 0; i < rf->nitems; i++)
		feed_item_free(rf->items[i]);
	free(rf->items);
	free(rf->url);
	free(rf->title);
	free(rf->custom_title);
	free(rf->skip);
	free(rf->parse_error);
	free(rf);
}

static void
refresh_unlink(struct refresh_feed **list, struct refresh_feed *rf)
{
	for (; *list != NULL; list = &(*list)->next) {
		if (*list == rf) {
			*list = rf->next;
			rf->next = NULL;
			return;
		}
	}
}

/* An item the parser finished: moved out of the parser's hands. */
static int
refresh_item(struct feed_item *item, void *arg)
{
	struct refresh_feed *rf = arg;
	struct feed_item *mine;

	if (rf->nitems >= REFRESH_MAX_ITEMS) {
		rf->dropped++;
		return 0;
	}
	if (rf->nitems == rf->itemsize) {
		rf->itemsize = rf->itemsize == 0 ? 64 : rf->itemsize * 2;
		rf->items = xreallocarray(rf->items, rf->itemsize,
		    sizeof *rf->items);
	}
	mine = xmalloc(sizeof *mine);
	*mine = *item;
	memset(item, 0, sizeof *item);
	rf->items[rf->nitems++] = mine;
	return 0;
}

/* The body starts: the parser resolves links against where it came from. */
static void
refresh_start(const char *url, void *arg)
{
	struct refresh_feed *rf = arg;

	if (rf->parser == NULL)
		rf->parser = feed_parser_new(url, refresh_item, rf);
}

static int
refresh_data(const char *data, size_t len, void *arg)
{
	struct refresh_feed *rf = arg;

	if (rf->parser == NULL)
		rf->parser = feed_parser_new(rf->url, refresh_item, rf);
	rf->bytes += (int64_t)len;
	rf->r->prog.bytes += (int64_t)len;
	if (feed_parser_push(rf->parser, data, len, &rf->parse_error) == -1)
		return -1;
	return 0;
}

/* Tell the caller, count, and forget the feed. */
static void
refresh_report(struct refresh *r, struct refresh_feed *rf,
    struct refresh_feed_result *res)
{
	struct refresh_progress *p = &r->prog;

	res->feed_id = rf->id;
	res->url = rf->url;
	res->bytes = rf->bytes;
	if (res->title == NULL)
		res->title = rf->custom_title != NULL ? rf->custom_title :
		    rf->title;
	p->done++;
	switch (res->outcome) {
	case REFRESH_UPDATED:
		p->updated++;
		p->new_items += res->added;
		break;
	case REFRESH_UNCHANGED:
		p->unchanged++;
		break;
	case REFRESH_FAILED:
		p->failed++;
		break;
	case REFRESH_SKIPPED:
		p->skipped++;
		break;
	}
	if (r->cb != NULL)
		r->cb(res, r->arg);
	refresh_feed_free(rf);
}

/* A failure in words, kept in the cache next to the feed's items. */
static void
refresh_failed(struct refresh *r, struct refresh_feed *rf, const char *why)
{
	struct refresh_feed_result res;
	char *cause = NULL, *both = NULL;

	memset(&res, 0, sizeof res);
	res.outcome = REFRESH_FAILED;
	res.message = why;
	if (store_feed_failed(r->store, rf->id, why, &cause) == -1) {
		xasprintf(&both, "%s (and the cache could not note it: %s)",
		    why, cause);
		res.message = both;
	}
	refresh_report(r, rf, &res);
	free(cause);
	free(both);
}

/* A permanent redirect: the new address goes to the cache and the urls
 * file.  Returns the words to show when it could not be saved. */
static char *
refresh_move(struct refresh *r, struct refresh_feed *rf, const char *to)
{
	char *cause = NULL, *why = NULL;

	if (store_feed_move(r->store, rf->id, to, &cause) == -1 ||
	    (r->opts.urls_path != NULL && urls_replace_url(r->opts.urls_path,
	    rf->url, to, &cause) == -1)) {
		xasprintf(&why, "moved permanently to %s, but it could not be "
		    "saved: %s", to, cause);
		free(cause);
	}
	return why;
}

/* A body arrived whole: finish the parse and write the feed. */
static void
refresh_store(struct refresh *r, struct refresh_feed *rf,
    const struct fetch_result *fr)
{
	struct refresh_feed_result res;
	const struct feed_meta *meta;
	const char *const *warn;
	struct feed feed;
	char *cause = NULL, *why = NULL, *move = NULL;
	size_t nwarn = 0;
	int added = 0;

	if (rf->parser == NULL)
		rf->parser = feed_parser_new(fr->final_url, refresh_item, rf);
	if (feed_parser_finish(rf->parser, &cause) == -1) {
		refresh_failed(r, rf, cause != NULL ? cause : "not a feed");
		free(cause);
		return;
	}
	meta = feed_parser_meta(rf->parser);
	memset(&feed, 0, sizeof feed);
	feed.meta = *meta;		/* borrowed: the parser frees it */
	feed.items = rf->items;
	feed.nitems = rf->nitems;
	if (store_feed_update(r->store, rf->id, &feed, fr->etag,
	    fr->last_modified, &added, &cause) == -1) {
		xasprintf(&why, "cannot store the feed: %s", cause);
		refresh_failed(r, rf, why);
		free(why);
		free(cause);
		return;
	}
	memset(&res, 0, sizeof res);
	res.outcome = REFRESH_UPDATED;
	res.added = added;
	res.items = (int)rf->nitems;
	if (rf->custom_title == NULL && meta->title != NULL)
		res.title = meta->title;
	if (fr->moved_to != NULL) {
		res.moved_to = fr->moved_to;
		move = refresh_move(r, rf, fr->moved_to);
	}
	warn = feed_parser_warnings(rf->parser, &nwarn);
	if (move == NULL && rf->dropped > 0)
		xasprintf(&move, "only the first %d items were kept (%zu more "
		    "were dropped)", REFRESH_MAX_ITEMS, rf->dropped);
	else if (move == NULL && nwarn > 0)
		xasprintf(&move, "read despite a problem: %s", warn[0]);
	res.message = move;
	refresh_report(r, rf, &res);
	free(move);
}

/* The fetcher's word on one feed. */
static void
refresh_done(const struct fetch_result *fr, void *arg)
{
	struct refresh_feed *rf = arg;
	struct refresh *r = rf->r;
	struct refresh_feed_result res;
	char *cause = NULL, *move = NULL;

	refresh_unlink(&r->active, rf);
	switch (fr->status) {
	case FETCH_FAILED:
		refresh_failed(r, rf, rf->parse_error != NULL ?
		    rf->parse_error : fr->error);
		return;
	case FETCH_NOT_MODIFIED:
		memset(&res, 0, sizeof res);
		res.outcome = REFRESH_UNCHANGED;
		if (store_feed_unchanged(r->store, rf->id, &cause) == -1)
			res.message = cause;
		else if (fr->moved_to != NULL) {
			res.moved_to = fr->moved_to;
			res.message = move = refresh_move(r, rf, fr->moved_to);
		}
		refresh_report(r, rf, &res);
		free(cause);
		free(move);
		return;
	case FETCH_OK:
		refresh_store(r, rf, fr);
		return;
	}
}

int
refresh_new(struct store *store, const struct refresh_opts *opts,
    refresh_feed_cb cb, void *arg, struct refresh **out, char **cause)
{
	struct refresh *r;

	r = xcalloc(1, sizeof *r);
	if (opts != NULL)
		r->opts = *opts;
	if (fetch_new(&r->opts.limits, refresh_done, &r->fetch, cause) ==
	    -1) {
		free(r);
		*out = NULL;
		return -1;
	}
	r->store = store;
	r->cb = cb;
	r->arg = arg;
	*out = r;
	return 0;
}

static void
refresh_free_list(struct refresh_feed *rf)
{
	struct refresh_feed *next;

	for (; rf != NULL; rf = next) {
		next = rf->next;
		refresh_feed_free(rf);
	}
}

void
refresh_cleanup(struct refresh **rp)
{
	struct refresh *r = *rp;

	if (r == NULL)
		return;
	fetch_cleanup(&r->fetch);
	refresh_free_list(r->active);
	refresh_free_list(r->skipped);
	free(r);
	*rp = NULL;
}

static int
refresh_is_network(const char *url)
{
	return cli_is_url(url) && strncasecmp(url, "file:", 5) != 0;
}

/* Why a feed is not to be asked now, or NULL. */
static char *
refresh_skip_reason(const struct refresh *r, const struct store_feed *sf)
{
	int64_t when, now = (int64_t)time(NULL);
	char *why;

	if (r->opts.offline && refresh_is_network(sf->url))
		return xstrdup("not fetched (--offline)");
	when = refresh_retry_time(sf->last_error, sf->last_attempt);
	if (when > now) {
		xasprintf(&why, "not asked: the server said to retry after "
		    "%lld s more", (long long)(when - now));
		return why;
	}
	return NULL;
}

void
refresh_add(struct refresh *r, const struct store_feed *sf)
{
	struct fetch_request req;
	struct refresh_feed *rf;

	for (rf = r->active; rf != NULL; rf = rf->next) {
		if (rf->id == sf->id)
			return;
	}
	for (rf = r->skipped; rf != NULL; rf = rf->next) {
		if (rf->id == sf->id)
			return;
	}
	rf = xcalloc(1, sizeof *rf);
	rf->r = r;
	rf->id = sf->id;
	rf->url = xstrdup(sf->url);
	rf->title = sf->title != NULL ? xstrdup(sf->title) : NULL;
	rf->custom_title = sf->custom_title != NULL ?
	    xstrdup(sf->custom_title) : NULL;
	r->prog.total++;
	if ((rf->skip = refresh_skip_reason(r, sf)) != NULL) {
		rf->next = r->skipped;
		r->skipped = rf;
		return;
	}
	rf->next = r->active;
	r->active = rf;
	memset(&req, 0, sizeof req);
	req.url = sf->url;
	req.etag = sf->etag;
	req.last_modified = sf->last_modified;
	req.data = refresh_data;
	req.start = refresh_start;
	req.arg = rf;
	fetch_add(r->fetch, &req);
}

static int
refresh_matches(const struct store_feed *sf, const char *match)
{
	size_t i;

	if (match == NULL || strcmp(sf->url, match) == 0)
		return 1;
	for (i = 0; i < sf->ntags; i++) {
		if (strcmp(sf->tagv[i], match) == 0)
			return 1;
	}
	return 0;
}

int
refresh_add_matching(struct refresh *r, const char *match, size_t *n,
    char **cause)
{
	struct store_feed *v;
	size_t nv, i, added = 0;

	if (store_feeds(r->store, &v, &nv, cause) == -1)
		return -1;
	for (i = 0; i < nv; i++) {
		if (refresh_matches(&v[i], match)) {
			refresh_add(r, &v[i]);
			added++;
		}
	}
	store_feeds_free(v, nv);
	if (n != NULL)
		*n = added;
	return 0;
}

static void
refresh_report_skipped(struct refresh *r)
{
	struct refresh_feed_result res;
	struct refresh_feed *rf;

	while ((rf = r->skipped) != NULL) {
		r->skipped = rf->next;
		memset(&res, 0, sizeof res);
		res.outcome = REFRESH_SKIPPED;
		res.message = rf->skip;
		refresh_report(r, rf, &res);
	}
}

int
refresh_fds(struct refresh *r, struct pollfd *fds, size_t max, size_t *n,
    int *timeout_ms)
{
	int rc;

	rc = fetch_fds(r->fetch, fds, max, n, timeout_ms);
	if (r->skipped != NULL)
		*timeout_ms = 0;
	return rc;
}

void
refresh_step(struct refresh *r, const struct pollfd *fds, size_t n)
{
	refresh_report_skipped(r);
	fetch_step(r->fetch, fds, n);
}

int
refresh_finished(const struct refresh *r)
{
	return r->prog.done == r->prog.total;
}

const struct refresh_progress *
refresh_progress(const struct refresh *r)
{
	return &r->prog;
}

void
refresh_wait(struct refresh *r, void (*tick)(void *), void *arg)
{
	struct pollfd *fds = NULL;
	size_t size = 64, n;
	int timeout;

	fds = xreallocarray(NULL, size, sizeof *fds);
	while (!refresh_finished(r)) {
		if (refresh_fds(r, fds, size, &n, &timeout) == -1) {
			size *= 2;
			fds = xreallocarray(fds, size, sizeof *fds);
			continue;
		}
		if (timeout < 0 || timeout > 100)
			timeout = 100;
		if (poll(fds, n, timeout) == -1 && errno != EINTR)
			n = 0;
		refresh_step(r, fds, n);
		if (tick != NULL)
			tick(arg);
	}
	free(fds);
}
