/* cmd-list.c: herald search and herald list, the cache read by scripts.
 * One article a line: date, feed, title, link, separated by tabs (which
 * utf8_clean guarantees no field holds). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "settings.h"
#include "store.h"
#include "utf8.h"
#include "util.h"

#define PAGE	500

/* A field with its tabs and newlines turned to spaces (they would split
 * the line) and every other control character dropped. */
static void
put_field(const char *s, int last)
{
	char *c, *p;

	c = utf8_clean(s != NULL ? s : "", s != NULL ? strlen(s) : 0,
	    UTF8_KEEP_NEWLINE | UTF8_KEEP_TAB);
	for (p = c; *p != '\0'; p++) {
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	}
	fputs(*c != '\0' ? c : "-", stdout);
	putchar(last ? '\n' : '\t');
	free(c);
}

static void
put_row(const struct store_row *r)
{
	char date[32] = "-";
	time_t t;
	struct tm tm;

	if (r->published != FEED_NO_DATE) {
		t = (time_t)r->published;
		if (gmtime_r(&t, &tm) != NULL)
			strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
	}
	put_field(date, 0);
	put_field(r->feed_title, 0);
	put_field(r->title, 0);
	put_field(r->link, 1);
}

/* Opens the cache for reading; a cache that does not exist yet is said
 * plainly rather than made. */
static struct store *
open_cache(const struct herald_opts *o)
{
	struct settings *s = settings_new();
	struct store *st = NULL;
	char *cause = NULL;

	if (settings_paths(s, o, 0, &cause) == 0) {
		if (access(s->cache_path, F_OK) == -1)
			xasprintf(&cause, "nothing is cached yet (no %s): run "
			    "herald refresh first", s->cache_path);
		else if (store_open(s->cache_path, 0, &st, &cause) == -1 &&
		    store_open(s->cache_path, STORE_READONLY, &st, NULL) == 0) {
			/* Reading needs no write access (a read-only
			 * folder, another user's cache). */
			free(cause);
			cause = NULL;
		}
	}
	if (st == NULL) {
		cli_error("%s", cause);
		free(cause);
	}
	settings_free(s);
	return st;
}

/* Prints every row of q (up to max, 0 for all), a page at a time: by
 * keyset newest first, by offset when ranked.  Returns how many, -1 on
 * error. */
static int64_t
print_rows(struct store *st, struct store_query *q, int64_t max)
{
	struct store_row *rows;
	char *cause = NULL;
	size_t n, i;
	int64_t done = 0;
	int want;

	for (;;) {
		want = max > 0 && max - done < PAGE ? (int)(max - done) : PAGE;
		if (store_rows(st, q, q->by_rank ? done : 0, want, &rows, &n,
		    &cause) == -1) {
			cli_error("%s", cause);
			free(cause);
			return -1;
		}
		for (i = 0; i < n; i++)
			put_row(&rows[i]);
		if (n > 0) {
			q->after_date = rows[n - 1].sort_date;
			q->after_id = rows[n - 1].id;
		}
		store_rows_free(rows, n);
		done += (int64_t)n;
		if ((int)n < want || (max > 0 && done >= max))
			return done;
	}
}

int
cmd_search(const struct herald_opts *o, int argc, char **argv)
{
	struct store_query q;
	struct store *st;
	struct buf query;
	int64_t n, limit = 50;
	char *end;
	int i;

	buf_init(&query, 0);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			limit = strtoll(argv[++i], &end, 10);
			if (*end != '\0' || limit < 0) {
				cli_error("--limit takes a number");
				buf_free(&query);
				return 2;
			}
			continue;
		}
		if (query.len != 0)
			buf_addc(&query, ' ');
		buf_adds(&query, argv[i]);
	}
	if (query.len == 0) {
		cli_error("usage: herald search [--limit N] QUERY");
		return 2;
	}
	if ((st = open_cache(o)) == NULL) {
		buf_free(&query);
		return 1;
	}
	memset(&q, 0, sizeof q);
	q.search = query.data;
	q.by_rank = 1;
	n = print_rows(st, &q, limit);
	if (n == 0)
		cli_error("no article matches %s", query.data);
	store_close(&st);
	buf_free(&query);
	return n > 0 ? 0 : 1;
}

int
cmd_list(const struct herald_opts *o, int argc, char **argv)
{
	struct store_query q;
	struct store *st;
	int64_t n;
	int i;

	memset(&q, 0, sizeof q);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--unread") == 0)
			q.unread_only = 1;
		else if (strcmp(argv[i], "--starred") == 0)
			q.starred_only = 1;
		else if (strcmp(argv[i], "--tag") == 0 && i + 1 < argc)
			q.tag = argv[++i];
		else {
			cli_error("usage: herald list [--unread] [--starred] "
			    "[--tag TAG]");
			return 2;
		}
	}
	if ((st = open_cache(o)) == NULL)
		return 1;
	n = print_rows(st, &q, 0);
	store_close(&st);
	return n >= 0 ? 0 : 1;
}
