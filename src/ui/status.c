/* ui/status.c: the top bar, the status line with its messages and hints,
 * and the one-line prompts (search text, yes/no) that live on it.
 *
 * Prompts are state, not a nested loop: while one is up, keys come here
 * from the main loop, so a refresh keeps running as someone types. */
#include "config.h"

#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

static void set_message(struct ui *, int, const char *, va_list)
    PRINTFLIKE(3, 0);

static void
set_message(struct ui *ui, int error, const char *fmt, va_list ap)
{
	char *m, *clean;

	free(ui->message);
	xvasprintf(&m, fmt, ap);
	clean = utf8_clean(m, strlen(m), 0);
	free(m);
	ui->message = clean;
	ui->message_error = error;
	ui->dirty = 1;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, 0, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, 1, fmt, ap);
	va_end(ap);
}

void
ui_title_draw(struct ui *ui, const char *left)
{
	const char *right = ui->demo ? "demo, offline · ? help" :
	    ui->opts->offline ? "offline · ? help" : "? help";
	int rw = (int)utf8_width(right, strlen(right));

	ui_set_style(ui, THEME_HEADER);
	ui_fill(0, 0, COLS);
	ui_put(ui, 0, 1, left, COLS - rw - 4);
	if (COLS > rw + 20)
		ui_put(ui, 0, COLS - rw - 1, right, rw);
	ui_set_style(ui, THEME_TEXT);
}

/* The hints of a view: its most useful keys, named from the live map. */
static void
hints(struct ui *ui, char *out, size_t size)
{
	static const struct {
		enum ui_view	 view;
		enum keys_action action;
		const char	*label;
	} table[] = {
		{ UI_FEEDS, KEYS_OPEN, "open" },
		{ UI_FEEDS, KEYS_DOWN, "down" },
		{ UI_FEEDS, KEYS_SEARCH, "search" },
		{ UI_FEEDS, KEYS_REFRESH_ALL, "refresh all" },
		{ UI_FEEDS, KEYS_TAG, "tag" },
		{ UI_FEEDS, KEYS_HELP, "help" },
		{ UI_FEEDS, KEYS_QUIT, "quit" },
		{ UI_ARTICLES, KEYS_OPEN, "read" },
		{ UI_ARTICLES, KEYS_NEXT_UNREAD, "next unread" },
		{ UI_ARTICLES, KEYS_STAR, "star" },
		{ UI_ARTICLES, KEYS_TOGGLE_READ, "read/unread" },
		{ UI_ARTICLES, KEYS_SEARCH, "search" },
		{ UI_ARTICLES, KEYS_QUIT, "back" },
		{ UI_ARTICLE, KEYS_PAGE_DOWN, "page" },
		{ UI_ARTICLE, KEYS_NEXT_ARTICLE, "next" },
		{ UI_ARTICLE, KEYS_FOCUS, "Read also" },
		{ UI_ARTICLE, KEYS_TOGGLE_READALSO, "pane" },
		{ UI_ARTICLE, KEYS_BROWSER, "browser" },
		{ UI_ARTICLE, KEYS_QUIT, "back" },
	};
	char name[32];
	size_t i, len = 0;
	int key;

	out[0] = '\0';
	for (i = 0; i < ARRAYSIZE(table); i++) {
		if (table[i].view != ui->view ||
		    keys_for(ui->keys, table[i].action, &key, 1) == 0)
			continue;
		keys_key_name(key, name, sizeof name);
		len += (size_t)snprintf(out + len, size - len, "%s%s %s",
		    len > 0 ? "  " : "", name, table[i].label);
		if (len >= size)
			break;
	}
}

/* The right end of the status line when no refresh runs: where the
 * cursor is, and how much is unread. */
static void
counts(struct ui *ui, char *out, size_t size)
{
	int64_t unread = 0;
	size_t i;

	out[0] = '\0';
	if (ui->view == UI_FEEDS) {
		for (i = 0; i < ui->nfeeds; i++)
			unread += ui->feeds[i].unread;
		snprintf(out, size, "%lld unread · %zu feed%s",
		    (long long)unread, ui->nfeeds, ui->nfeeds == 1 ? "" : "s");
	} else if (ui->view == UI_ARTICLES && ui->list_total > 0)
		snprintf(out, size, "%lld/%lld", (long long)ui->art_sel + 1,
		    (long long)ui->list_total);
}

