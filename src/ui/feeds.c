/* ui/feeds.c: the feed list.  "All unread" and "Starred" come first, then
 * the feeds in the order of the urls file (the store keeps it), filtered
 * by a tag when one is chosen.  A feed whose last refresh failed carries a
 * mark; the reason is on the status line while it is selected. */
#include "config.h"

#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "settings.h"
#include "utf8.h"
#include "util.h"

/* True when the feed carries tag (tags may hold spaces). */
static int
has_tag(const struct store_feed *f, const char *tag)
{
	size_t i;

	for (i = 0; i < f->ntags; i++) {
		if (strcmp(f->tagv[i], tag) == 0)
			return 1;
	}
	return 0;
}

static int
by_title(const void *a, const void *b)
{
	const struct store_feed *x = a, *y = b;

	return strcasecmp(x->title != NULL ? x->title : x->url,
	    y->title != NULL ? y->title : y->url);
}

static int
by_unread(const void *a, const void *b)
{
	const struct store_feed *x = a, *y = b;

	if (x->unread != y->unread)
		return x->unread > y->unread ? -1 : 1;
	return x->position - y->position;
}

/* The order the config asks for; the store gives the urls file's. */
static void
sort_feeds(struct ui *ui)
{
	if (ui->settings->feed_sort == SETTINGS_SORT_TITLE)
		qsort(ui->feeds, ui->nfeeds, sizeof *ui->feeds, by_title);
	else if (ui->settings->feed_sort == SETTINGS_SORT_UNREAD)
		qsort(ui->feeds, ui->nfeeds, sizeof *ui->feeds, by_unread);
}

static void
add_entry(struct ui *ui, enum ui_entry_kind kind, size_t feed,
    int64_t unread, int64_t total)
{
	struct ui_entry *e;

	ui->entries = xreallocarray(ui->entries, ui->nentries + 1,
	    sizeof *ui->entries);
	e = &ui->entries[ui->nentries++];
	e->kind = kind;
	e->feed = feed;
	e->unread = unread;
	e->total = total;
}

int
ui_feeds_load(struct ui *ui, char **cause)
{
	struct store_query q;
	int64_t unread = 0, starred = 0, total = 0, ignore;
	int64_t sel_id = -1;
	size_t i;

	if (ui->feed_sel >= 2 && (size_t)ui->feed_sel < ui->nentries)
		sel_id = ui->feeds[ui->entries[ui->feed_sel].feed].id;
	ui_feeds_free(ui);
	if (store_feeds(ui->store, &ui->feeds, &ui->nfeeds, cause) == -1)
		return -1;
	sort_feeds(ui);
	for (i = 0; i < ui->nfeeds; i++) {
		if (ui->tag == NULL || has_tag(&ui->feeds[i], ui->tag)) {
			unread += ui->feeds[i].unread;
			total += ui->feeds[i].total;
		}
	}
	memset(&q, 0, sizeof q);
	q.starred_only = 1;
	q.tag = ui->tag;
	if (store_count(ui->store, &q, &starred, &ignore, cause) == -1)
		return -1;
	add_entry(ui, UI_ENTRY_UNREAD, 0, unread, total);
	add_entry(ui, UI_ENTRY_STARRED, 0, ignore, starred);
	for (i = 0; i < ui->nfeeds; i++) {
		if (ui->tag != NULL && !has_tag(&ui->feeds[i], ui->tag))
			continue;
		if (ui->feeds[i].id == sel_id)
			ui->feed_sel = (int)ui->nentries;
		add_entry(ui, UI_ENTRY_FEED, i, ui->feeds[i].unread,
		    ui->feeds[i].total);
	}
	if (ui->feed_sel >= (int)ui->nentries)
		ui->feed_sel = (int)ui->nentries - 1;
	ui->dirty = 1;
	return 0;
}

void
ui_feeds_free(struct ui *ui)
{
	store_feeds_free(ui->feeds, ui->nfeeds);
	ui->feeds = NULL;
	ui->nfeeds = 0;
	free(ui->entries);
	ui->entries = NULL;
	ui->nentries = 0;
}

static const char *
entry_title(struct ui *ui, const struct ui_entry *e)
{
	const struct store_feed *f;

	if (e->kind == UI_ENTRY_UNREAD)
		return "All unread";
	if (e->kind == UI_ENTRY_STARRED)
		return "Starred";
	f = &ui->feeds[e->feed];
	return f->title != NULL && *f->title != '\0' ? f->title : f->url;
}

