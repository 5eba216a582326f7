/* Unit tests for the fetcher that need no network: HTTP statuses and
 * Retry-After in words, and the non-blocking API over file:// URLs and
 * plain paths (caps, refusals, a missing file, an abort). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "refresh.h"
#include "util.h"

#include "../tap.h"

static void
test_status_words(void)
{
	static const struct {
		long		 code;
		int64_t		 retry;
		const char	*want;
	} cases[] = {
		{ 404, -1, "404 Not Found" },
		{ 410, -1, "410 Gone: consider removing this feed" },
		{ 429, 120, "429 Too Many Requests: retry after 120 s" },
		{ 429, -1, "429 Too Many Requests: try again later" },
		{ 503, 30, "503 Service Unavailable: retry after 30 s" },
		{ 503, -1, "503 Service Unavailable" },
		{ 500, 30, "500 Internal Server Error" },
		{ 401, -1, "401 Unauthorized: the feed needs a login" },
		{ 418, -1, "HTTP 418 (refused)" },
		{ 599, -1, "HTTP 599 (server error)" },
		{ 300, -1, "300 Multiple Choices: the server did not say which" },
		{ 204, -1, "HTTP 204 (unexpected reply)" },
	};
	size_t i;
	char *s;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		s = fetch_status_words(cases[i].code, cases[i].retry);
		is_str(s, cases[i].want, "status words for %ld", cases[i].code);
		free(s);
	}
}

static void
test_retry_after(void)
{
	static const struct {
		const char	*value;
		int64_t		 want;	/* from now; -1: 0 returned */
	} cases[] = {
		{ "120", 120 },
		{ "  45", 45 },
		{ "0", 0 },
		{ "999999999999", 86400 },
		{ "Wed, 26 Nov 2036 20:00:00 GMT", 86400 },	/* capped */
		{ "Mon, 01 Jan 2001 00:00:00 GMT", 0 },		/* past: now */
		{ "", -1 },
		{ "soon", -1 },
		{ "12abc", -1 },
		{ "-5", -1 },
	};
	int64_t now = 1800000000, got;
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		got = fetch_retry_after(cases[i].value, now);
		is_int(got, cases[i].want < 0 ? 0 : now + cases[i].want,
		    "Retry-After '%s'", cases[i].value);
	}
	/* An HTTP date an hour ahead of now. */
	now = 1800003600 - 3600;
	got = fetch_retry_after("Fri, 15 Jan 2027 09:00:00 GMT", now);
	is_int(got, now + 3600, "Retry-After as an HTTP date");
}

/* The wait a 429 or 503 asked for is read back from the feed's error. */
static void
test_retry_time(void)
{
	static const struct {
		const char	*error;
		int64_t		 want;	/* after last_attempt; -1: 0 */
	} cases[] = {
		{ "429 Too Many Requests: retry after 120 s", 120 },
		{ "503 Service Unavailable: retry after 5 s", 5 },
		{ "429 Too Many Requests: try again later", -1 },
		{ "404 Not Found", -1 },
		{ "retry after 99999999 s", -1 },	/* beyond a day */
		{ "retry after -3 s", -1 },
		{ "retry after 12", -1 },
		{ "retry after s", -1 },
		{ NULL, -1 },
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++)
		is_int(refresh_retry_time(cases[i].error, 1000),
		    cases[i].want < 0 ? 0 : 1000 + cases[i].want,
		    "retry time from '%s'", cases[i].error != NULL ?
		    cases[i].error : "(no error)");
}

static void
test_limits(void)
{
	struct fetch_limits lim;

	fetch_limits_default(&lim);
	is_int(lim.max_transfers, 16, "default: 16 transfers at once");
	is_int(lim.max_per_host, 4, "default: 4 per host");
	is_int(lim.max_bytes, 32 * 1024 * 1024, "default: 32 MiB cap");
	is_int(lim.timeout, 60, "default: 60 s per transfer");
	ok(lim.connect_timeout > 0 && lim.low_speed_time > 0 &&
	    lim.low_speed_limit > 0, "default: connect and low-speed limits");
}

/* What one request delivered and how it ended. */
struct got {
	struct buf	 body;
	int		 done;
	int		 status;
	char		*error;
	char		*final;
	int64_t		 bytes;
	int		 abort_at;	/* refuse once the body passes this */
};

static int
got_data(const char *data, size_t len, void *arg)
{
	struct got *g = arg;

	if (g->abort_at > 0 && g->body.len + len > (size_t)g->abort_at)
		return -1;
	return buf_add(&g->body, data, len);
}

static void
got_done(const struct fetch_result *r, void *arg)
{
	struct got *g = arg;

	g->done++;
	g->status = r->status;
	g->bytes = r->bytes;
	g->error = r->error != NULL ? xstrdup(r->error) : NULL;
	g->final = xstrdup(r->final_url);
}

static void
got_free(struct got *g)
{
	buf_free(&g->body);
	free(g->error);
	free(g->final);
}

