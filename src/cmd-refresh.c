/* cmd-refresh.c: herald refresh, every feed (or those of one URL or tag)
 * fetched into the cache.
 *
 * On a terminal one progress line moves while the feeds land, and only
 * failures and moves are printed above it; otherwise each feed gets one
 * line as it finishes, for logs and scripts:
 *
 *	updated https://example.org/feed.xml: 3 new, 50 items
 *	unchanged https://example.org/other.xml
 *	failed https://example.org/gone.xml: 410 Gone: consider removing ...
 *
 * The exit status is 0 when at least one feed reached the cache (updated
 * or confirmed unchanged), 1 with the reason when nothing could be. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "curlload.h"
#include "refresh.h"
#include "settings.h"
#include "store.h"
#include "urls.h"
#include "utf8.h"
#include "util.h"

struct cmd_refresh {
	struct refresh	*r;
	int		 tty;
	int64_t		 last_draw;	/* ms */
	int		 drawn;		/* a progress line is on screen */
	int64_t		 start;
};

static const char *outcome_words[] = {
	"updated", "unchanged", "failed", "skipped",
};

/* Text from feeds and servers, safe for a terminal. */
static void
put_clean(FILE *f, const char *s)
{
	char *c;

	if (s == NULL)
		return;
	c = utf8_clean(s, strlen(s), 0);
	fputs(c, f);
	free(c);
}

static void
size_words(int64_t n, char *out, size_t len)
{
	if (n >= 10 * 1048576)
		snprintf(out, len, "%lld MiB", (long long)(n / 1048576));
	else if (n >= 1048576)
		snprintf(out, len, "%.1f MiB", (double)n / 1048576);
	else if (n >= 1024)
		snprintf(out, len, "%lld KiB", (long long)(n / 1024));
	else
		snprintf(out, len, "%lld bytes", (long long)n);
}

static void
progress_clear(struct cmd_refresh *c)
{
	if (c->drawn) {
		fputs("\r\033[K", stdout);
		c->drawn = 0;
	}
}

static void
progress_draw(struct cmd_refresh *c, int force)
{
	const struct refresh_progress *p = refresh_progress(c->r);
	int64_t now = monotonic_ms();
	char size[32];

	if (!c->tty || (!force && now - c->last_draw < 100))
		return;
	c->last_draw = now;
	size_words(p->bytes, size, sizeof size);
	printf("\r\033[Krefreshing: %zu/%zu feeds, %s, %lld new item%s",
	    p->done, p->total, size, (long long)p->new_items,
	    p->new_items == 1 ? "" : "s");
	if (p->failed > 0)
		printf(", %zu failed", p->failed);
	fflush(stdout);
	c->drawn = 1;
}

static void
progress_tick(void *arg)
{
	progress_draw(arg, 0);
}

/* One feed landed. */
static void
feed_done(const struct refresh_feed_result *res, void *arg)
{
	struct cmd_refresh *c = arg;
	int loud = res->outcome == REFRESH_FAILED || res->moved_to != NULL;

	if (c->tty && !loud)
		return;
	progress_clear(c);
	printf("%s ", outcome_words[res->outcome]);
	put_clean(stdout, res->url);
	if (res->outcome == REFRESH_UPDATED)
		printf(": %d new, %d item%s", res->added, res->items,
		    res->items == 1 ? "" : "s");
	if (res->message != NULL) {
		fputs(": ", stdout);
		put_clean(stdout, res->message);
	}
	putchar('\n');
	if (res->moved_to != NULL) {
		fputs("moved ", stdout);
		put_clean(stdout, res->url);
		fputs(" -> ", stdout);
		put_clean(stdout, res->moved_to);
		fputs(" (a permanent redirect: the feed list now says so)\n",
		    stdout);
	}
	fflush(stdout);
	progress_draw(c, 1);
}

static void
summary(struct cmd_refresh *c)
{
	const struct refresh_progress *p = refresh_progress(c->r);
	char size[32];

	progress_clear(c);
	size_words(p->bytes, size, sizeof size);
	printf("%zu feed%s: %zu updated (%lld new item%s), %zu unchanged, "
	    "%zu failed", p->total, p->total == 1 ? "" : "s", p->updated,
	    (long long)p->new_items, p->new_items == 1 ? "" : "s",
	    p->unchanged, p->failed);
	if (p->skipped > 0)
		printf(", %zu skipped", p->skipped);
	printf("; %s in %.1f s\n", size,
	    (double)(monotonic_ms() - c->start) / 1000);
	fflush(stdout);
}

