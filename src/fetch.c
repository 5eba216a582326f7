/* fetch.c: many transfers over one libcurl multi handle, driven from the
 * caller's poll loop.
 *
 * Requests wait in a FIFO queue until a slot is free (max_transfers in
 * all, max_per_host to one host), so a queued request's timeouts only
 * start when it really starts.  libcurl tells us which sockets to watch
 * (CURLMOPT_SOCKETFUNCTION) and when to call back regardless
 * (CURLMOPT_TIMERFUNCTION); fetch_fds hands both to the caller and
 * fetch_step feeds poll's answer to curl_multi_socket_action.
 *
 * Each running request owns one easy handle.  Redirects are followed here:
 * on a 3xx the handle is taken off the multi handle, pointed at the new
 * address and put back, so the connection pool is still shared. */
#include "config.h"

#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "curlload.h"
#include "util.h"

struct fetch_job {
	struct fetch	*f;
	struct fetch_job *next;		/* in the queue or the done list */

	char		*url;		/* as asked */
	char		*current;	/* this hop's address */
	char		*host;		/* for the per-host limit; "" for files */
	char		*req_etag;
	char		*req_lm;
	fetch_data_cb	 data;
	void		(*start)(const char *, void *);
	void		*arg;
	int		 started;	/* start was called */

	CURL		*easy;
	struct curl_slist *headers;
	char		 errbuf[CURL_ERROR_SIZE];

	char		**hops;		/* addresses visited, for loops */
	size_t		 nhops;
	char		*moved_to;
	int		 permanent;	/* every hop so far was 301 or 308 */

	/* The response being read; reset at each status line. */
	long		 status;
	char		*etag;
	char		*last_modified;
	char		*retry_after;
	int64_t		 bytes;
	int		 capped;	/* past max_bytes */
	int		 aborted;	/* the data callback said stop */
	int		 http_error;	/* an error body we would not read */

	char		*error;		/* refused before it started */
};

struct fetch_sock {
	curl_socket_t	 fd;
	short		 events;
};

struct fetch {
	CURLM		*multi;
	struct fetch_limits lim;
	fetch_done_cb	 done;

	struct fetch_job *queue;	/* FIFO: waiting for a slot */
	struct fetch_job *queue_tail;
	struct fetch_job *refused;	/* to report from the next step */
	struct fetch_job **running;	/* max_transfers slots */
	size_t		 nrunning;
	size_t		 pending;	/* queued + running + refused */

	struct fetch_sock *socks;
	size_t		 nsocks;
	size_t		 socksize;
	int64_t		 deadline;	/* monotonic ms; -1: no timer */
};

/* The HTTP statuses a person may meet, in words, with advice. */
static const struct {
	long		 code;
	const char	*reason;
	const char	*advice;
} status_words[] = {
	{ 300, "Multiple Choices", "the server did not say which" },
	{ 400, "Bad Request", NULL },
	{ 401, "Unauthorized", "the feed needs a login" },
	{ 402, "Payment Required", NULL },
	{ 403, "Forbidden", NULL },
	{ 404, "Not Found", NULL },
	{ 405, "Method Not Allowed", NULL },
	{ 406, "Not Acceptable", NULL },
	{ 407, "Proxy Authentication Required", "check the proxy settings" },
	{ 408, "Request Timeout", NULL },
	{ 410, "Gone", "consider removing this feed" },
	{ 414, "URI Too Long", NULL },
	{ 429, "Too Many Requests", NULL },
	{ 451, "Unavailable For Legal Reasons", NULL },
	{ 500, "Internal Server Error", NULL },
	{ 501, "Not Implemented", NULL },
	{ 502, "Bad Gateway", NULL },
	{ 503, "Service Unavailable", NULL },
	{ 504, "Gateway Timeout", NULL },
};

