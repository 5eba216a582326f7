/* ui/articles.c: the article list, newest first.
 *
 * The list is never loaded whole: the cache is asked for its count and
 * for a window of rows around the selection, and the window moves as the
 * selection does, so a list of 100,000 items costs a page of rows. */
#include "config.h"

#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

#define WINDOW_MIN	128

static void
drop_rows(struct ui *ui)
{
	store_rows_free(ui->rows, ui->nrows);
	ui->rows = NULL;
	ui->nrows = 0;
	ui->rows_off = 0;
}

void
ui_articles_free(struct ui *ui)
{
	drop_rows(ui);
	free(ui->query_tag);
	free(ui->query_search);
	free(ui->list_title);
	ui->query_tag = ui->query_search = ui->list_title = NULL;
	memset(&ui->query, 0, sizeof ui->query);
}

/* Count the list again; the window is reloaded on the next draw. */
static void
recount(struct ui *ui)
{
	char *cause = NULL;

	if (store_count(ui->store, &ui->query, &ui->list_total,
	    &ui->list_unread, &cause) == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
		ui->list_total = ui->list_unread = 0;
	}
}

void
ui_articles_enter(struct ui *ui, const struct store_query *q,
    const char *title)
{
	char *tag = q->tag != NULL ? xstrdup(q->tag) : NULL;
	char *search = q->search != NULL ? xstrdup(q->search) : NULL;
	char *t = xstrdup(title);
	struct store_query copy = *q;

	ui_articles_free(ui);
	ui->query = copy;
	ui->query.tag = ui->query_tag = tag;
	ui->query.search = ui->query_search = search;
	ui->list_title = t;
	ui->art_sel = ui->art_top = 0;
	ui->view = UI_ARTICLES;
	recount(ui);
	if (search != NULL && ui->list_total == 0 && ui->message == NULL)
		ui_message(ui, "nothing in the cache matches '%s'", search);
	ui->dirty = 1;
}

/* A reload after the cache changed (a refresh landed): the selection
 * stays on the same article when it can be found near where it was. */
void
ui_articles_reload(struct ui *ui)
{
	struct store_row *r = ui_articles_row(ui, ui->art_sel);
	int64_t id = r != NULL ? r->id : -1, old = ui->art_sel, i, lo;

	drop_rows(ui);
	recount(ui);
	if (id != -1) {
		lo = old - 8 > 0 ? old - 8 : 0;
		for (i = lo; i < ui->list_total && i < old + 512; i++) {
			if ((r = ui_articles_row(ui, i)) != NULL && r->id == id) {
				ui->art_top += i - old;
				ui->art_sel = i;
				break;
			}
		}
	}
	if (ui->art_sel >= ui->list_total)
		ui->art_sel = ui->list_total > 0 ? ui->list_total - 1 : 0;
	ui->dirty = 1;
}

struct store_row *
ui_articles_row(struct ui *ui, int64_t i)
{
	char *cause = NULL;
	int64_t off;
	int limit = LINES * 2 > WINDOW_MIN ? LINES * 2 : WINDOW_MIN;

	if (i < 0 || i >= ui->list_total)
		return NULL;
	if (i >= ui->rows_off && i < ui->rows_off + (int64_t)ui->nrows)
		return &ui->rows[i - ui->rows_off];
	drop_rows(ui);
	off = i - limit / 2 > 0 ? i - limit / 2 : 0;
	if (store_rows(ui->store, &ui->query, off, limit, &ui->rows,
	    &ui->nrows, &cause) == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
		return NULL;
	}
	ui->rows_off = off;
	if (i >= ui->rows_off + (int64_t)ui->nrows)
		return NULL;
	return &ui->rows[i - ui->rows_off];
}

int
ui_articles_step(struct ui *ui, int dir, int unread_only)
{
	struct store_row *r;
	int64_t i;

	for (i = ui->art_sel + dir; i >= 0 && i < ui->list_total; i += dir) {
		if ((r = ui_articles_row(ui, i)) == NULL)
			return 0;
		if (!unread_only || !r->read) {
			ui->art_sel = i;
			ui->dirty = 1;
			return 1;
		}
	}
	return 0;
}

/* dw is the date column's width: the widest date on screen. */
static void
draw_row(struct ui *ui, int y, const struct store_row *r, int sel,
    int merged, int dw)
{
	char date[32];
	int x, fw = 0, w;
	const char *feed = r->feed_title != NULL ? r->feed_title : "";

	ui_set_style(ui, sel ? THEME_SELECTED : r->read ? THEME_READ :
	    THEME_UNREAD);
	ui_fill(y, 0, COLS);
	if (!r->read)
		ui_put(ui, y, 1, "\u2022", 1);
	if (r->starred) {
		ui_set_style(ui, sel ? THEME_SELECTED : THEME_STAR);
		ui_put(ui, y, 3, "\u2605", 1);
	}
	ui_short_date(r->published, date, sizeof date);
	ui_set_style(ui, sel ? THEME_SELECTED : THEME_DATE);
	ui_put(ui, y, 5, date, dw);
	x = 5 + dw + 2;
	if (merged) {
		fw = COLS / 4 > 24 ? 24 : COLS / 4;
		w = (int)utf8_width(feed, strlen(feed));
		if (w < fw)
			fw = w;
	}
	ui_set_style(ui, sel ? THEME_SELECTED : r->read ? THEME_READ :
	    THEME_UNREAD);
	ui_put(ui, y, x, r->title, COLS - x - 1 - (fw > 0 ? fw + 2 : 0));
	if (fw > 0) {
		ui_set_style(ui, sel ? THEME_SELECTED : THEME_FEED);
		ui_put(ui, y, COLS - 1 - fw, feed, fw);
	}
}

