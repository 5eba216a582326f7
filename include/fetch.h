/* fetch.h: many transfers at once over one libcurl multi handle.
 *
 * A struct fetch holds a queue of requests and runs at most max_transfers
 * of them at a time (at most max_per_host to one host).  It never blocks:
 * the caller asks for the sockets to poll and the longest wait
 * (fetch_fds), polls them with its own descriptors (stdin, for the
 * reader), then lets the fetcher move (fetch_step).  Body bytes go to the
 * request's data callback as they arrive; nothing buffers a whole body.
 * Each finished request is reported once to the done callback, with the
 * outcome in words.
 *
 * Redirects are followed here rather than by libcurl, so that a loop is
 * named as a loop, a permanent move is told apart from a temporary one and
 * a redirect may only lead to http or https.
 *
 * fetch_url is the one-transfer form used by `herald parse URL` and
 * `herald render URL`: it blocks, and hands bytes to a callback as they
 * arrive.  Only http, https and file URLs are fetched. */
#ifndef HERALD_FETCH_H
#define HERALD_FETCH_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#define FETCH_DEFAULT_MAX_BYTES	(32LL * 1024 * 1024)
#define FETCH_DEFAULT_TIMEOUT	60	/* seconds, whole transfer */
#define FETCH_MAX_REDIRECTS	8

/* Return -1 to abort the transfer: it then fails ("stopped by the
 * reader"); the caller knows its own reason better and says it. */
typedef int (*fetch_data_cb)(const char *, size_t, void *arg);

int fetch_url(const char *url, fetch_data_cb, void *arg, char **cause);

/* The User-Agent every request sends. */
const char *fetch_user_agent(void);

/* How hard the fetcher may pull.  fetch_limits_default fills the defaults
 * shown; zero fields given to fetch_new also mean the default. */
struct fetch_limits {
	int		 max_transfers;		/* at once: 16 */
	int		 max_per_host;		/* at once to one host: 4 */
	int64_t		 max_bytes;		/* per body, decoded: 32 MiB */
	long		 connect_timeout;	/* seconds: 15 */
	long		 timeout;		/* seconds, whole transfer: 60 */
	long		 low_speed_limit;	/* bytes per second ... : 1 */
	long		 low_speed_time;	/* ... for this long: 20 s */
	/* CA certificates (PEM) to trust for https instead of the system's,
	 * or NULL.  Borrowed: it must outlive the fetcher. */
	const char	*ca_file;
};

void fetch_limits_default(struct fetch_limits *);

/* One request.  Strings are copied by fetch_add. */
struct fetch_request {
	const char	*url;		/* http, https, file URL or a path */
	const char	*etag;		/* from the last success, or NULL */
	const char	*last_modified;	/* likewise */
	fetch_data_cb	 data;		/* the body of a 2xx, as it arrives */
	/* Called once, before the first byte given to data, with the address
	 * the body comes from (after redirects: relative links in it resolve
	 * against that).  May be NULL. */
	void		(*start)(const char *url, void *arg);
	void		*arg;		/* for every callback */
};

enum fetch_status {
	FETCH_OK,		/* 2xx (or a file): the body was delivered */
	FETCH_NOT_MODIFIED,	/* 304: no body */
	FETCH_FAILED,		/* error holds the words */
};

/* The outcome, valid only during the done callback. */
struct fetch_result {
	enum fetch_status status;
	const char	*url;		/* as requested */
	const char	*final_url;	/* after redirects */
	/* Where a chain of permanent redirects (301, 308) from url led: the
	 * address to store from now on.  NULL when the first hop was not
	 * permanent or there was no redirect. */
	const char	*moved_to;
	long		 http_code;	/* of the last response; 0 for none */
	const char	*etag;		/* validators of the response, or NULL */
	const char	*last_modified;
	/* A 429 or 503 with Retry-After: do not ask again before this (Unix
	 * seconds).  0 otherwise. */
	int64_t		 retry_after;
	int64_t		 bytes;		/* body bytes delivered, decoded */
	const char	*error;		/* words, when FETCH_FAILED */
	void		*arg;
};

typedef void (*fetch_done_cb)(const struct fetch_result *, void *arg);

struct fetch;

/* limits may be NULL for the defaults.  done is called from fetch_step
 * (or fetch_add, for a request refused at once), once per request. */
int fetch_new(const struct fetch_limits *, fetch_done_cb, struct fetch **,
    char **cause);
/* Abort whatever is queued or running (no done callback) and free. */
void fetch_cleanup(struct fetch **);

/* Queue a request.  It may be called from inside a callback.  A URL with
 * a scheme other than http, https or file is refused: the done callback
 * then reports it from the next fetch_step. */
void fetch_add(struct fetch *, const struct fetch_request *);

/* The sockets to poll: fills at most max entries of fds (events set,
 * revents cleared), *n with how many, and *timeout_ms with the longest
 * wait before fetch_step must run even if no socket is ready (-1: no
 * limit).  Returns 0, or -1 when max was too small: the first max are
 * filled, the timeout is at most 10 ms, and fetch_step looks at the
 * others itself.  Call fetch_step after every poll, timeouts included. */
int fetch_fds(struct fetch *, struct pollfd *fds, size_t max, size_t *n,
    int *timeout_ms);
/* Move every transfer that can move without waiting: fds are the entries
 * fetch_fds gave, after poll filled revents (NULL, 0 to check them all).
 * Finished requests are reported to the done callback from here. */
void fetch_step(struct fetch *, const struct pollfd *fds, size_t n);
/* Requests queued or running, not yet reported. */
size_t fetch_pending(const struct fetch *);
/* Block until every request is reported (for the command line). */
void fetch_wait(struct fetch *);

/* The words for an HTTP status that is not a success ("404 Not Found",
 * "410 Gone: consider removing this feed", "429 Too Many Requests: retry
 * after 120 s").  retry_in is seconds from now, or -1 when not given. */
char *fetch_status_words(long http_code, int64_t retry_in);
/* A Retry-After value (seconds or an HTTP date) as Unix seconds, from
 * now; 0 when it cannot be read.  Bounded to a day. */
int64_t fetch_retry_after(const char *value, int64_t now);

#endif