/* libcurl's failures in a person's words; libcurl's own reason follows. */
static const struct {
	CURLcode	 code;
	const char	*words;
} curl_words[] = {
	{ CURLE_UNSUPPORTED_PROTOCOL, "unsupported scheme" },
	{ CURLE_URL_MALFORMAT, "not a valid URL" },
	{ CURLE_COULDNT_RESOLVE_PROXY, "proxy not found" },
	{ CURLE_COULDNT_RESOLVE_HOST, "host not found" },
	{ CURLE_COULDNT_CONNECT, "cannot connect" },
	{ CURLE_WEIRD_SERVER_REPLY, "the reply is not HTTP" },
	{ CURLE_HTTP2, "HTTP/2 failure" },
	{ CURLE_HTTP2_STREAM, "HTTP/2 failure" },
	{ CURLE_PARTIAL_FILE, "the body ended early" },
	{ CURLE_FILE_COULDNT_READ_FILE, "cannot read the file" },
	{ CURLE_OPERATION_TIMEDOUT, "timed out" },
	{ CURLE_SSL_CONNECT_ERROR, "TLS failure" },
	{ CURLE_PEER_FAILED_VERIFICATION, "TLS failure" },
	{ CURLE_SSL_CERTPROBLEM, "TLS failure" },
	{ CURLE_SSL_CIPHER, "TLS failure" },
	{ CURLE_SSL_CACERT_BADFILE, "TLS failure" },
	{ CURLE_SSL_ISSUER_ERROR, "TLS failure" },
	{ CURLE_SSL_INVALIDCERTSTATUS, "TLS failure" },
	{ CURLE_SSL_PINNEDPUBKEYNOTMATCH, "TLS failure" },
	{ CURLE_USE_SSL_FAILED, "TLS failure" },
	{ CURLE_GOT_NOTHING, "the server closed the connection without a reply" },
	{ CURLE_SEND_ERROR, "connection lost" },
	{ CURLE_RECV_ERROR, "connection lost" },
	{ CURLE_BAD_CONTENT_ENCODING, "the compressed body is damaged" },
	{ CURLE_TOO_MANY_REDIRECTS, "too many redirects" },
};

const char *
fetch_user_agent(void)
{
	return "herald/" PACKAGE_VERSION " (+" PACKAGE_URL ")";
}

void
fetch_limits_default(struct fetch_limits *lim)
{
	lim->max_transfers = 16;
	lim->max_per_host = 4;
	lim->max_bytes = FETCH_DEFAULT_MAX_BYTES;
	lim->connect_timeout = 15;
	lim->timeout = FETCH_DEFAULT_TIMEOUT;
	lim->low_speed_limit = 1;
	lim->low_speed_time = 20;
}

char *
fetch_status_words(long code, int64_t retry_in)
{
	const char *reason = NULL, *advice = NULL;
	char *s;
	size_t i;

	for (i = 0; i < ARRAYSIZE(status_words); i++) {
		if (status_words[i].code == code) {
			reason = status_words[i].reason;
			advice = status_words[i].advice;
			break;
		}
	}
	if (reason == NULL) {
		if (code >= 500)
			reason = "server error";
		else if (code >= 400)
			reason = "refused";
		else
			reason = "unexpected reply";
		xasprintf(&s, "HTTP %ld (%s)", code, reason);
		return s;
	}
	if ((code == 429 || code == 503) && retry_in >= 0)
		xasprintf(&s, "%ld %s: retry after %lld s", code, reason,
		    (long long)retry_in);
	else if (code == 429)
		xasprintf(&s, "%ld %s: try again later", code, reason);
	else if (advice != NULL)
		xasprintf(&s, "%ld %s: %s", code, reason, advice);
	else
		xasprintf(&s, "%ld %s", code, reason);
	return s;
}

int64_t
fetch_retry_after(const char *value, int64_t now)
{
	const char *p;
	int64_t t = 0;
	time_t when;

	while (*value == ' ' || *value == '\t')
		value++;
	for (p = value; *p >= '0' && *p <= '9'; p++) {
		if (t < 86400)
			t = t * 10 + (*p - '0');
	}
	if (p != value && (*p == '\0' || *p == ' '))
		return now + (t < 86400 ? t : 86400);
	if (p != value || *value == '\0')
		return 0;
	if ((when = curl_getdate(value, NULL)) == -1)
		return 0;
	if ((int64_t)when <= now)
		return now;
	return (int64_t)when - now < 86400 ? (int64_t)when : now + 86400;
}

/* The scheme of a URL in lower case, or NULL when it has none. */
static char *
fetch_scheme(const char *url)
{
	const char *p;
	char *s;
	size_t i;

	for (p = url; *p != '\0'; p++) {
		if (p[0] == ':' && p[1] == '/' && p[2] == '/' && p != url)
			break;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		    *p == '.'))
			return NULL;
	}
	if (*p == '\0')
		return NULL;
	s = xstrndup(url, (size_t)(p - url));
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
	}
	return s;
}

