/* fetch-probe: drive the fetcher from the command line, for the fetch-*.sh
 * tests.  Every URL is queued at once on one struct fetch, and one line is
 * printed per finished request, in the order they finish:
 *
 *	N status=ok code=200 bytes=123 ms=5 final=URL moved=- etag="v1"
 *	  lm=- retry=- error=-
 *
 * (on one line; N is the URL's position, from 1).  Options, before the
 * URLs: --jobs N, --per-host N, --max-bytes N, --timeout S,
 * --low-speed-time S, --etag E, --last-modified D (both sent with every
 * URL), --save DIR (each body to DIR/N), --abort-after N (the data
 * callback refuses after N bytes). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch.h"
#include "util.h"

struct probe {
	int		 n;
	FILE		*save;
	int64_t		 got;
	int64_t		 abort_after;
	int64_t		 start_ms;
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
probe_data(const char *data, size_t len, void *arg)
{
	struct probe *p = arg;

	p->got += (int64_t)len;
	if (p->abort_after > 0 && p->got > p->abort_after)
		return -1;
	if (p->save != NULL)
		fwrite(data, 1, len, p->save);
	return 0;
}

static const char *
or_dash(const char *s)
{
	return s != NULL ? s : "-";
}

static void
probe_done(const struct fetch_result *r, void *arg)
{
	static const char *names[] = { "ok", "not-modified", "failed" };
	struct probe *p = arg;
	char retry[32] = "-";

	if (r->retry_after > 0)
		snprintf(retry, sizeof retry, "%lld",
		    (long long)(r->retry_after - (int64_t)time(NULL)));
	printf("%d status=%s code=%ld bytes=%lld ms=%lld final=%s moved=%s "
	    "etag=%s lm=%s retry=%s error=%s\n", p->n, names[r->status],
	    r->http_code, (long long)r->bytes,
	    (long long)(now_ms() - p->start_ms), r->final_url,
	    or_dash(r->moved_to), or_dash(r->etag), or_dash(r->last_modified),
	    retry, or_dash(r->error));
	fflush(stdout);
	if (p->save != NULL)
		fclose(p->save);
	p->save = NULL;
}

int
main(int argc, char **argv)
{
	struct fetch_limits lim;
	struct fetch_request req;
	struct probe *probes;
	struct fetch *f;
	const char *etag = NULL, *lm = NULL, *save = NULL;
	char *cause = NULL, *path;
	int64_t abort_after = 0;
	int i, first;

	memset(&lim, 0, sizeof lim);
	for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--jobs") == 0)
			lim.max_transfers = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--per-host") == 0)
			lim.max_per_host = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--max-bytes") == 0)
			lim.max_bytes = atoll(argv[i + 1]);
		else if (strcmp(argv[i], "--timeout") == 0)
			lim.timeout = atol(argv[i + 1]);
		else if (strcmp(argv[i], "--low-speed-time") == 0)
			lim.low_speed_time = atol(argv[i + 1]);
		else if (strcmp(argv[i], "--etag") == 0)
			etag = argv[i + 1];
		else if (strcmp(argv[i], "--last-modified") == 0)
			lm = argv[i + 1];
		else if (strcmp(argv[i], "--save") == 0)
			save = argv[i + 1];
		else if (strcmp(argv[i], "--abort-after") == 0)
			abort_after = atoll(argv[i + 1]);
		else {
			fprintf(stderr, "fetch-probe: unknown %s\n", argv[i]);
			return 2;
		}
	}
	first = i;
	if (first >= argc) {
		fprintf(stderr, "usage: fetch-probe [options] URL...\n");
		return 2;
	}
	if (fetch_new(&lim, probe_done, &f, &cause) == -1) {
		fprintf(stderr, "fetch-probe: %s\n", cause);
		free(cause);
		return 1;
	}
	probes = xcalloc((size_t)(argc - first), sizeof *probes);
	for (i = first; i < argc; i++) {
		struct probe *p = &probes[i - first];

		p->n = i - first + 1;
		p->abort_after = abort_after;
		p->start_ms = now_ms();
		if (save != NULL) {
			xasprintf(&path, "%s/%d", save, p->n);
			if ((p->save = fopen(path, "w")) == NULL)
				fprintf(stderr, "fetch-probe: %s: %s\n", path,
				    strerror(errno));
			free(path);
		}
		memset(&req, 0, sizeof req);
		req.url = argv[i];
		req.etag = etag;
		req.last_modified = lm;
		req.data = probe_data;
		req.arg = p;
		fetch_add(f, &req);
	}
	fetch_wait(f);
	fetch_cleanup(&f);
	free(probes);
	return 0;
}
