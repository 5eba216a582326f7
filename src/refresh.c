/* refresh.c: fetch → feed_parser → store, one feed at a time per slot.
 *
 * Each queued feed is a struct refresh_feed.  Its body goes straight into
 * a push parser as the bytes arrive; the parser hands over finished items,
 * which are kept (not the bytes) until the transfer ends; then the whole
 * feed is written in one store transaction.  Whatever fails on the way
 * (the transfer, the parse, the write) becomes store_feed_failed with the
 * words, and the items already cached stay as they were.
 *
 * The writes run on a thread of their own, with its own connection to the
 * cache: writing is most of a refresh's CPU (SQLite, the search index, the
 * log), and while one feed is written the next ones are fetched and
 * parsed on the caller's thread.  Every write of a refresh goes through
 * that thread, in order, as a struct refresh_job; its answer comes back
 * through a pipe the caller polls, and the caller's callback runs on the
 * caller's thread, as before.  Feeds that wait for the writer together
 * are written in one transaction (at most REFRESH_GROUP); should it fail,
 * each is written again in one of its own, so a feed's failure stays its
 * own. */
#include "config.h"

#include "refresh.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "feed.h"
#include "urls.h"
#include "util.h"

/* Items kept from one document; past this they are dropped (with a word),
 * so a hostile feed of tiny items cannot grow memory without bound. */
#define REFRESH_MAX_ITEMS	10000
/* Parsed feeds waiting for the writer; past this the sockets are not
 * read (the kernel and TCP hold the bytes), so memory stays bounded
 * however fast the network is. */
#define REFRESH_BACKLOG		20
/* Feeds waiting for the writer go into one transaction, up to this many.
 * A commit writes every page it touched to the log, and a feed's new
 * items touch leaves all over the date and link indexes (their keys come
 * in any order) and start a segment of the search index, which later
 * merges rewrite: for the 200 feeds of bench/refresh.sh one commit per
 * feed wrote 26,400 pages to the log, one per 8 feeds 12,500, one per 16
 * feeds 9,100, and the first refresh took 0.54 s instead of 1.0 (32: no
 * faster, 3 MB more; bench/README.md "refresh"). */
#define REFRESH_GROUP		16
/* ... and none joins a transaction open this long (ms): another process
 * (the reader marking an article read) waits for the writer's lock. */
#define REFRESH_GROUP_MS	100

struct refresh_feed {
	struct refresh	*r;
	struct refresh_feed *next;	/* in r->active or r->skipped */

	int64_t		 id;
	char		*url;
	char		*title;		/* as the store shows it */
	char		*custom_title;
	char		*skip;		/* why it is not fetched, or NULL */
	int		 had_error;	/* the cache holds a last error for it */

	struct feed_parser *parser;
	struct feed_item **items;	/* taken from the parser */
	size_t		 nitems;
	size_t		 itemsize;
	size_t		 dropped;	/* items past REFRESH_MAX_ITEMS */
	char		*parse_error;
	int64_t		 bytes;
};

/* One write the writer thread does for a feed, and what came of it. */
enum refresh_write {
	WRITE_UPDATE,		/* store the parsed feed */
	WRITE_UNCHANGED,	/* note the 304 */
	WRITE_FAILED,		/* note why it failed */
};

struct refresh_job {
	struct refresh_job *next;
	struct refresh_feed *rf;	/* the job's until it is reported */
	enum refresh_write what;
	char		*why;		/* WRITE_FAILED: the words */
	char		*etag;
	char		*last_modified;
	char		*moved_to;
	/* The writer's answer; res.message points at message or why. */
	struct refresh_feed_result res;
	char		*message;
};

/* The writer thread and the two queues it shares with the caller's
 * thread, both under lock: todo (caller → writer) and done (back). */
struct refresh_writer {
	pthread_t	 thread;
	int		 running;
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;
	int		 stop;
	struct refresh_job *todo;
	struct refresh_job **todo_tail;
	struct refresh_job *done;
	struct refresh_job **done_tail;
	int		 pipe[2];	/* a byte per answer, to wake poll */
	struct store	*store;		/* the writer's own connection */
	size_t		 backlog;	/* posted, not yet collected (caller's) */
};