/* A plain path as a file:// URL; relative paths are made absolute. */
static char *
fetch_path_url(const char *path)
{
	char cwd[4096], *full, *url = NULL;
	CURLU *u;

	if (path[0] == '/')
		full = xstrdup(path);
	else if (getcwd(cwd, sizeof cwd) != NULL)
		xasprintf(&full, "%s/%s", cwd, path);
	else
		full = xstrdup(path);
	if ((u = curl_url()) == NULL)
		fatal("out of memory (curl_url)");
	if (curl_url_set(u, CURLUPART_SCHEME, "file", 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_PATH, full, CURLU_URLENCODE) !=
	    CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return full;
	}
	curl_url_cleanup(u);
	free(full);
	full = xstrdup(url);
	curl_free(url);
	return full;
}

/* The host of a URL for the per-host limit, "" when it has none. */
static char *
fetch_host(const char *url)
{
	char *host = NULL, *s;
	CURLU *u;
	size_t i;

	if ((u = curl_url()) == NULL)
		fatal("out of memory (curl_url)");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return xstrdup("");
	}
	s = xstrdup(host);
	curl_free(host);
	curl_url_cleanup(u);
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
	}
	return s;
}

/* Reasons a URL is not fetched at all, or NULL when it may be. */
static char *
fetch_refusal(const char *url, int redirect)
{
	char *scheme, *why = NULL;

	if ((scheme = fetch_scheme(url)) == NULL)
		return redirect ? xstrdup("a redirect to an address without a "
		    "scheme") : NULL;
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0 &&
	    (redirect || strcmp(scheme, "file") != 0)) {
		if (redirect)
			xasprintf(&why, "a redirect to %s: refused (only http "
			    "and https are followed)", url);
		else
			xasprintf(&why, "unsupported scheme '%s': only http, "
			    "https and file are fetched", scheme);
	}
	free(scheme);
	return why;
}

static void
fetch_job_reset_response(struct fetch_job *job)
{
	job->status = 0;
	free(job->etag);
	free(job->last_modified);
	free(job->retry_after);
	job->etag = job->last_modified = job->retry_after = NULL;
	job->bytes = 0;
	job->http_error = 0;
}

static void
fetch_job_free(struct fetch_job *job)
{
	size_t i;

	if (job == NULL)
		return;
	if (job->easy != NULL) {
		if (job->f != NULL && job->f->multi != NULL)
			curl_multi_remove_handle(job->f->multi, job->easy);
		curl_easy_cleanup(job->easy);
	}
	curl_slist_free_all(job->headers);
	fetch_job_reset_response(job);
	for (i = 0; i < job->nhops; i++)
		free(job->hops[i]);
	free(job->hops);
	free(job->url);
	free(job->current);
	free(job->host);
	free(job->req_etag);
	free(job->req_lm);
	free(job->moved_to);
	free(job->error);
	free(job);
}

/* A header value without surrounding blanks, or NULL when it holds a
 * control character (it would be sent back in a request). */
static char *
fetch_header_value(const char *v, size_t len)
{
	size_t i;

	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\r' || v[len - 1] == '\n'))
		len--;
	for (i = 0; i < len; i++) {
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return NULL;
	}
	if (len == 0 || len > 1024)
		return NULL;
	return xstrndup(v, len);
}

/* Each header line of each response (redirects included): a status line
 * starts a new response; ETag, Last-Modified and Retry-After are kept. */
static size_t
fetch_header(char *line, size_t size, size_t n, void *arg)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} kept[] = {
		{ "etag", offsetof(struct fetch_job, etag) },
		{ "last-modified", offsetof(struct fetch_job, last_modified) },
		{ "retry-after", offsetof(struct fetch_job, retry_after) },
	};
	struct fetch_job *job = arg;
	size_t len = size * n, i, nl;
	const char *colon;
	char **slot;

	if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
		fetch_job_reset_response(job);
		for (i = 5; i < len && line[i] != ' '; i++)
			;
		job->status = 0;
		for (; i < len && line[i] == ' '; i++)
			;
		for (; i < len && line[i] >= '0' && line[i] <= '9' &&
		    job->status < 1000; i++)
			job->status = job->status * 10 + (line[i] - '0');
		return len;
	}
	if ((colon = memchr(line, ':', len)) == NULL)
		return len;
	nl = (size_t)(colon - line);
	for (i = 0; i < ARRAYSIZE(kept); i++) {
		if (strlen(kept[i].name) != nl ||
		    strncasecmp(line, kept[i].name, nl) != 0)
			continue;
		slot = (char **)((char *)job + kept[i].off);
		free(*slot);
		*slot = fetch_header_value(colon + 1, len - nl - 1);
	}
	return len;
}