void
ui_status_draw(struct ui *ui)
{
	const char *label, *right;
	char left[512], where[64];
	int y = LINES - 1, rw = 0, lw, x;

	ui_set_style(ui, ui->message != NULL && ui->message_error &&
	    ui->prompt == UI_PROMPT_NONE ? THEME_ERROR : THEME_STATUS);
	ui_fill(y, 0, COLS);
	if (ui->prompt != UI_PROMPT_NONE) {
		label = ui->prompt == UI_PROMPT_SEARCH ? "/" :
		    "Not in the cache: open in the browser? (y/n) ";
		x = ui_put(ui, y, 0, label, COLS);
		if (ui->prompt == UI_PROMPT_SEARCH) {
			x += ui_put(ui, y, x, ui->prompt_buf, COLS - x - 1);
			move(y, x);
		}
		return;
	}
	snprintf(left, sizeof left, "%s", ui->welcome ? "d demo  q quit" : "");
	if (ui->message == NULL && !ui->welcome)
		hints(ui, left, sizeof left);
	right = ui->refresh_line;
	if (right == NULL && !ui->welcome) {
		counts(ui, where, sizeof where);
		right = where;
		/* The message or the hints come first: the counts only
		 * where they fit. */
		lw = ui->message != NULL ? (int)utf8_width(ui->message,
		    strlen(ui->message)) : (int)utf8_width(left, strlen(left));
		if (lw + (int)utf8_width(right, strlen(right)) + 4 > COLS)
			right = NULL;
	}
	if (right != NULL && *right != '\0') {
		rw = (int)utf8_width(right, strlen(right));
		if (rw > COLS / 2)
			rw = COLS / 2;
		ui_put(ui, y, COLS - rw - 1, right, rw);
	}
	ui_put(ui, y, 1, ui->message != NULL ? ui->message : left,
	    COLS - rw - 3);
	ui_set_style(ui, THEME_TEXT);
}

void
ui_prompt_start(struct ui *ui, enum ui_prompt_kind kind, const char *url)
{
	ui->prompt = kind;
	ui->prompt_len = 0;
	ui->prompt_buf[0] = '\0';
	free(ui->prompt_url);
	ui->prompt_url = url != NULL ? xstrdup(url) : NULL;
	free(ui->message);
	ui->message = NULL;
	curs_set(kind == UI_PROMPT_SEARCH ? 1 : 0);
	ui->dirty = 1;
}

static void
prompt_end(struct ui *ui)
{
	ui->prompt = UI_PROMPT_NONE;
	curs_set(0);
	ui->dirty = 1;
}

/* Enter on the search prompt: text in an article, the cache elsewhere. */
static void
search_submit(struct ui *ui)
{
	struct store_query q;
	char *title;

	if (ui->prompt_len == 0)
		return;
	if (ui->view == UI_ARTICLE) {
		ui_article_find(ui, ui->prompt_buf, 1);
		return;
	}
	memset(&q, 0, sizeof q);
	if (ui->view == UI_ARTICLES)
		q = ui->query;
	q.unread_only = 0;
	q.search = ui->prompt_buf;
	xasprintf(&title, "Search: %s", ui->prompt_buf);
	ui_articles_enter(ui, &q, title);
	free(title);
}

void
ui_prompt_key(struct ui *ui, int key)
{
	char *cause = NULL;
	char u[5];
	size_t n;

	if (ui->prompt == UI_PROMPT_BROWSER) {
		prompt_end(ui);
		if (key == 'y' || key == 'Y') {
			if (ui_browser_open(ui, ui->prompt_url, &cause) == -1) {
				ui_error(ui, "%s", cause);
				free(cause);
			}
		} else
			ui_message(ui, "not opened");
		return;
	}
	ui->dirty = 1;
	if (key == KEYS_K_ESC || key == 7) {	/* Ctrl-G */
		prompt_end(ui);
		return;
	}
	if (key == KEYS_K_ENTER) {
		prompt_end(ui);
		search_submit(ui);
		return;
	}
	if (key == KEYS_K_BACKSPACE) {
		while (ui->prompt_len > 0 &&
		    (ui->prompt_buf[--ui->prompt_len] & 0xc0) == 0x80)
			;
		ui->prompt_buf[ui->prompt_len] = '\0';
		return;
	}
	if (key < ' ' || key >= KEYS_SPECIAL || key == 0x7f)
		return;
	n = utf8_encode((uint32_t)key, u);
	if (ui->prompt_len + n + 1 > sizeof ui->prompt_buf)
		return;
	memcpy(ui->prompt_buf + ui->prompt_len, u, n);
	ui->prompt_len += n;
	ui->prompt_buf[ui->prompt_len] = '\0';
}