struct refresh {
	struct store	*store;		/* the caller's: reads only */
	struct refresh_writer w;
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

static void
refresh_job_free(struct refresh_job *job)
{
	if (job == NULL)
		return;
	refresh_feed_free(job->rf);
	free(job->why);
	free(job->etag);
	free(job->last_modified);
	free(job->moved_to);
	free(job->message);
	free(job);
}

/* -- on the writer thread ------------------------------------------- */

/* A failure in words, kept in the cache next to the feed's items. */
static void
refresh_write_failed(struct store *st, struct refresh_job *job)
{
	char *cause = NULL;

	job->res.outcome = REFRESH_FAILED;
	job->res.message = job->why;
	if (store_feed_failed(st, job->rf->id, job->why, &cause) == -1) {
		xasprintf(&job->message, "%s (and the cache could not note "
		    "it: %s)", job->why, cause);
		job->res.message = job->message;
	}
	free(cause);
}

/* A permanent redirect: the new address goes to the cache and the urls
 * file.  Returns the words to show when it could not be saved. */
static char *
refresh_move(struct store *st, const char *urls_path,
    struct refresh_feed *rf, const char *to)
{
	char *cause = NULL, *why = NULL;

	if (store_feed_move(st, rf->id, to, &cause) == -1 ||
	    (urls_path != NULL && urls_replace_url(urls_path, rf->url, to,
	    &cause) == -1)) {
		xasprintf(&why, "moved permanently to %s, but it could not be "
		    "saved: %s", to, cause);
		free(cause);
	}
	return why;
}

static void
refresh_write_unchanged(struct refresh *r, struct refresh_job *job)
{
	job->res.outcome = REFRESH_UNCHANGED;
	if (store_feed_unchanged(r->w.store, job->rf->id, &job->message) ==
	    -1)
		job->res.message = job->message;
	else if (job->moved_to != NULL) {
		job->res.moved_to = job->moved_to;
		job->res.message = job->message = refresh_move(r->w.store,
		    r->opts.urls_path, job->rf, job->moved_to);
	}
}

/* The parsed feed in one transaction, with what to tell about it. */
static void
refresh_write_update(struct refresh *r, struct refresh_job *job)
{
	struct refresh_feed *rf = job->rf;
	const struct feed_meta *meta = feed_parser_meta(rf->parser);
	const char *const *warn;
	struct feed feed;
	char *cause = NULL, *move = NULL;
	size_t nwarn = 0;
	int added = 0;

	memset(&feed, 0, sizeof feed);
	feed.meta = *meta;		/* borrowed: the parser frees it */
	feed.items = rf->items;
	feed.nitems = rf->nitems;
	if (store_feed_update(r->w.store, rf->id, &feed, job->etag,
	    job->last_modified, &added, &cause) == -1) {
		xasprintf(&job->why, "cannot store the feed: %s", cause);
		free(cause);
		refresh_write_failed(r->w.store, job);
		return;
	}
	job->res.outcome = REFRESH_UPDATED;
	job->res.added = added;
	job->res.items = (int)rf->nitems;
	if (rf->custom_title == NULL && meta->title != NULL)
		job->res.title = meta->title;
	if (job->moved_to != NULL) {
		job->res.moved_to = job->moved_to;
		move = refresh_move(r->w.store, r->opts.urls_path, rf,
		    job->moved_to);
	}
	warn = feed_parser_warnings(rf->parser, &nwarn);
	if (move == NULL && rf->dropped > 0)
		xasprintf(&move, "only the first %d items were kept (%zu more "
		    "were dropped)", REFRESH_MAX_ITEMS, rf->dropped);
	else if (move == NULL && nwarn > 0)
		xasprintf(&move, "read despite a problem: %s", warn[0]);
	job->res.message = job->message = move;
}

static void
refresh_write(struct refresh *r, struct refresh_job *job)
{
	switch (job->what) {
	case WRITE_UPDATE:
		refresh_write_update(r, job);
		break;
	case WRITE_UNCHANGED:
		refresh_write_unchanged(r, job);
		break;
	case WRITE_FAILED:
		refresh_write_failed(r->w.store, job);
		break;
	}
}

/* Forgets a written job's answer, so it can be written again. */
static void
refresh_job_unwrite(struct refresh_job *job)
{
	if (job->what != WRITE_FAILED) {
		free(job->why);		/* the words of a failed write */
		job->why = NULL;
	}
	free(job->message);
	job->message = NULL;
	memset(&job->res, 0, sizeof job->res);
}

/* The next job waiting to join a group of n begun at since, or NULL:
 * none waits, the group is full or old, the writer is told to stop, or
 * the job moves its feed (the move rewrites the urls file, which a
 * rollback would not undo, so it is written on its own). */
static struct refresh_job *
refresh_take(struct refresh_writer *w, int n, int64_t since)
{
	struct refresh_job *job;

	if (n >= REFRESH_GROUP ||
	    (n > 0 && monotonic_ms() - since >= REFRESH_GROUP_MS))
		return NULL;
	pthread_mutex_lock(&w->lock);
	job = w->todo;
	if (job == NULL || w->stop || (n > 0 && job->moved_to != NULL))
		job = NULL;
	else if ((w->todo = job->next) == NULL)
		w->todo_tail = &w->todo;
	pthread_mutex_unlock(&w->lock);
	if (job != NULL)
		job->next = NULL;
	return job;
}

/* Answers go back a group at a time, once they are committed. */
static void
refresh_hand_back(struct refresh_writer *w, struct refresh_job *list,
    struct refresh_job **tail)
{
	pthread_mutex_lock(&w->lock);
	*w->done_tail = list;
	w->done_tail = tail;
	if (write(w->pipe[1], "", 1) == -1) {
		/* Full (non-blocking): the caller is woken already. */
	}
	pthread_mutex_unlock(&w->lock);
}

/* The jobs waiting, in one transaction; if it fails, each again alone. */
static void
refresh_write_group(struct refresh *r)
{
	struct refresh_writer *w = &r->w;
	struct refresh_job *group, **tail, *job;
	int64_t since = monotonic_ms();
	int n = 0, grouped;

	if ((job = refresh_take(w, 0, since)) == NULL)
		return;
	grouped = job->moved_to == NULL &&
	    store_group_begin(w->store, NULL) == 0;
	group = job;
	for (;;) {
		refresh_write(r, job);
		tail = &job->next;
		n++;
		if (!grouped || (job = refresh_take(w, n, since)) == NULL)
			break;
		*tail = job;
	}
	if (grouped && store_group_end(w->store, NULL) == -1) {
		for (job = group; job != NULL; job = job->next) {
			refresh_job_unwrite(job);
			refresh_write(r, job);
		}
	}
	refresh_hand_back(w, group, tail);
}

/* Jobs in the order they came, until told to stop; a stop leaves the
 * jobs not begun to refresh_cleanup, and those feeds as they were. */
static void *
refresh_writer_main(void *arg)
{
	struct refresh *r = arg;
	struct refresh_writer *w = &r->w;

	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		if (w->todo == NULL) {
			pthread_cond_wait(&w->wake, &w->lock);
			continue;
		}
		pthread_mutex_unlock(&w->lock);
		refresh_write_group(r);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* -- on the caller's thread ----------------------------------------- */

/* Hand a feed to the writer; the job owns it from here. */
static void
refresh_post(struct refresh *r, struct refresh_feed *rf,
    enum refresh_write what, const struct fetch_result *fr, const char *why)
{
	struct refresh_writer *w = &r->w;
	struct refresh_job *job;

	job = xcalloc(1, sizeof *job);
	job->rf = rf;
	job->what = what;
	job->why = why != NULL ? xstrdup(why) : NULL;
	if (fr != NULL) {
		job->etag = fr->etag != NULL ? xstrdup(fr->etag) : NULL;
		job->last_modified = fr->last_modified != NULL ?
		    xstrdup(fr->last_modified) : NULL;
		job->moved_to = fr->moved_to != NULL ?
		    xstrdup(fr->moved_to) : NULL;
	}
	w->backlog++;
	pthread_mutex_lock(&w->lock);
	*w->todo_tail = job;
	w->todo_tail = &job->next;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
}

/* Report what the writer finished, in its order. */
static void
refresh_collect(struct refresh *r)
{
	struct refresh_writer *w = &r->w;
	struct refresh_job *list, *job;
	char drain[256];

	while (read(w->pipe[0], drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&w->lock);
	list = w->done;
	w->done = NULL;
	w->done_tail = &w->done;
	pthread_mutex_unlock(&w->lock);
	while ((job = list) != NULL) {
		list = job->next;
		w->backlog--;
		refresh_report(r, job->rf, &job->res);
		job->rf = NULL;		/* refresh_report freed it */
		refresh_job_free(job);
	}
}

/* A body arrived whole: finish the parse here, write it there. */
static void
refresh_store(struct refresh *r, struct refresh_feed *rf,
    const struct fetch_result *fr)
{
	char *cause = NULL;

	if (rf->parser == NULL)
		rf->parser = feed_parser_new(fr->final_url, refresh_item, rf);
	if (feed_parser_finish(rf->parser, &cause) == -1) {
		refresh_post(r, rf, WRITE_FAILED, NULL,
		    cause != NULL ? cause : "not a feed");
		free(cause);
		return;
	}
	refresh_post(r, rf, WRITE_UPDATE, fr, NULL);
}

/* The fetcher's word on one feed. */
static void
refresh_done(const struct fetch_result *fr, void *arg)
{
	struct refresh_feed *rf = arg;
	struct refresh *r = rf->r;
	struct refresh_feed_result res;

	refresh_unlink(&r->active, rf);
	switch (fr->status) {
	case FETCH_FAILED:
		refresh_post(r, rf, WRITE_FAILED, NULL,
		    rf->parse_error != NULL ? rf->parse_error : fr->error);
		return;
	case FETCH_NOT_MODIFIED:
		if (rf->had_error || fr->moved_to != NULL) {
			refresh_post(r, rf, WRITE_UNCHANGED, fr, NULL);
			return;
		}
		/* Nothing to note: a 304 costs no parse and no write. */
		memset(&res, 0, sizeof res);
		res.outcome = REFRESH_UNCHANGED;
		refresh_report(r, rf, &res);
		return;
	case FETCH_OK:
		refresh_store(r, rf, fr);
		return;
	}
}

/* The writer's connection, pipe and thread. */
static int
refresh_writer_start(struct refresh *r, char **cause)
{
	struct refresh_writer *w = &r->w;
	sigset_t all, old;
	int err;

	w->todo_tail = &w->todo;
	w->done_tail = &w->done;
	w->pipe[0] = w->pipe[1] = -1;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (store_open_again(r->store, &w->store, cause) == -1)
		return -1;
	if (pipe2(w->pipe, O_CLOEXEC | O_NONBLOCK) == -1)
		return set_cause(cause, "cannot refresh: %s",
		    strerror(errno));
	/* Signals (SIGWINCH, SIGINT, ...) are for the caller's thread, whose
	 * poll they must interrupt: the writer blocks them all. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&w->thread, NULL, refresh_writer_main, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0)
		return set_cause(cause, "cannot start the cache writer: %s",
		    strerror(err));
	w->running = 1;
	return 0;
}

/* Stop the writer after the job it is in, and drop the rest. */
static void
refresh_writer_stop(struct refresh *r)
{
	struct refresh_writer *w = &r->w;
	struct refresh_job *job;

	if (w->running) {
		pthread_mutex_lock(&w->lock);
		w->stop = 1;
		pthread_cond_signal(&w->wake);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
		w->running = 0;
	}
	while ((job = w->todo) != NULL) {
		w->todo = job->next;
		refresh_job_free(job);
	}
	while ((job = w->done) != NULL) {
		w->done = job->next;
		refresh_job_free(job);
	}
	if (w->pipe[0] != -1)
		close(w->pipe[0]);
	if (w->pipe[1] != -1)
		close(w->pipe[1]);
	store_close(&w->store);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
}

int
refresh_new(struct store *store, const struct refresh_opts *opts,
    refresh_feed_cb cb, void *arg, struct refresh **out, char **cause)
{
	struct refresh *r;

	r = xcalloc(1, sizeof *r);
	if (opts != NULL)
		r->opts = *opts;
	r->store = store;
	r->cb = cb;
	r->arg = arg;
	*out = NULL;
	if (refresh_writer_start(r, cause) == -1 ||
	    fetch_new(&r->opts.limits, refresh_done, &r->fetch, cause) ==
	    -1) {
		refresh_writer_stop(r);
		free(r);
		return -1;
	}
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
	refresh_writer_stop(r);
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
	rf->had_error = sf->last_error != NULL;
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

	if (max < 1)
		return -1;
	fds[0].fd = r->w.pipe[0];
	fds[0].events = POLLIN;
	fds[0].revents = 0;
	if (r->w.backlog >= REFRESH_BACKLOG) {
		*n = 1;		/* only the writer's answer can move us on */
		*timeout_ms = -1;
		return 0;
	}
	rc = fetch_fds(r->fetch, fds + 1, max - 1, n, timeout_ms);
	*n += 1;
	if (r->skipped != NULL)
		*timeout_ms = 0;
	return rc;
}

/* fds[0] is the writer's pipe (refresh_fds put it there), whatever it
 * says: answers are collected on every step. */
void
refresh_step(struct refresh *r, const struct pollfd *fds, size_t n)
{
	refresh_collect(r);
	refresh_report_skipped(r);
	if (r->w.backlog < REFRESH_BACKLOG)
		fetch_step(r->fetch, n > 1 ? fds + 1 : NULL,
		    n > 1 ? n - 1 : 0);
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