/* Body bytes: a success's go to the caller, counted against the cap;
 * a redirect's are dropped; an error's stop the transfer at once. */
static size_t
fetch_write(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_job *job = arg;
	size_t len = size * n;

	if (job->status >= 300 && job->status < 400)
		return len;
	if (job->status >= 400 || (job->status != 0 && job->status < 200)) {
		job->http_error = 1;
		return 0;
	}
	if (job->bytes + (int64_t)len > job->f->lim.max_bytes) {
		job->capped = 1;
		return 0;
	}
	if (!job->started && job->start != NULL)
		job->start(job->current, job->arg);
	job->started = 1;
	if (job->data != NULL && job->data(data, len, job->arg) == -1) {
		job->aborted = 1;
		return 0;
	}
	job->bytes += (int64_t)len;
	return len;
}

/* The conditional GET's headers, from the validators we were given. */
static void
fetch_job_headers(struct fetch_job *job)
{
	char *h;

	if (job->req_etag != NULL) {
		xasprintf(&h, "If-None-Match: %s", job->req_etag);
		job->headers = curl_slist_append(job->headers, h);
		free(h);
	}
	if (job->req_lm != NULL) {
		xasprintf(&h, "If-Modified-Since: %s", job->req_lm);
		job->headers = curl_slist_append(job->headers, h);
		free(h);
	}
}

/* A file has no ETag, but libcurl gives its time as Last-Modified and can
 * skip a file that has not changed since: the 304 of files. */
static void
fetch_job_file_condition(struct fetch_job *job)
{
	time_t t;

	if (job->req_lm == NULL || strncasecmp(job->current, "file:", 5) != 0 ||
	    (t = curl_getdate(job->req_lm, NULL)) == -1)
		return;
	curl_easy_setopt(job->easy, CURLOPT_TIMECONDITION,
	    (long)CURL_TIMECOND_IFMODSINCE);
	curl_easy_setopt(job->easy, CURLOPT_TIMEVALUE_LARGE, (curl_off_t)t);
}

static int
fetch_job_easy(struct fetch_job *job)
{
	const struct fetch_limits *lim = &job->f->lim;
	CURL *h;

	if ((h = curl_easy_init()) == NULL)
		return -1;
	job->easy = h;
	curl_easy_setopt(h, CURLOPT_PRIVATE, job);
	curl_easy_setopt(h, CURLOPT_URL, job->current);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, fetch_user_agent());
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (lim->ca_file != NULL) {
		/* Instead of the system's: no folder of them either. */
		curl_easy_setopt(h, CURLOPT_CAINFO, lim->ca_file);
		curl_easy_setopt(h, CURLOPT_CAPATH, (char *)NULL);
	}
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, lim->connect_timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, lim->timeout);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, lim->low_speed_limit);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, lim->low_speed_time);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)lim->max_bytes);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, job->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, job);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, fetch_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, job);
	fetch_job_file_condition(job);
	fetch_job_headers(job);
	if (job->headers != NULL)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, job->headers);
	return 0;
}

static void
fetch_job_hop(struct fetch_job *job, const char *url)
{
	job->hops = xreallocarray(job->hops, job->nhops + 1,
	    sizeof *job->hops);
	job->hops[job->nhops++] = xstrdup(url);
}

/* Report a finished job (its fields make the result) and free it. */
static void
fetch_finish(struct fetch *f, struct fetch_job *job, enum fetch_status st,
    const char *error)
{
	struct fetch_result r;

	memset(&r, 0, sizeof r);
	r.status = st;
	r.url = job->url;
	r.final_url = job->current != NULL ? job->current : job->url;
	r.moved_to = job->moved_to;
	r.http_code = job->status;
	r.etag = job->etag;
	r.last_modified = job->last_modified;
	if (job->retry_after != NULL &&
	    (job->status == 429 || job->status == 503))
		r.retry_after = fetch_retry_after(job->retry_after,
		    (int64_t)time(NULL));
	r.bytes = job->bytes;
	r.error = error;
	r.arg = job->arg;
	f->pending--;
	if (f->done != NULL)
		f->done(&r, job->arg);
	fetch_job_free(job);
}

