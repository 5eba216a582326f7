/* ui/help.c: the help overlay, generated from the live key map, so a key
 * rebound in the config shows as it is. */
#include "config.h"

#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t
count(char **lines)
{
	size_t n = 0;

	while (lines[n] != NULL)
		n++;
	return n;
}

void
ui_help_draw(struct ui *ui)
{
	char **lines = keys_help(ui->keys), foot[160];
	int n = (int)count(lines), w, h, y0, x0, i, body;

	w = COLS - 4 < 76 ? COLS - 4 : 76;
	h = LINES - 2 < n + 4 ? LINES - 2 : n + 4;
	y0 = (LINES - h) / 2;
	x0 = (COLS - w) / 2;
	body = h - 4;
	if (ui->help_top > n - body)
		ui->help_top = n - body;
	if (ui->help_top < 0)
		ui->help_top = 0;
	ui_set_style(ui, THEME_HELP);
	for (i = 0; i < h; i++)
		ui_fill(y0 + i, x0, w);
	ui_set_style(ui, THEME_BORDER);
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	mvvline(y0, x0, ACS_VLINE, h);
	mvvline(y0, x0 + w - 1, ACS_VLINE, h);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	ui_set_style(ui, THEME_HEADING);
	ui_put(ui, y0, x0 + 2, " Keys: j/k scroll, any other key closes ",
	    w - 4);
	ui_set_style(ui, THEME_HELP);
	for (i = 0; i < body && ui->help_top + i < n; i++)
		ui_put(ui, y0 + 2 + i, x0 + 2, lines[ui->help_top + i], w - 4);
	snprintf(foot, sizeof foot, " theme %s · bind KEY ACTION in the "
	    "config rebinds; man herald ", theme_name(ui->theme));
	ui_set_style(ui, THEME_BORDER);
	ui_put(ui, y0 + h - 1, x0 + 2, foot, w - 4);
	ui_set_style(ui, THEME_TEXT);
	keys_help_free(lines);
}

void
ui_help_key(struct ui *ui, enum keys_action a)
{
	if (a == KEYS_DOWN)
		ui->help_top++;
	else if (a == KEYS_UP)
		ui->help_top--;
	else if (a == KEYS_PAGE_DOWN)
		ui->help_top += LINES / 2;
	else if (a == KEYS_PAGE_UP)
		ui->help_top -= LINES / 2;
	else
		ui->help = 0;
	if (ui->help_top < 0)
		ui->help_top = 0;
	ui->dirty = 1;
}
