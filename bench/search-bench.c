/* search-bench.c: the latency of store_rows for a ranked search, in the
 * process, so that the figure is the search and not the start of a
 * program.  Built by bench/search.sh against build/libherald.a.
 *
 *	search-bench CACHE RUNS QUERY...
 *
 * For each query: hits on the first page (50), then the median and the
 * slowest wall time and the median CPU time of RUNS runs, ranked (as
 * herald search does); then the median wall time of the same page newest
 * first and of store_count (as the reader's list filtered by a search
 * does). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

static double
now_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct store_query q;
	struct store_row *rows;
	struct store *s;
	double *wall, *cpu, w, c;
	char *cause = NULL;
	size_t n = 0;
	int runs, i, j;

	if (argc < 4)
		return 2;
	if (store_open(argv[1], STORE_READONLY, &s, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	runs = atoi(argv[2]);
	wall = calloc((size_t)runs, sizeof *wall);
	cpu = calloc((size_t)runs, sizeof *cpu);
	for (i = 3; i < argc; i++) {
		memset(&q, 0, sizeof q);
		q.search = argv[i];
		q.by_rank = 1;
		for (j = 0; j < runs; j++) {
			w = now_ms(CLOCK_MONOTONIC);
			c = now_ms(CLOCK_PROCESS_CPUTIME_ID);
			if (store_rows(s, &q, 0, 50, &rows, &n, &cause) == -1) {
				fprintf(stderr, "%s\n", cause);
				return 1;
			}
			cpu[j] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c;
			wall[j] = now_ms(CLOCK_MONOTONIC) - w;
			store_rows_free(rows, n);
		}
		qsort(wall, (size_t)runs, sizeof *wall, cmp);
		qsort(cpu, (size_t)runs, sizeof *cpu, cmp);
		printf("%-20s %5zu %8.2f %8.2f %8.2f", argv[i], n,
		    wall[runs / 2], wall[runs - 1], cpu[runs / 2]);
		q.by_rank = 0;
		for (j = 0; j < runs; j++) {
			w = now_ms(CLOCK_MONOTONIC);
			if (store_rows(s, &q, 0, 50, &rows, &n, &cause) == -1)
				return 1;
			wall[j] = now_ms(CLOCK_MONOTONIC) - w;
			store_rows_free(rows, n);
		}
		qsort(wall, (size_t)runs, sizeof *wall, cmp);
		printf(" %8.2f", wall[runs / 2]);
		for (j = 0; j < runs; j++) {
			int64_t total;

			w = now_ms(CLOCK_MONOTONIC);
			if (store_count(s, &q, &total, NULL, &cause) == -1)
				return 1;
			wall[j] = now_ms(CLOCK_MONOTONIC) - w;
		}
		qsort(wall, (size_t)runs, sizeof *wall, cmp);
		printf(" %8.2f\n", wall[runs / 2]);
	}
	/* Paging the whole list, newest first, and the feed list with its
	 * counts: what the reader does on every screen. */
	{
		static const int64_t offsets[] = { 0, 50000, 99950 };
		struct store_feed *feeds;
		size_t k, nf;

		for (k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
			memset(&q, 0, sizeof q);
			for (j = 0; j < runs; j++) {
				w = now_ms(CLOCK_MONOTONIC);
				if (store_rows(s, &q, offsets[k], 50, &rows, &n,
				    &cause) == -1)
					return 1;
				wall[j] = now_ms(CLOCK_MONOTONIC) - w;
				store_rows_free(rows, n);
			}
			qsort(wall, (size_t)runs, sizeof *wall, cmp);
			printf("list page at offset %-6lld %5zu %8.2f %8.2f\n",
			    (long long)offsets[k], n, wall[runs / 2],
			    wall[runs - 1]);
		}
		/* The same deep page by keyset, from the row before it. */
		memset(&q, 0, sizeof q);
		if (store_rows(s, &q, 99949, 1, &rows, &n, &cause) == -1 ||
		    n != 1)
			return 1;
		q.after_date = rows[0].sort_date;
		q.after_id = rows[0].id;
		store_rows_free(rows, n);
		for (j = 0; j < runs; j++) {
			w = now_ms(CLOCK_MONOTONIC);
			if (store_rows(s, &q, 0, 50, &rows, &n, &cause) == -1)
				return 1;
			wall[j] = now_ms(CLOCK_MONOTONIC) - w;
			store_rows_free(rows, n);
		}
		qsort(wall, (size_t)runs, sizeof *wall, cmp);
		printf("list page 99950 by keyset %5zu %8.2f %8.2f\n", n,
		    wall[runs / 2], wall[runs - 1]);
		for (j = 0; j < runs; j++) {
			w = now_ms(CLOCK_MONOTONIC);
			if (store_feeds(s, &feeds, &nf, &cause) == -1)
				return 1;
			wall[j] = now_ms(CLOCK_MONOTONIC) - w;
			store_feeds_free(feeds, nf);
		}
		qsort(wall, (size_t)runs, sizeof *wall, cmp);
		printf("feeds with counts         %5zu %8.2f %8.2f\n", nf,
		    wall[runs / 2], wall[runs - 1]);
	}
	store_close(&s);
	free(wall);
	free(cpu);
	return 0;
}