/* "32 MiB" rather than 33554432. */
static void
fetch_size_words(int64_t n, char *out, size_t len)
{
	if (n >= 1048576 && n % 1048576 == 0)
		snprintf(out, len, "%lld MiB", (long long)(n / 1048576));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, len, "%lld KiB", (long long)(n / 1024));
	else
		snprintf(out, len, "%lld bytes", (long long)n);
}

/* libcurl's reason with anything unprintable blanked out. */
static const char *
fetch_reason(struct fetch_job *job, CURLcode rc)
{
	char *p;

	if (job->errbuf[0] == '\0')
		return curl_easy_strerror(rc);
	for (p = job->errbuf; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	}
	return job->errbuf;
}

/* A failed transfer in words; the caller frees them. */
static char *
fetch_curl_words(struct fetch_job *job, CURLcode rc)
{
	const struct fetch_limits *lim = &job->f->lim;
	const char *reason = fetch_reason(job, rc), *words = NULL;
	char size[32], *s;
	size_t i;

	if (job->capped || rc == CURLE_FILESIZE_EXCEEDED) {
		fetch_size_words(lim->max_bytes, size, sizeof size);
		xasprintf(&s, "the body is larger than the %s limit: stopped",
		    size);
		return s;
	}
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		if (strncmp(reason, "Operation too slow", 18) == 0)
			xasprintf(&s, "stalled: less than %ld byte%s/s for %ld s",
			    lim->low_speed_limit,
			    lim->low_speed_limit == 1 ? "" : "s",
			    lim->low_speed_time);
		else if (strncmp(reason, "Connection timed out", 20) == 0 ||
		    strncmp(reason, "Resolving timed out", 19) == 0)
			xasprintf(&s, "cannot connect: no answer in %ld s",
			    lim->connect_timeout);
		else
			xasprintf(&s, "timed out after %ld s (%lld bytes "
			    "received)", lim->timeout, (long long)job->bytes);
		return s;
	}
	if (rc == CURLE_OUT_OF_MEMORY)	/* what libcurl says of huge headers */
		return xstrdup("the reply's headers are too large");
	for (i = 0; i < ARRAYSIZE(curl_words); i++) {
		if (curl_words[i].code == rc)
			words = curl_words[i].words;
	}
	xasprintf(&s, "%s: %s", words != NULL ? words : "transfer failed",
	    reason);
	return s;
}

static int
fetch_is_redirect(long code)
{
	return code == 301 || code == 302 || code == 303 || code == 307 ||
	    code == 308;
}

/* "redirect loop: A → B → A". */
static char *
fetch_loop_words(struct fetch_job *job, const char *to)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	buf_adds(&b, "redirect loop: ");
	for (i = 0; i < job->nhops; i++)
		buf_printf(&b, "%s \xe2\x86\x92 ", job->hops[i]);
	buf_adds(&b, to);
	return buf_steal(&b);
}

/* Point the job at the redirect's target and start it again.  Fails with
 * words when the redirect may not be followed. */
static int
fetch_follow(struct fetch *f, struct fetch_job *job, const char *to,
    char **words)
{
	size_t i;

	if ((*words = fetch_refusal(to, 1)) != NULL)
		return -1;
	for (i = 0; i < job->nhops; i++) {
		if (strcmp(job->hops[i], to) == 0) {
			*words = fetch_loop_words(job, to);
			return -1;
		}
	}
	if (job->nhops > FETCH_MAX_REDIRECTS) {
		xasprintf(words, "more than %d redirects (the last to %s)",
		    FETCH_MAX_REDIRECTS, to);
		return -1;
	}
	if (job->permanent && (job->status == 301 || job->status == 308)) {
		free(job->moved_to);
		job->moved_to = xstrdup(to);
	} else
		job->permanent = 0;
	fetch_job_hop(job, to);
	free(job->current);
	job->current = xstrdup(to);
	curl_multi_remove_handle(f->multi, job->easy);
	fetch_job_reset_response(job);
	job->errbuf[0] = '\0';
	curl_easy_setopt(job->easy, CURLOPT_URL, job->current);
	if (curl_multi_add_handle(f->multi, job->easy) != CURLM_OK) {
		*words = xstrdup("cannot start the transfer");
		return -1;
	}
	return 0;
}

