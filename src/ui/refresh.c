/* ui/refresh.c: a refresh inside the reader's event loop.
 *
 * The refresh driver never blocks: the main loop polls its descriptors
 * with stdin and calls ui_refresh_step when either is ready, so keys are
 * answered while feeds download.  As each feed lands the lists on screen
 * are counted again, keeping the selection on the same row. */
#include "config.h"

#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refresh.h"
#include "settings.h"
#include "util.h"

static void
feed_done(const struct refresh_feed_result *res, void *arg)
{
	struct ui *ui = arg;
	const char *name = res->title != NULL ? res->title : res->url;

	if (res->outcome == REFRESH_FAILED)
		ui_error(ui, "%s: %s", name, res->message != NULL ?
		    res->message : "failed");
	if (res->added > 0 || res->outcome == REFRESH_FAILED ||
	    res->moved_to != NULL)
		ui->refresh_landed = 1;
}

/* The config's transfer limits (zero fields keep the driver's own). */
static void
limits_from(const struct settings *s, struct fetch_limits *lim)
{
	lim->max_transfers = s->max_connections;
	lim->max_per_host = s->max_connections_per_host;
	lim->max_bytes = s->max_bytes;
	lim->timeout = s->timeout;
	lim->connect_timeout = s->connect_timeout;
	lim->ca_file = s->ca_file;
}

void
ui_refresh_start(struct ui *ui, const char *match)
{
	struct refresh_opts ro;
	char *cause = NULL;
	size_t n = 0;

	if (ui->refresh != NULL) {
		ui_message(ui, "a refresh is already running");
		return;
	}
	memset(&ro, 0, sizeof ro);
	ro.offline = ui->opts->offline;
	limits_from(ui->settings, &ro.limits);
	if (!ui->demo)
		ro.urls_path = ui->settings->urls_path;
	if (refresh_new(ui->store, &ro, feed_done, ui, &ui->refresh,
	    &cause) == -1 ||
	    refresh_add_matching(ui->refresh, match, &n, &cause) == -1) {
		ui_error(ui, "cannot refresh: %s", cause);
		free(cause);
		refresh_cleanup(&ui->refresh);
		return;
	}
	if (n == 0) {
		ui_message(ui, "nothing to refresh");
		refresh_cleanup(&ui->refresh);
		return;
	}
	free(ui->refresh_line);
	xasprintf(&ui->refresh_line, "refreshing 0/%zu", n);
	ui->dirty = 1;
}

size_t
ui_refresh_fds(struct ui *ui, struct pollfd *fds, size_t max, int *timeout)
{
	size_t n = 0;

	*timeout = -1;
	if (ui->refresh == NULL)
		return 0;
	if (refresh_fds(ui->refresh, fds, max, &n, timeout) == -1) {
		*timeout = 100;
		return 0;
	}
	return n;
}

/* Lists on screen counted again after feeds landed. */
static void
reload_views(struct ui *ui)
{
	char *cause = NULL;

	if (ui_feeds_load(ui, &cause) == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
	if (ui->view != UI_FEEDS)
		ui_articles_reload(ui);
}

/* The last word of a refresh replaces whatever feed error came before it:
 * the summary counts the failures, and each failed feed keeps its reason
 * on its row.  It is drawn as an error when any feed failed. */
static void
refresh_summary(struct ui *ui, const struct refresh_progress *p)
{
	char *s;

	xasprintf(&s, "refreshed %zu feed%s: %lld new, %zu failed%s",
	    p->total, p->total == 1 ? "" : "s",
	    (long long)p->new_items, p->failed, p->skipped == 0 ? "" :
	    ui->opts->offline ? ", the rest skipped (offline)" :
	    ", some skipped (Retry-After)");
	if (p->failed > 0)
		ui_error(ui, "%s", s);
	else
		ui_message(ui, "%s", s);
	free(s);
}

void
ui_refresh_step(struct ui *ui, struct pollfd *fds, size_t n)
{
	const struct refresh_progress *p;

	if (ui->refresh == NULL)
		return;
	refresh_step(ui->refresh, fds, n);
	p = refresh_progress(ui->refresh);
	free(ui->refresh_line);
	ui->refresh_line = NULL;
	if (!refresh_finished(ui->refresh))
		xasprintf(&ui->refresh_line, "refreshing %zu/%zu · %lld new",
		    p->done, p->total, (long long)p->new_items);
	else
		refresh_summary(ui, p);
	if (ui->refresh_landed) {
		ui->refresh_landed = 0;
		reload_views(ui);
	}
	if (refresh_finished(ui->refresh))
		refresh_cleanup(&ui->refresh);
	ui->dirty = 1;
}

void
ui_refresh_stop(struct ui *ui)
{
	refresh_cleanup(&ui->refresh);
	free(ui->refresh_line);
	ui->refresh_line = NULL;
}

