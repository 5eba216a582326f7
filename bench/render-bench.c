/* render-bench.c: render throughput on generated articles.  Built and run
 * by bench/render.sh; prints articles/s, MB/s and the cost per 10 KB,
 * average and worst (each article best of 3, the dearest 1% then best of
 * 10: on a shared VM three runs in a row can all be disturbed). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render.h"
#include "utf8.h"
#include "util.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const words[] = {
	"the", "minister", "said", "on", "Tuesday", "that", "Ukraine’s",
	"government", "would", "review", "plan", "coalition", "of", "willing",
	"security", "guarantees", "talks", "envoy", "don't", "’90s",
	"students’", "union", "report", "officials", "європейський",
	"Verhandlungen", "négociations", "東京都", "über", "ceasefire",
};

static void
sentence(struct buf *b)
{
	int n = 8 + (int)rnd(20), i, q = (int)rnd(4);

	for (i = 0; i < n; i++) {
		if (q == 0 && i == 2)
			buf_adds(b, "“");
		if (rnd(15) == 0)
			buf_printf(b, "<a href=\"/news/%u\">", rnd(100000));
		buf_adds(b, words[rnd(sizeof words / sizeof words[0])]);
		if (rnd(15) == 0)
			buf_adds(b, "</a>");
		if (q == 0 && i == n - 2)
			buf_adds(b, ",”");
		buf_addc(b, i + 1 < n ? ' ' : '.');
	}
	buf_addc(b, ' ');
}

/* An article of about size bytes, CMS-shaped. */
static char *
article(size_t size)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	buf_adds(&b, "<div class=\"article\"><h2>A headline here</h2>"
	    "<figure><img src=\"/i.jpg\" alt=\"A photo\"><figcaption>Caption"
	    "</figcaption></figure>");
	while (b.len < size) {
		switch (rnd(12)) {
		case 0:
			buf_adds(&b, "<blockquote><p>");
			sentence(&b);
			buf_adds(&b, "</p></blockquote>");
			break;
		case 1:
			buf_adds(&b, "<ul>");
			for (i = 0; i < 3; i++) {
				buf_adds(&b, "<li>");
				sentence(&b);
				buf_adds(&b, "</li>");
			}
			buf_adds(&b, "</ul>");
			break;
		default:
			buf_adds(&b, "<p>");
			for (i = 0; i < 3; i++)
				sentence(&b);
			buf_adds(&b, "</p>\n");
		}
	}
	buf_adds(&b, "<p><strong>Read also:</strong></p><ul><li><a href=\"/a\">"
	    "One</a></li><li><a href=\"/b\">Two</a></li></ul></div>");
	return buf_steal(&b);
}

/* CPU time of this process: the machine is shared, wall time is not
 * ours alone. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The best of runs renderings of one article, in seconds. */