static void
fetch_running_remove(struct fetch *f, struct fetch_job *job)
{
	size_t i;

	for (i = 0; i < f->nrunning; i++) {
		if (f->running[i] == job) {
			f->running[i] = f->running[--f->nrunning];
			return;
		}
	}
}

static int
fetch_condition_unmet(struct fetch_job *job)
{
	long unmet = 0;

	if (job->status != 0)
		return 0;
	curl_easy_getinfo(job->easy, CURLINFO_CONDITION_UNMET, &unmet);
	return unmet != 0;
}

/* A transfer libcurl says is over: follow it, or report it. */
static void
fetch_complete(struct fetch *f, struct fetch_job *job, CURLcode rc)
{
	enum fetch_status st = FETCH_OK;
	char *words = NULL, *to = NULL;
	int64_t now, retry;

	if (job->capped || rc == CURLE_FILESIZE_EXCEEDED)
		words = fetch_curl_words(job, rc);
	else if (job->aborted)
		words = xstrdup("stopped by the reader");
	else if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR &&
	    job->http_error))
		words = fetch_curl_words(job, rc);
	else if (fetch_is_redirect(job->status)) {
		curl_easy_getinfo(job->easy, CURLINFO_REDIRECT_URL, &to);
		if (to == NULL)
			xasprintf(&words, "a %ld redirect without a Location",
			    job->status);
		else if (fetch_follow(f, job, to, &words) == 0)
			return;
	} else if (job->status == 304 || fetch_condition_unmet(job))
		st = FETCH_NOT_MODIFIED;
	else if (job->status >= 300 || (job->status != 0 &&
	    job->status < 200)) {
		now = (int64_t)time(NULL);
		retry = job->retry_after != NULL ?
		    fetch_retry_after(job->retry_after, now) : 0;
		words = fetch_status_words(job->status,
		    retry > 0 ? retry - now : -1);
	}
	if (words != NULL)
		st = FETCH_FAILED;
	fetch_running_remove(f, job);
	fetch_finish(f, job, st, words);
	free(words);
}

static int
fetch_socket_cb(CURL *easy, curl_socket_t s, int what, void *userp,
    void *socketp)
{
	struct fetch *f = userp;
	size_t i;

	for (i = 0; i < f->nsocks; i++) {
		if (f->socks[i].fd == s)
			break;
	}
	if (what == CURL_POLL_REMOVE) {
		if (i < f->nsocks)
			f->socks[i] = f->socks[--f->nsocks];
		return 0;
	}
	if (i == f->nsocks) {
		if (f->nsocks == f->socksize) {
			f->socksize = f->socksize == 0 ? 16 : f->socksize * 2;
			f->socks = xreallocarray(f->socks, f->socksize,
			    sizeof *f->socks);
		}
		f->socks[f->nsocks++].fd = s;
	}
	f->socks[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
	    ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	return 0;
}

static int
fetch_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct fetch *f = userp;

	f->deadline = timeout_ms < 0 ? -1 : monotonic_ms() + timeout_ms;
	return 0;
}

static int
fetch_host_busy(struct fetch *f, const char *host)
{
	size_t i;
	int n = 0;

	if (*host == '\0')
		return 0;
	for (i = 0; i < f->nrunning; i++) {
		if (strcmp(f->running[i]->host, host) == 0)
			n++;
	}
	return n >= f->lim.max_per_host;
}

/* The link pointing at the first queued job that may start now, or
 * NULL when none may (all slots taken, or every host busy). */
static struct fetch_job **
fetch_next_ready(struct fetch *f, struct fetch_job **prev)
{
	struct fetch_job **pp;

	*prev = NULL;
	if (f->nrunning >= (size_t)f->lim.max_transfers)
		return NULL;
	for (pp = &f->queue; *pp != NULL; pp = &(*pp)->next) {
		if (!fetch_host_busy(f, (*pp)->host))
			return pp;
		*prev = *pp;
	}
	return NULL;
}

static void
fetch_refuse(struct fetch *f, struct fetch_job *job, const char *words)
{
	if (job->error == NULL)
		job->error = xstrdup(words);
	job->next = f->refused;
	f->refused = job;
}

static void
fetch_start_ready(struct fetch *f)
{
	struct fetch_job **pp, *job, *prev;

	while ((pp = fetch_next_ready(f, &prev)) != NULL) {
		job = *pp;
		*pp = job->next;
		if (f->queue_tail == job)
			f->queue_tail = prev;
		job->next = NULL;
		if (fetch_job_easy(job) == -1 ||
		    curl_multi_add_handle(f->multi, job->easy) != CURLM_OK) {
			fetch_refuse(f, job, "cannot start the transfer");
			continue;
		}
		f->running[f->nrunning++] = job;
	}
}