static char *
write_temp(const char *dir, const char *name, size_t size)
{
	char *path;
	FILE *f;
	size_t i;

	xasprintf(&path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return path;
	for (i = 0; i < size; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
	return path;
}

/* Several files at once through the non-blocking API, as the reader
 * would drive it. */
static void
test_files(void)
{
	char dir[] = "/tmp/herald-fetch-XXXXXX", *small, *large, *url;
	struct fetch_limits lim;
	struct fetch_request req;
	struct got g[6];
	struct fetch *f;
	struct pollfd fds[16];
	size_t n, i;
	int timeout, steps = 0;
	char *cause = NULL;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	small = write_temp(dir, "small feed.xml", 1000);
	large = write_temp(dir, "large.xml", 300000);
	memset(g, 0, sizeof g);
	for (i = 0; i < ARRAYSIZE(g); i++)
		buf_init(&g[i].body, 0);
	memset(&lim, 0, sizeof lim);
	lim.max_bytes = 100000;
	ok(fetch_new(&lim, got_done, &f, &cause) == 0, "fetch_new");

	xasprintf(&url, "file://%s/small%%20feed.xml", dir);
	memset(&req, 0, sizeof req);
	req.data = got_data;
	req.url = url, req.arg = &g[0];
	fetch_add(f, &req);
	req.url = small, req.arg = &g[1];		/* a plain path */
	fetch_add(f, &req);
	req.url = large, req.arg = &g[2];		/* over the cap */
	fetch_add(f, &req);
	req.url = "ftp://example.org/feed.xml", req.arg = &g[3];
	fetch_add(f, &req);
	req.url = "/nonexistent/herald/feed.xml", req.arg = &g[4];
	fetch_add(f, &req);
	g[5].abort_at = 500;
	req.url = small, req.arg = &g[5];
	fetch_add(f, &req);
	is_int(g[3].done, 0, "a refused request is not reported from add");
	is_int(fetch_pending(f), 6, "six pending");
	fetch_fds(f, fds, ARRAYSIZE(fds), &n, &timeout);
	is_int(timeout, 0, "queued work asks for no wait");
	while (fetch_pending(f) > 0 && steps++ < 1000) {
		fetch_fds(f, fds, ARRAYSIZE(fds), &n, &timeout);
		poll(fds, n, timeout < 0 || timeout > 100 ? 100 : timeout);
		fetch_step(f, fds, n);
	}
	is_int(fetch_pending(f), 0, "every request finished");

	is_int(g[0].status, FETCH_OK, "file URL: ok");
	is_int(g[0].body.len, 1000, "file URL: every byte");
	ok(g[0].body.len > 0 && memcmp(g[0].body.data, "abcdef", 6) == 0,
	    "file URL: the bytes themselves");
	is_int(g[1].status, FETCH_OK, "plain path: ok");
	is_int(g[1].bytes, 1000, "plain path: bytes counted");
	ok(strncmp(g[1].final, "file://", 7) == 0,
	    "plain path: fetched as a file URL (%s)", g[1].final);
	is_int(g[2].status, FETCH_FAILED, "over the cap: failed");
	is_str(g[2].error, "the body is larger than the 100000 bytes limit: "
	    "stopped", "over the cap: said so");
	is_int(g[3].status, FETCH_FAILED, "ftp: refused");
	is_str(g[3].error, "unsupported scheme 'ftp': only http, https and "
	    "file are fetched", "ftp: said why");
	is_int(g[4].status, FETCH_FAILED, "missing file: failed");
	ok(g[4].error != NULL && strncmp(g[4].error, "cannot read the file",
	    20) == 0, "missing file: said so (%s)", g[4].error);
	is_int(g[5].status, FETCH_FAILED, "aborted by the reader: failed");
	is_str(g[5].error, "stopped by the reader", "aborted: said so");
	for (i = 0; i < ARRAYSIZE(g); i++) {
		is_int(g[i].done, 1, "request %zu reported once", i + 1);
		got_free(&g[i]);
	}
	fetch_cleanup(&f);
	ok(f == NULL, "fetch_cleanup clears the pointer");

	/* A relative path is made absolute. */
	if (chdir(dir) == 0) {
		memset(&g[0], 0, sizeof g[0]);
		buf_init(&g[0].body, 0);
		ok(fetch_url("large.xml", got_data, &g[0], &cause) == 0,
		    "fetch_url on a relative path");
		is_int(g[0].body.len, 300000, "fetch_url: every byte");
		got_free(&g[0]);
		ok(fetch_url("nothing.xml", got_data, &g[0], &cause) == -1,
		    "fetch_url on a missing file fails");
		ok(cause != NULL && strstr(cause, "nothing.xml") != NULL,
		    "fetch_url: the cause names the file (%s)", cause);
		free(cause);
		buf_free(&g[0].body);
		if (chdir("/") != 0)
			diag("chdir /");
	}
	unlink(small);
	unlink(large);
	rmdir(dir);
	free(small);
	free(large);
	free(url);
}

int
main(void)
{
	test_status_words();
	test_retry_after();
	test_retry_time();
	test_limits();
	test_files();
	return done_testing();
}