void
ui_articles_draw(struct ui *ui)
{
	char title[512];
	struct store_row *r;
	char date[32];
	int h = LINES - 2, i, dw = 6, w;
	int merged = ui->query.feed_id == 0;

	snprintf(title, sizeof title, "%s · %lld unread of %lld",
	    ui->list_title, (long long)ui->list_unread,
	    (long long)ui->list_total);
	ui_title_draw(ui, title);
	if (ui->art_sel < ui->art_top)
		ui->art_top = ui->art_sel;
	if (ui->art_sel >= ui->art_top + h)
		ui->art_top = ui->art_sel - h + 1;
	if (ui->art_top < 0)
		ui->art_top = 0;
	for (i = 0; i < h; i++) {
		if ((r = ui_articles_row(ui, ui->art_top + i)) == NULL)
			break;
		ui_short_date(r->published, date, sizeof date);
		if ((w = (int)strlen(date)) > dw)
			dw = w;
	}
	for (i = 0; i < h; i++) {
		if ((r = ui_articles_row(ui, ui->art_top + i)) == NULL)
			break;
		draw_row(ui, 1 + i, r, ui->art_top + i == ui->art_sel, merged,
		    dw);
	}
	if (ui->list_total == 0) {
		ui_set_style(ui, THEME_NOTE);
		ui_put(ui, 2, 3, ui->query.search != NULL ?
		    "No article matches." : "Nothing here.", COLS - 4);
	}
	ui_set_style(ui, THEME_TEXT);
}

/* s and m on a row: the cache first, then the window and the counts. */
static void
toggle(struct ui *ui, struct store_row *r, int star)
{
	char *cause = NULL;
	int v = star ? !r->starred : !r->read, rc;

	rc = star ? store_set_starred(ui->store, r->id, v, &cause) :
	    store_set_read(ui->store, r->id, v, &cause);
	if (rc == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	if (star) {
		r->starred = v;
		ui_message(ui, v ? "starred" : "unstarred");
	} else {
		r->read = v;
		ui->list_unread += v ? -1 : 1;
		ui_message(ui, v ? "marked read" : "marked unread");
	}
}

static const char *
feed_url(struct ui *ui, int64_t feed_id)
{
	size_t i;

	for (i = 0; i < ui->nfeeds; i++) {
		if (ui->feeds[i].id == feed_id)
			return ui->feeds[i].url;
	}
	return NULL;
}

void
ui_articles_key(struct ui *ui, enum keys_action a, int key)
{
	struct store_row *r = ui_articles_row(ui, ui->art_sel);
	int h = LINES - 2;
	char *cause = NULL;

	switch (a) {
	case KEYS_UP:
		ui->art_sel--;
		break;
	case KEYS_DOWN:
		ui->art_sel++;
		break;
	case KEYS_PAGE_UP:
		ui->art_sel -= h;
		ui->art_top -= h;
		break;
	case KEYS_PAGE_DOWN:
		ui->art_sel += h;
		ui->art_top += h;
		break;
	case KEYS_TOP:
		ui->art_sel = 0;
		break;
	case KEYS_BOTTOM:
		ui->art_sel = ui->list_total - 1;
		break;
	case KEYS_OPEN:
		if (r != NULL)
			ui_article_open(ui, r->id);
		return;
	case KEYS_QUIT:
	case KEYS_BACK:
		ui->view = UI_FEEDS;
		if (ui_feeds_load(ui, &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
		}
		ui->dirty = 1;
		return;
	case KEYS_NEXT_UNREAD:
	case KEYS_PREV_UNREAD:
		if (!ui_articles_step(ui, a == KEYS_NEXT_UNREAD ? 1 : -1, 1))
			ui_message(ui, "no more unread articles");
		break;
	case KEYS_STAR:
	case KEYS_TOGGLE_READ:
		if (r != NULL)
			toggle(ui, r, a == KEYS_STAR);
		break;
	case KEYS_MARK_FEED_READ:
		if (ui->query.feed_id == 0) {
			ui_message(ui, "open one feed to mark it all read");
			return;
		}
		if (store_mark_feed_read(ui->store, ui->query.feed_id,
		    &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
			return;
		}
		ui_articles_reload(ui);
		ui_message(ui, "all marked read");
		break;
	case KEYS_REFRESH:
		if (r != NULL)
			ui_refresh_start(ui, feed_url(ui, r->feed_id));
		return;
	case KEYS_REFRESH_ALL:
		ui_refresh_start(ui, NULL);
		return;
	case KEYS_SEARCH:
		ui_prompt_start(ui, UI_PROMPT_SEARCH, NULL);
		return;
	case KEYS_BROWSER:
		if (r != NULL && r->link != NULL &&
		    ui_browser_open(ui, r->link, &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
		}
		return;
	default:
		return;
	}
	if (ui->art_sel >= ui->list_total)
		ui->art_sel = ui->list_total - 1;
	if (ui->art_sel < 0)
		ui->art_sel = 0;
	if (ui->art_top < 0)
		ui->art_top = 0;
	ui->dirty = 1;
}
