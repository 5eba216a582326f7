/* bench/memory.c: memory over many refresh cycles in one process, the way
 * the reader refreshes again and again without restarting.
 *
 *	bench-memory URLS CACHE CYCLES BUMP_URL
 *
 * Syncs the cache's feeds with the urls file, then runs CYCLES refreshes
 * of every feed through the refresh API, asking BUMP_URL (the test
 * server's /bump) before each so every cycle brings new items.  After each
 * cycle it prints the cycle, the resident set size and the peak (VmRSS,
 * VmHWM from /proc/self/status) in KiB, and the items added. */
#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refresh.h"
#include "store.h"
#include "urls.h"
#include "util.h"

static long
status_kib(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, key, strlen(key)) == 0)
			v = atol(line + strlen(key));
	fclose(f);
	return v;
}

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static void
bump(const char *url)
{
	CURL *h = curl_easy_init();

	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}

int
main(int argc, char **argv)
{
	struct refresh_opts ro;
	struct refresh *r;
	struct store *st;
	struct urls *u;
	char *cause = NULL;
	size_t n;
	int i, cycles;

	if (argc != 5) {
		fprintf(stderr, "usage: bench-memory URLS CACHE CYCLES "
		    "BUMP_URL\n");
		return 2;
	}
	cycles = atoi(argv[3]);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (urls_load(argv[1], &u, &cause) == -1 ||
	    store_open(argv[2], 0, &st, &cause) == -1 ||
	    store_sync_feeds(st, u, &cause) == -1) {
		fprintf(stderr, "bench-memory: %s\n", cause);
		return 1;
	}
	urls_free(u);
	memset(&ro, 0, sizeof ro);
	printf("cycle rss_kib hwm_kib new_items\n");
	for (i = 1; i <= cycles; i++) {
		bump(argv[4]);
		if (refresh_new(st, &ro, NULL, NULL, &r, &cause) == -1 ||
		    refresh_add_matching(r, NULL, &n, &cause) == -1) {
			fprintf(stderr, "bench-memory: %s\n", cause);
			return 1;
		}
		refresh_wait(r, NULL, NULL);
		printf("%d %ld %ld %lld\n", i, status_kib("VmRSS:"),
		    status_kib("VmHWM:"),
		    (long long)refresh_progress(r)->new_items);
		fflush(stdout);
		refresh_cleanup(&r);
	}
	store_close(&st);
	curl_global_cleanup();
	return 0;
}