static void
fetch_report_refused(struct fetch *f)
{
	struct fetch_job *job;

	while ((job = f->refused) != NULL) {
		f->refused = job->next;
		fetch_finish(f, job, FETCH_FAILED, job->error);
	}
}

int
fetch_fds(struct fetch *f, struct pollfd *fds, size_t max, size_t *n,
    int *timeout_ms)
{
	struct fetch_job *prev;
	size_t i, k = f->nsocks < max ? f->nsocks : max;
	int64_t wait;

	for (i = 0; i < k; i++) {
		fds[i].fd = f->socks[i].fd;
		fds[i].events = f->socks[i].events;
		fds[i].revents = 0;
	}
	*n = k;
	if (f->refused != NULL || fetch_next_ready(f, &prev) != NULL)
		wait = 0;
	else if (f->deadline < 0)
		wait = -1;
	else if ((wait = f->deadline - monotonic_ms()) < 0)
		wait = 0;
	if (k < f->nsocks && (wait < 0 || wait > 10))
		wait = 10;
	*timeout_ms = wait > 60000 ? 60000 : (int)wait;
	return k < f->nsocks ? -1 : 0;
}

static void
fetch_socket_action(struct fetch *f, const struct pollfd *p)
{
	int mask = 0, running;

	if (p->revents == 0)
		return;
	if (p->revents & (POLLIN | POLLHUP))
		mask |= CURL_CSELECT_IN;
	if (p->revents & POLLOUT)
		mask |= CURL_CSELECT_OUT;
	if (p->revents & (POLLERR | POLLNVAL))
		mask |= CURL_CSELECT_ERR;
	curl_multi_socket_action(f->multi, p->fd, mask, &running);
}

void
fetch_step(struct fetch *f, const struct pollfd *fds, size_t n)
{
	struct pollfd *own = NULL;
	struct fetch_job *job;
	CURLMsg *msg;
	size_t i;
	int left, running;

	fetch_report_refused(f);
	fetch_start_ready(f);
	if ((fds == NULL || n < f->nsocks) && f->nsocks > 0) {
		/* Not told about every socket: ask the kernel ourselves. */
		n = f->nsocks;
		own = xcalloc(n, sizeof *own);
		for (i = 0; i < n; i++) {
			own[i].fd = f->socks[i].fd;
			own[i].events = f->socks[i].events;
		}
		if (poll(own, n, 0) == -1)
			n = 0;
		fds = own;
	}
	for (i = 0; fds != NULL && i < n; i++)
		fetch_socket_action(f, &fds[i]);
	free(own);
	if (f->deadline >= 0 && monotonic_ms() >= f->deadline) {
		f->deadline = -1;
		curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
		    &running);
	}
	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		job = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &job);
		if (job != NULL)
			fetch_complete(f, job, msg->data.result);
	}
	fetch_start_ready(f);
	fetch_report_refused(f);
}

size_t
fetch_pending(const struct fetch *f)
{
	return f->pending;
}

void
fetch_wait(struct fetch *f)
{
	struct pollfd *fds = NULL;
	size_t size = 0, n;
	int timeout;

	while (f->pending > 0) {
		if (size < f->nsocks + 1) {
			size = f->nsocks + 16;
			fds = xreallocarray(fds, size, sizeof *fds);
		}
		fetch_fds(f, fds, size, &n, &timeout);
		if (timeout < 0 || timeout > 1000)
			timeout = 1000;
		if (poll(fds, n, timeout) == -1 && errno != EINTR)
			n = 0;
		fetch_step(f, fds, n);
	}
	free(fds);
}

static int
fetch_global_init(char **cause)
{
	static int done;

	if (done)
		return 0;
	if (curlload_ready(cause) == -1)
		return -1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return set_cause(cause, "cannot initialise libcurl");
	done = 1;
	return 0;
}

