/* ui/readalso.c: the Read-also pane and the history it feeds.
 *
 * Each entry the render lifted out of the body is looked up in the cache
 * (by URL, else by title) when the article opens, so the pane can say
 * where it leads before anyone presses Enter.  Opening one pushes the
 * current article on the history stack; back pops it, at the same scroll. */
#include "config.h"

#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

void
ui_readalso_resolve(struct ui *ui)
{
	struct ui_related *r;
	char *cause = NULL;
	size_t i;
	int64_t id;
	int found;

	ui_readalso_free(ui);
	if (ui->doc == NULL || ui->doc->nreadalso == 0)
		return;
	ui->related = xcalloc(ui->doc->nreadalso, sizeof *ui->related);
	for (i = 0; i < ui->doc->nreadalso; i++) {
		r = &ui->related[i];
		r->title = xstrdup(ui->doc->readalso[i].title != NULL ?
		    ui->doc->readalso[i].title : "");
		r->url = ui->doc->readalso[i].url != NULL ?
		    xstrdup(ui->doc->readalso[i].url) : NULL;
		found = store_item_lookup(ui->store, r->url, r->title, &id,
		    &cause);
		if (found == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
			cause = NULL;
		}
		r->id = found == 1 ? id : 0;
	}
	ui->nrelated = ui->doc->nreadalso;
	if (ui->pane_sel >= (int)ui->nrelated)
		ui->pane_sel = 0;
}

void
ui_readalso_free(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->nrelated; i++) {
		free(ui->related[i].title);
		free(ui->related[i].url);
	}
	free(ui->related);
	ui->related = NULL;
	ui->nrelated = 0;
}

/* Where an entry leads, in a few words. */
static const char *
where(const struct ui *ui, const struct ui_related *r)
{
	if (r->id != 0 && ui->item != NULL && r->id == ui->item->row.id)
		return "this article";
	if (r->id != 0)
		return "in the cache";
	if (r->url != NULL && ui_url_openable(r->url))
		return "on the web";
	return "not in the cache";
}

/* Where title breaks to go on two lines of w columns: a byte offset, or
 * 0 when it fits on one. */
static size_t
title_break(const char *title, int w)
{
	size_t len = strlen(title), i = 0, brk = 0;
	uint32_t cp;
	int cols = 0;

	if ((int)utf8_width(title, len) <= w)
		return 0;
	while (i < len) {
		if (title[i] == ' ')
			brk = i;
		i += utf8_decode(title + i, len - i, &cp);
		cols += utf8_cp_width(cp);
		if (cols > w)
			break;
	}
	return brk > 0 ? brk : i;
}

/* Rows an entry takes in the right pane: its title on one or two lines,
 * where it leads, a blank. */
static int
entry_rows(const struct ui_related *r, int w)
{
	return (title_break(r->title, w - 2) > 0 ? 2 : 1) + 2;
}

static void
draw_right_entry(struct ui *ui, const struct ui_related *r, int row, int x,
    int w, int sel)
{
	size_t brk = title_break(r->title, w - 2);
	char *first;
	int n = 0;

	ui_set_style(ui, sel ? THEME_SELECTED : THEME_READALSO);
	ui_fill(row, x, w);
	if (brk > 0) {
		first = xstrndup(r->title, brk);
		ui_put(ui, row, x + 1, first, w - 2);
		free(first);
		ui_fill(row + 1, x, w);
		ui_put(ui, row + 1, x + 1, r->title + brk +
		    (r->title[brk] == ' '), w - 2);
		n = 1;
	} else
		ui_put(ui, row, x + 1, r->title, w - 2);
	ui_set_style(ui, sel ? THEME_SELECTED : r->id != 0 ? THEME_CACHED :
	    THEME_NOTE);
	ui_fill(row + 1 + n, x, w);
	ui_put(ui, row + 1 + n, x + 3, where(ui, r), w - 4);
}