/* One row: failed mark, unread/total, title, tags, last update. */
static void
draw_row(struct ui *ui, int y, const struct ui_entry *e, int cw, int sel)
{
	const struct store_feed *f = e->kind == UI_ENTRY_FEED ?
	    &ui->feeds[e->feed] : NULL;
	char counts[48], date[32] = "", tags[64] = "";
	int x, tw = 0, dw = 0, titlew;
	enum theme_role base;

	base = sel ? THEME_SELECTED : e->unread > 0 ? THEME_UNREAD :
	    THEME_READ;
	ui_set_style(ui, base);
	ui_fill(y, 0, COLS);
	if (f != NULL && f->last_error != NULL) {
		ui_set_style(ui, sel ? THEME_SELECTED : THEME_ERROR);
		ui_put(ui, y, 1, "!", 1);
	}
	if (e->kind == UI_ENTRY_STARRED)
		snprintf(counts, sizeof counts, "%lld", (long long)e->total);
	else
		snprintf(counts, sizeof counts, "%lld/%lld",
		    (long long)e->unread, (long long)e->total);
	ui_set_style(ui, base);
	x = 3 + cw - (int)strlen(counts);
	ui_put(ui, y, x, counts, cw);
	if (f != NULL) {
		ui_short_date(f->last_success, date, sizeof date);
		if (f->tags != NULL && *f->tags != '\0')
			snprintf(tags, sizeof tags, "%s", f->tags);
		dw = (int)utf8_width(date, strlen(date));
		tw = (int)utf8_width(tags, strlen(tags));
		if (tw > 20)
			tw = 20;
	}
	x = 3 + cw + 2;
	titlew = COLS - x - 1 - (tw > 0 ? tw + 2 : 0) - (dw > 0 ? dw + 2 : 0);
	if (titlew < 10) {
		titlew = COLS - x - 1;
		tw = dw = 0;
	}
	ui_put(ui, y, x, entry_title(ui, e), titlew);
	if (tw > 0) {
		ui_set_style(ui, sel ? THEME_SELECTED : THEME_TAG);
		ui_put(ui, y, COLS - 1 - (dw > 0 ? dw + 2 : 0) - tw, tags, tw);
	}
	if (dw > 0) {
		ui_set_style(ui, sel ? THEME_SELECTED : THEME_DATE);
		ui_put(ui, y, COLS - 1 - dw, date, dw);
	}
}

/* Keep the selection inside the visible rows. */
static void
scroll_into_view(int sel, int *top, int h)
{
	if (sel < *top)
		*top = sel;
	if (sel >= *top + h)
		*top = sel - h + 1;
	if (*top < 0)
		*top = 0;
}

void
ui_feeds_draw(struct ui *ui)
{
	char title[256], counts[48];
	int h = LINES - 2, cw = 5, i, len;

	if (ui->tag != NULL)
		snprintf(title, sizeof title, "herald · Feeds tagged %s",
		    ui->tag);
	else
		snprintf(title, sizeof title, "herald · Feeds%s",
		    ui->demo ? " (demo: press Enter to read, ? for help)" : "");
	ui_title_draw(ui, title);
	for (i = 0; i < (int)ui->nentries; i++) {
		len = snprintf(counts, sizeof counts, "%lld/%lld",
		    (long long)ui->entries[i].unread,
		    (long long)ui->entries[i].total);
		if (len > cw)
			cw = len;
	}
	scroll_into_view(ui->feed_sel, &ui->feed_top, h);
	for (i = 0; i < h && ui->feed_top + i < (int)ui->nentries; i++)
		draw_row(ui, 1 + i, &ui->entries[ui->feed_top + i], cw,
		    ui->feed_top + i == ui->feed_sel);
	if (ui->nfeeds == 0 && h > 4) {
		ui_set_style(ui, THEME_NOTE);
		ui_put(ui, 4, 3, "No feeds in the cache yet: add one with "
		    "`herald add URL`, then press R.", COLS - 4);
	}
	ui_set_style(ui, THEME_TEXT);
}

/* Say why the selected feed failed, or clear what was said. */
static void
selection_changed(struct ui *ui)
{
	const struct ui_entry *e = &ui->entries[ui->feed_sel];
	const struct store_feed *f;

	free(ui->message);
	ui->message = NULL;
	if (e->kind != UI_ENTRY_FEED)
		return;
	f = &ui->feeds[e->feed];
	if (f->last_error != NULL)
		ui_error(ui, "last refresh failed: %s", f->last_error);
}