static double
best_of(const char *art, size_t len, const struct render_opts *o, int runs)
{
	struct render_doc *d;
	double t0, t, best = -1;
	int r;

	for (r = 0; r < runs; r++) {
		t0 = now();
		if (render_article(art, len, o, &d, NULL) == -1)
			exit(1);
		t = now() - t0;
		render_doc_free(d);
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

static const double *sort_by;

static int
cmp_index_desc(const void *a, const void *b)
{
	double x = sort_by[*(const int *)a], y = sort_by[*(const int *)b];

	return x < y ? 1 : x > y ? -1 : 0;
}

/* A run disturbed by the machine (another process, the hypervisor) can
 * make any article look dear three times in a row: the dearest 1% are
 * timed again, best of 10, so the worst figure is the article's own. */
static void
retime_dearest(char **arts, const size_t *lens, double *per, int n,
    const struct render_opts *o)
{
	int *idx = xcalloc((size_t)n, sizeof *idx), i, k = n / 100 + 1;
	double t;

	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_by = per;
	qsort(idx, (size_t)n, sizeof *idx, cmp_index_desc);
	for (i = 0; i < k && i < n; i++) {
		t = best_of(arts[idx[i]], lens[idx[i]], o, 10) /
		    ((double)lens[idx[i]] / 10240);
		if (t < per[idx[i]])
			per[idx[i]] = t;
	}
	free(idx);
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3000, i, r, width = 80;
	char **arts;
	size_t *lens, total = 0;
	double t0, t, t1, worst = 0, all = 0, worst_t = 0, *per;
	size_t nlinks, nlines, nquotes, all_links = 0, all_lines = 0;
	size_t worst_len = 0, worst_links = 0, worst_lines = 0;
	size_t worst_quotes = 0;
	int worst_i = 0;
	struct render_opts o;
	struct render_doc *d;

	utf8_init_locale();
	arts = xcalloc((size_t)n, sizeof *arts);
	lens = xcalloc((size_t)n, sizeof *lens);
	per = xcalloc((size_t)n, sizeof *per);
	for (i = 0; i < n; i++) {
		/* mostly 2-20 KB, some up to 200 KB */
		arts[i] = article(rnd(20) == 0 ? 20000 + rnd(180000) :
		    2000 + rnd(18000));
		lens[i] = strlen(arts[i]);
		total += lens[i];
	}
	memset(&o, 0, sizeof o);
	o.width = width;
	o.base_url = "https://news.example/a/";
	for (i = 0; i < n; i++) {
		t0 = now();
		if (render_article(arts[i], lens[i], &o, &d, NULL) == -1)
			return 1;
		t = now() - t0;
		nlinks = d->nlinks;
		nlines = d->nlines;
		nquotes = d->nquotes;
		render_doc_free(d);
		all += t;
		all_links += nlinks;
		all_lines += nlines;
		/* The article's own cost is the best of three runs: on a
		 * shared machine one run can lose its cache or its core. */
		for (r = 0; r < 2; r++) {
			t0 = now();
			render_article(arts[i], lens[i], &o, &d, NULL);
			t1 = now() - t0;
			render_doc_free(d);
			if (t1 < t)
				t = t1;
		}
		per[i] = t / ((double)lens[i] / 10240);
	}
	retime_dearest(arts, lens, per, n, &o);
	for (i = 0; i < n; i++) {
		if (per[i] > worst) {
			worst = per[i];
			worst_i = i;
		}
	}
	worst_len = lens[worst_i];
	worst_t = worst * ((double)worst_len / 10240);
	render_article(arts[worst_i], worst_len, &o, &d, NULL);
	worst_links = d->nlinks;
	worst_lines = d->nlines;
	worst_quotes = d->nquotes;
	render_doc_free(d);
	printf("articles: %d, %.1f MB, average %.1f KB\n", n,
	    (double)total / 1048576, (double)total / n / 1024);
	printf("CPU time: %.3f s  =  %.0f articles/s, %.1f MB/s\n", all, n / all,
	    (double)total / 1048576 / all);
	qsort(per, (size_t)n, sizeof *per, cmp_double);
	printf("per 10 KB: average %.3f ms; each article, best of 3: median "
	    "%.3f ms, 99th percentile %.3f ms\n", all * 1000 / ((double)total / 10240),
	    per[n / 2] * 1000, per[n * 99 / 100] * 1000);
	printf("worst article (the dearest 1%% timed again, best of 10): "
	    "%.3f ms per 10 KB (%.1f KB in %.3f ms)\n",
	    worst * 1000, (double)worst_len / 1024, worst_t * 1000);
	/* What makes it dear: links (each resolved and numbered) and lines
	 * per KB, against the average article's. */
	printf("  it is article %d: %zu links, %zu lines, %zu quotations "
	    "(%.1f links and %.1f lines a KB; all articles: %.1f and %.1f)\n",
	    worst_i, worst_links, worst_lines, worst_quotes,
	    (double)worst_links * 1024 / (double)worst_len,
	    (double)worst_lines * 1024 / (double)worst_len,
	    (double)all_links * 1024 / (double)total,
	    (double)all_lines * 1024 / (double)total);
	for (i = 0; i < n; i++)
		free(arts[i]);
	free(arts);
	free(lens);
	free(per);
	return 0;
}