void
ui_readalso_draw(struct ui *ui, int y, int x, int w, int h)
{
	const struct ui_related *r;
	char head[128];
	int i, row, right = x > 0, sel, wl, top = 0, used, k, rows;

	ui_set_style(ui, THEME_BORDER);
	if (right)
		mvvline(y, x - 1, ACS_VLINE, h);
	else
		mvhline(y, 0, ACS_HLINE, w);
	snprintf(head, sizeof head, " Read also (%zu)%s ", ui->nrelated,
	    ui->focus ? ": Enter opens" : ": Tab to choose");
	ui_set_style(ui, ui->focus ? THEME_HEADING : THEME_BORDER);
	ui_put(ui, y, x + (right ? 1 : 2), head, w - 3);
	/* The first entry shown keeps the selected one in view. */
	for (;;) {
		for (used = 0, k = top; k <= ui->pane_sel; k++)
			used += right ? entry_rows(&ui->related[k], w) : 1;
		if (used <= h - 1 || top >= ui->pane_sel)
			break;
		top++;
	}
	for (i = 0; i < (int)ARRAYSIZE(ui->pane_rows); i++)
		ui->pane_rows[i] = -1;
	for (i = top, row = y + 1; i < (int)ui->nrelated; i++, row += rows) {
		r = &ui->related[i];
		rows = right ? entry_rows(r, w) : 1;
		if (row + rows - (right ? 1 : 0) > y + h)
			break;
		if (i < (int)ARRAYSIZE(ui->pane_rows))
			ui->pane_rows[i] = row;
		sel = ui->focus && i == ui->pane_sel;
		if (right) {
			draw_right_entry(ui, r, row, x, w, sel);
			continue;
		}
		wl = (int)strlen(where(ui, r));
		ui_set_style(ui, sel ? THEME_SELECTED : THEME_READALSO);
		ui_fill(row, x, w);
		ui_put(ui, row, x + 2, r->title, w - wl - 7);
		ui_set_style(ui, sel ? THEME_SELECTED : r->id != 0 ?
		    THEME_CACHED : THEME_NOTE);
		ui_put(ui, row, w - wl - 2, where(ui, r), wl);
	}
	ui_set_style(ui, THEME_TEXT);
}

/* The entry drawn at screen row y, or -1. */
int
ui_readalso_at(struct ui *ui, int y)
{
	int i, best = -1;

	for (i = 0; i < (int)ui->nrelated && i < (int)ARRAYSIZE(ui->pane_rows);
	    i++) {
		if (ui->pane_rows[i] != -1 && ui->pane_rows[i] <= y)
			best = i;
	}
	return best;
}

void
ui_history_push(struct ui *ui)
{
	struct ui_place *p;

	if (ui->nhistory == UI_HISTORY_MAX) {
		memmove(ui->history, ui->history + 1,
		    (UI_HISTORY_MAX - 1) * sizeof *ui->history);
		ui->nhistory--;
	}
	p = &ui->history[ui->nhistory++];
	p->id = ui->item->row.id;
	p->scroll = ui->scroll;
	p->pane_sel = ui->pane_sel;
	p->focus = ui->focus;
}

/* Back to the article the reader came from; -1 when there is none. */
int
ui_history_pop(struct ui *ui)
{
	struct ui_place p;

	if (ui->nhistory == 0)
		return -1;
	p = ui->history[--ui->nhistory];
	if (ui_article_open(ui, p.id) == -1)
		return -1;
	ui->scroll = p.scroll;
	ui->pane_sel = p.pane_sel < (int)ui->nrelated ? p.pane_sel : 0;
	ui->focus = p.focus && ui->nrelated > 0;
	ui_message(ui, "back to \u201c%s\u201d", ui->item->row.title);
	return 0;
}

void
ui_readalso_open(struct ui *ui)
{
	const struct ui_related *r;

	if (ui->nrelated == 0)
		return;
	r = &ui->related[ui->pane_sel];
	if (r->id != 0 && r->id == ui->item->row.id) {
		ui_message(ui, "that is this article");
		return;
	}
	if (r->id != 0) {
		ui_history_push(ui);
		ui_article_open(ui, r->id);
		ui_message(ui, "opened from the cache (q goes back)");
		return;
	}
	if (r->url != NULL && ui_url_openable(r->url)) {
		ui_prompt_start(ui, UI_PROMPT_BROWSER, r->url);
		return;
	}
	ui_message(ui, "not in the cache, and no link to follow");
}

void
ui_readalso_key(struct ui *ui, enum keys_action a)
{
	switch (a) {
	case KEYS_UP:
		if (ui->pane_sel > 0)
			ui->pane_sel--;
		break;
	case KEYS_DOWN:
		if (ui->pane_sel + 1 < (int)ui->nrelated)
			ui->pane_sel++;
		break;
	case KEYS_TOP:
		ui->pane_sel = 0;
		break;
	case KEYS_BOTTOM:
		ui->pane_sel = (int)ui->nrelated - 1;
		break;
	case KEYS_OPEN:
		ui_readalso_open(ui);
		return;
	default:
		return;
	}
	ui->dirty = 1;
}