/* The caller's limits over the defaults, kept within sense. */
static void
fetch_limits_merge(struct fetch_limits *to, const struct fetch_limits *from)
{
	fetch_limits_default(to);
	if (from == NULL)
		return;
	if (from->max_transfers > 0)
		to->max_transfers = from->max_transfers > 1000 ? 1000 :
		    from->max_transfers;
	if (from->max_per_host > 0)
		to->max_per_host = from->max_per_host;
	if (from->max_bytes > 0)
		to->max_bytes = from->max_bytes;
	if (from->connect_timeout > 0)
		to->connect_timeout = from->connect_timeout;
	if (from->timeout > 0)
		to->timeout = from->timeout;
	if (from->low_speed_limit > 0)
		to->low_speed_limit = from->low_speed_limit;
	if (from->low_speed_time > 0)
		to->low_speed_time = from->low_speed_time;
	to->ca_file = from->ca_file;
	if (to->max_per_host > to->max_transfers)
		to->max_per_host = to->max_transfers;
}

int
fetch_new(const struct fetch_limits *lim, fetch_done_cb done,
    struct fetch **out, char **cause)
{
	struct fetch *f;

	*out = NULL;
	if (fetch_global_init(cause) == -1)
		return -1;
	f = xcalloc(1, sizeof *f);
	fetch_limits_merge(&f->lim, lim);
	f->done = done;
	f->deadline = -1;
	if ((f->multi = curl_multi_init()) == NULL) {
		free(f);
		return set_cause(cause, "cannot start libcurl");
	}
	f->running = xcalloc((size_t)f->lim.max_transfers,
	    sizeof *f->running);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, fetch_socket_cb);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, fetch_timer_cb);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->lim.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->lim.max_transfers);
	*out = f;
	return 0;
}

static void
fetch_free_list(struct fetch_job *job)
{
	struct fetch_job *next;

	for (; job != NULL; job = next) {
		next = job->next;
		fetch_job_free(job);
	}
}

void
fetch_cleanup(struct fetch **fp)
{
	struct fetch *f = *fp;
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nrunning; i++)
		fetch_job_free(f->running[i]);
	fetch_free_list(f->queue);
	fetch_free_list(f->refused);
	curl_multi_cleanup(f->multi);
	free(f->running);
	free(f->socks);
	free(f);
	*fp = NULL;
}

void
fetch_add(struct fetch *f, const struct fetch_request *req)
{
	struct fetch_job *job;
	char *scheme;

	job = xcalloc(1, sizeof *job);
	job->f = f;
	job->url = xstrdup(req->url);
	if ((scheme = fetch_scheme(req->url)) == NULL)
		job->current = fetch_path_url(req->url);
	else
		job->current = xstrdup(req->url);
	free(scheme);
	job->host = fetch_host(job->current);
	job->req_etag = req->etag != NULL ? xstrdup(req->etag) : NULL;
	job->req_lm = req->last_modified != NULL ?
	    xstrdup(req->last_modified) : NULL;
	job->data = req->data;
	job->start = req->start;
	job->arg = req->arg;
	job->permanent = 1;
	fetch_job_hop(job, job->current);
	f->pending++;
	if ((job->error = fetch_refusal(job->current, 0)) != NULL) {
		fetch_refuse(f, job, NULL);
		return;
	}
	if (f->queue_tail != NULL)
		f->queue_tail->next = job;
	else
		f->queue = job;
	f->queue_tail = job;
}

/* fetch_url's state: the caller's data callback and what happened. */
struct fetch_one {
	fetch_data_cb	 cb;
	void		*arg;
	int		 done;
	char		*error;
};

static int
fetch_one_data(const char *data, size_t len, void *arg)
{
	struct fetch_one *one = arg;

	return one->cb(data, len, one->arg);
}

static void
fetch_one_done(const struct fetch_result *r, void *arg)
{
	struct fetch_one *one = arg;

	one->done = 1;
	if (r->status == FETCH_FAILED)
		one->error = xstrdup(r->error);
}

int
fetch_url(const char *url, fetch_data_cb cb, void *arg, char **cause)
{
	struct fetch_one one = { cb, arg, 0, NULL };
	struct fetch_request req;
	struct fetch *f;

	if (fetch_new(NULL, fetch_one_done, &f, cause) == -1)
		return -1;
	memset(&req, 0, sizeof req);
	req.url = url;
	req.data = fetch_one_data;
	req.arg = &one;
	fetch_add(f, &req);
	fetch_wait(f);
	fetch_cleanup(&f);
	if (one.error != NULL) {
		set_cause(cause, "%s: %s", url, one.error);
		free(one.error);
		return -1;
	}
	return 0;
}
