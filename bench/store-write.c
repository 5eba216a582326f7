/* store-write.c: the cost of store_feed_update, the write half of a
 * refresh, without fetching or parsing.  Built by bench/store-write.sh.
 *
 *	store-write CACHE FEEDS ITEMS
 *
 * Writes FEEDS feeds of ITEMS generated items into a new cache (the first
 * refresh), the same again (a refresh where every feed answered 200 with
 * nothing new), then again with every fifth item's text changed, and
 * prints the CPU and wall time of each. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed.h"
#include "store.h"
#include "util.h"

static double
ms(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* About 2 KB of text an item, words from a small vocabulary. */
static struct feed *
make_feed(int feed, int items, int round)
{
	static const char *const words[] = { "harbour", "council", "ferry",
	    "lighthouse", "orchard", "library", "market", "bridge", "station",
	    "tunnel", "garden", "museum", "winter", "river", "tower" };
	struct feed *f = xcalloc(1, sizeof *f);
	struct feed_item *it;
	struct buf b;
	int i, k;

	f->meta.title = xstrdup("Bench");
	f->items = xcalloc((size_t)items, sizeof *f->items);
	for (i = 0; i < items; i++) {
		it = xcalloc(1, sizeof *it);
		xasprintf(&it->guid, "https://b%d.example/%d", feed, i);
		xasprintf(&it->link, "https://b%d.example/%d", feed, i);
		xasprintf(&it->title, "Story %d of feed %d: the %s", i, feed,
		    words[(i + feed) % 15]);
		buf_init(&b, 0);
		buf_printf(&b, "<p>Round %d. \xe2\x80\x9c" "A quote,\xe2\x80\x9d "
		    "said the clerk.</p><p>", i % 5 == 0 ? round : 0);
		for (k = 0; k < 300; k++)
			buf_printf(&b, "%s ", words[(k * 7 + i * 3 + feed) % 15]);
		buf_adds(&b, "</p>");
		it->content = buf_steal(&b);
		it->published = 1700000000 + i * 60 + feed;
		it->updated = FEED_NO_DATE;
		f->items[f->nitems++] = it;
	}
	return f;
}

static void
free_feed(struct feed *f)
{
	size_t i;

	for (i = 0; i < f->nitems; i++) {
		free(f->items[i]->guid);
		free(f->items[i]->link);
		free(f->items[i]->title);
		free(f->items[i]->content);
		free(f->items[i]);
	}
	free(f->items);
	free(f->meta.title);
	free(f);
}

static int
pass(struct store *s, int feeds, int items, int round, const char *what)
{
	struct feed *f;
	char *cause = NULL;
	double w = ms(CLOCK_MONOTONIC), c = ms(CLOCK_PROCESS_CPUTIME_ID);
	int i, added, total = 0;

	for (i = 0; i < feeds; i++) {
		f = make_feed(i, items, round);
		if (store_feed_update(s, i + 1, f, NULL, NULL, &added,
		    &cause) == -1) {
			fprintf(stderr, "%s\n", cause);
			return -1;
		}
		total += added;
		free_feed(f);
	}
	printf("%-34s %6d new %8.0f ms CPU %8.0f ms wall\n", what, total,
	    ms(CLOCK_PROCESS_CPUTIME_ID) - c, ms(CLOCK_MONOTONIC) - w);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store *s;
	char *cause = NULL, *url;
	int feeds, items, i;

	if (argc != 4)
		return 2;
	feeds = atoi(argv[2]);
	items = atoi(argv[3]);
	if (store_open(argv[1], 0, &s, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	for (i = 0; i < feeds; i++) {
		xasprintf(&url, "https://b%d.example/feed", i);
		store_feed_add(s, url, NULL, NULL, NULL, &cause);
		free(url);
	}
	if (pass(s, feeds, items, 0, "first refresh (all new)") == -1 ||
	    pass(s, feeds, items, 0, "again, nothing changed") == -1 ||
	    pass(s, feeds, items, 1, "again, 1 item in 5 changed") == -1)
		return 1;
	store_close(&s);
	return 0;
}