static void
open_entry(struct ui *ui)
{
	const struct ui_entry *e = &ui->entries[ui->feed_sel];
	struct store_query q;

	memset(&q, 0, sizeof q);
	q.tag = ui->tag;
	q.unread_only = !ui->settings->show_read;
	if (e->kind == UI_ENTRY_UNREAD)
		q.unread_only = 1;
	else if (e->kind == UI_ENTRY_STARRED)
		q.starred_only = 1;
	else
		q.feed_id = ui->feeds[e->feed].id;
	ui_articles_enter(ui, &q, entry_title(ui, e));
}

/* t: the next tag of the feeds in alphabetical order, then none again. */
static void
next_tag(struct ui *ui)
{
	const char *best = NULL, *w;
	size_t i, j;

	for (i = 0; i < ui->nfeeds; i++) {
		for (j = 0; j < ui->feeds[i].ntags; j++) {
			w = ui->feeds[i].tagv[j];
			if (ui->tag != NULL && strcmp(w, ui->tag) <= 0)
				continue;
			if (best == NULL || strcmp(w, best) < 0)
				best = w;
		}
	}
	free(ui->tag);
	ui->tag = best != NULL ? xstrdup(best) : NULL;
	ui->feed_sel = 0;
	if (ui->tag != NULL)
		ui_message(ui, "showing feeds tagged '%s' (t: next tag)",
		    ui->tag);
	else
		ui_message(ui, "showing every feed");
}

void
ui_feeds_key(struct ui *ui, enum keys_action a, int key)
{
	int h = LINES - 2, n = (int)ui->nentries, i;
	char *cause = NULL;
	const struct ui_entry *e = &ui->entries[ui->feed_sel];

	switch (a) {
	case KEYS_UP:
		ui->feed_sel--;
		break;
	case KEYS_DOWN:
		ui->feed_sel++;
		break;
	case KEYS_PAGE_UP:
		ui->feed_sel -= h;
		break;
	case KEYS_PAGE_DOWN:
		ui->feed_sel += h;
		break;
	case KEYS_TOP:
		ui->feed_sel = 0;
		break;
	case KEYS_BOTTOM:
		ui->feed_sel = n - 1;
		break;
	case KEYS_OPEN:
		open_entry(ui);
		return;
	case KEYS_QUIT:
		ui->quit = 1;
		return;
	case KEYS_NEXT_UNREAD:
	case KEYS_PREV_UNREAD:
		for (i = ui->feed_sel + (a == KEYS_NEXT_UNREAD ? 1 : -1);
		    i >= 2 && i < n; i += a == KEYS_NEXT_UNREAD ? 1 : -1) {
			if (ui->entries[i].unread > 0) {
				ui->feed_sel = i;
				break;
			}
		}
		break;
	case KEYS_REFRESH:
		if (e->kind == UI_ENTRY_FEED)
			ui_refresh_start(ui, ui->feeds[e->feed].url);
		else
			ui_refresh_start(ui, ui->tag);
		return;
	case KEYS_REFRESH_ALL:
		ui_refresh_start(ui, NULL);
		return;
	case KEYS_MARK_FEED_READ:
		if (e->kind != UI_ENTRY_FEED) {
			ui_message(ui, "select a feed to mark it read");
			return;
		}
		if (store_mark_feed_read(ui->store, ui->feeds[e->feed].id,
		    &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
			return;
		}
		break;
	case KEYS_TAG:
		next_tag(ui);
		break;
	case KEYS_SEARCH:
		ui_prompt_start(ui, UI_PROMPT_SEARCH, NULL);
		return;
	case KEYS_BROWSER:
		if (e->kind == UI_ENTRY_FEED && ui->feeds[e->feed].site) {
			if (ui_browser_open(ui, ui->feeds[e->feed].site,
			    &cause) == -1) {
				ui_error(ui, "%s", cause);
				free(cause);
			}
		}
		return;
	default:
		return;
	}
	if (a == KEYS_MARK_FEED_READ || a == KEYS_TAG) {
		if (ui_feeds_load(ui, &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
		}
		n = (int)ui->nentries;
	}
	if (ui->feed_sel >= n)
		ui->feed_sel = n - 1;
	if (ui->feed_sel < 0)
		ui->feed_sel = 0;
	if (a != KEYS_TAG)
		selection_changed(ui);
	ui->dirty = 1;
}