/* Options of the command itself; -1 after saying what is wrong. */
static int
parse_args(int argc, char **argv, const char **match, int *jobs,
    struct fetch_limits *lim)
{
	char *end;
	long v;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--feed") == 0 && i + 1 < argc) {
			*match = argv[++i];
			continue;
		}
		if (i + 1 >= argc || (strcmp(argv[i], "--jobs") != 0 &&
		    strcmp(argv[i], "--timeout") != 0)) {
			cli_error("usage: herald refresh [--feed URL|TAG] "
			    "[--jobs N] [--timeout SECONDS]");
			return -1;
		}
		v = strtol(argv[i + 1], &end, 10);
		if (*end != '\0' || v < 1 || v > 1000) {
			cli_error("%s wants a number from 1 to 1000, not '%s'",
			    argv[i], argv[i + 1]);
			return -1;
		}
		if (strcmp(argv[i], "--jobs") == 0)
			*jobs = (int)v;
		else {
			lim->timeout = v;
			lim->connect_timeout = v < 15 ? v : 15;
			lim->low_speed_time = v / 2 < 1 ? 1 : v / 2 > 20 ? 20 :
			    v / 2;
		}
		i++;
	}
	return 0;
}

static void
show_errors(char **errors, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cli_error("warning: %s", errors[i]);
}

/* Settings, the urls file and the cache, the cache's feeds in line with
 * the urls file.  NULL after saying why. */
static struct store *
open_all(const struct herald_opts *o, struct settings **sp, char **why)
{
	struct settings *s;
	struct store *st = NULL;
	struct urls *u = NULL;

	*sp = NULL;
	if (settings_init(o, &s, why) == -1)
		return NULL;
	show_errors(s->errors, s->nerrors);
	if (urls_load(s->urls_path, &u, why) == -1)
		goto out;
	show_errors(u->errors, u->nerrors);
	if (u->n == 0) {
		xasprintf(why, "no feeds to refresh: %s lists none (add one "
		    "with: herald add URL)", s->urls_path);
		goto out;
	}
	if (store_open(s->cache_path, 0, &st, why) == -1)
		goto out;
	if (store_sync_feeds(st, u, why) == -1) {
		store_close(&st);
		goto out;
	}
	store_set_retention(st, s->max_items_per_feed, s->keep_days);
out:
	urls_free(u);
	if (st == NULL)
		settings_free(s);
	else
		*sp = s;
	return st;
}

static void
limits_from(const struct settings *s, int jobs, struct fetch_limits *lim)
{
	lim->max_transfers = jobs > 0 ? jobs : s->max_connections;
	lim->max_per_host = s->max_connections_per_host;
	lim->max_bytes = s->max_bytes;
	if (lim->timeout == 0) {
		lim->timeout = s->timeout;
		lim->low_speed_time = s->timeout / 2 < 1 ? 1 :
		    s->timeout / 2 > 20 ? 20 : s->timeout / 2;
	}
	if (lim->connect_timeout == 0)
		lim->connect_timeout = s->connect_timeout;
	lim->ca_file = s->ca_file;
}

/* Why nothing reached the cache, in words, or NULL when something did. */
static const char *
nothing_reason(const struct refresh_progress *p, int offline)
{
	if (p->updated + p->unchanged > 0)
		return NULL;
	if (p->total == 0)
		return "no feed to refresh";
	if (offline && p->skipped == p->total)
		return "nothing fetched: --offline, and every feed is on the "
		    "network";
	if (p->skipped == p->total)
		return "nothing fetched: every feed asked to be left alone "
		    "for now (Retry-After)";
	return "nothing could be fetched: every feed failed";
}

int
cmd_refresh(const struct herald_opts *o, int argc, char **argv)
{
	struct cmd_refresh c;
	struct refresh_opts ro;
	struct settings *s;
	struct store *st;
	const char *match = NULL, *why;
	char *cause = NULL;
	size_t n = 0;
	int jobs = 0, rc = 1;

	memset(&c, 0, sizeof c);
	memset(&ro, 0, sizeof ro);
	if (parse_args(argc, argv, &match, &jobs, &ro.limits) == -1)
		return 2;
	c.start = monotonic_ms();
	if (!o->offline)
		curlload_prefetch();	/* while the cache opens */
	if ((st = open_all(o, &s, &cause)) == NULL) {
		cli_error("%s", cause);
		free(cause);
		return 1;
	}
	limits_from(s, jobs, &ro.limits);
	ro.offline = o->offline;
	ro.urls_path = s->urls_path;
	c.tty = isatty(STDOUT_FILENO);
	if (refresh_new(st, &ro, feed_done, &c, &c.r, &cause) == -1 ||
	    refresh_add_matching(c.r, match, &n, &cause) == -1) {
		cli_error("%s", cause);
		goto out;
	}
	if (n == 0 && match != NULL) {
		cli_error("no feed or tag matches '%s'", match);
		goto out;
	}
	progress_draw(&c, 1);
	refresh_wait(c.r, progress_tick, &c);
	summary(&c);
	if ((why = nothing_reason(refresh_progress(c.r), o->offline)) != NULL)
		cli_error("%s", why);
	else
		rc = 0;
out:
	free(cause);
	refresh_cleanup(&c.r);
	store_close(&st);
	settings_free(s);
	return rc;
}
