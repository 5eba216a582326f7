/* ui/main.c: the reader's start, its event loop and its key dispatcher.
 *
 * Start-up shows the cache at once: nothing is fetched unless asked.  The
 * loop polls stdin together with the refresh driver's descriptors, so the
 * screen answers keys while feeds download, and redraws only when the
 * state changed. */
#include "config.h"

#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "settings.h"
#include "urls.h"
#include "utf8.h"
#include "util.h"

#define POLL_MAX	64

static int curses_up;
static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* Ctrl-C, a hang-up or a kill end the reader through the loop, so the
 * terminal is restored and the demo's folder removed. */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAYSIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

void
ui_restore_terminal(void)
{
	if (curses_up && !isendwin())
		endwin();
	curses_up = 0;
}

/* The person's own cache, its feeds made to mirror the urls file. */
static int
open_cache(struct ui *ui, char **cause)
{
	struct urls *u = NULL;
	int r;

	if (urls_load(ui->settings->urls_path, &u, cause) == -1)
		return -1;
	if (u->nerrors > 0)
		ui_error(ui, "%s", u->errors[0]);
	r = store_open(ui->settings->cache_path, 0, &ui->store, cause);
	if (r == -1 && store_open(ui->settings->cache_path, STORE_READONLY,
	    &ui->store, NULL) == 0) {
		/* A cache we may not write is still there to read. */
		ui_error(ui, "reading only: %s", *cause);
		free(*cause);
		*cause = NULL;
		urls_free(u);
		return 0;
	}
	if (r == 0)
		r = store_sync_feeds(ui->store, u, cause);
	if (r == 0)
		store_set_retention(ui->store,
		    ui->settings->max_items_per_feed, ui->settings->keep_days);
	urls_free(u);
	return r;
}

/* True when there is no feeds file yet: a first run. */
static int
first_run(struct ui *ui)
{
	return access(ui->settings->urls_path, F_OK) != 0;
}

/* The config's bind lines, checked against the key table; the first
 * problem goes on the status line with its file and line. */
static void
apply_binds(struct ui *ui)
{
	const struct settings_bind *b;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < ui->settings->nbinds; i++) {
		b = &ui->settings->binds[i];
		if (keys_bind(ui->keys, b->key, b->action, &cause) == 0)
			continue;
		if (ui->message == NULL)
			ui_error(ui, "%s:%d: %s", b->file, b->line, cause);
		free(cause);
		cause = NULL;
	}
}

static int
open_demo(struct ui *ui, char **cause)
{
	char *dir = ui_demo_find();
	struct store *st = NULL;
	char *tmp = NULL;

	if (dir == NULL)
		return set_cause(cause, "the demo feeds are not installed "
		    "(looked in %s/demo and %s/data/demo)", HERALD_PKGDATADIR,
		    HERALD_SRCDIR);
	if (ui_demo_load(dir, &st, &tmp, cause) == -1) {
		free(dir);
		return -1;
	}
	free(dir);
	store_close(&ui->store);
	ui->store = st;
	ui->demo_dir = tmp;
	ui->demo = 1;
	return 0;
}

/* A path for the status line: the home folder as ~. */
static const char *
tilde(char *s)
{
	const char *home = getenv("HOME");
	size_t n = home != NULL ? strlen(home) : 0;

	if (n > 1 && strncmp(s, home, n) == 0 && s[n] == '/') {
		s[n - 1] = '~';
		return s + n - 1;
	}
	return s;
}

/* The theme asked for, mono when colours are off; a bad file is said
 * on the status line and the built-in theme used. */
static void
load_theme(struct ui *ui)
{
	const char *name = ui->settings->theme != NULL &&
	    *ui->settings->theme != '\0' ? ui->settings->theme : "default";
	char *cause = NULL;

	if (ui->ncolours == 0) {
		ui->theme = theme_new_mono();
		return;
	}
	if (theme_load(name, &ui->theme, &cause) == 0)
		return;
	ui->theme = theme_new_builtin();
	ui_error(ui, "theme: %s", tilde(cause));
	free(cause);
}

static void
curses_start(struct ui *ui)
{
	initscr();
	curses_up = 1;
	util_set_fatal_hook(ui_restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(200);
	ui_colours_init(ui);
}

/* curses' key codes to the key map's. */
static int
translate(int r, wint_t wc)
{
	static const struct {
		int	 curses;
		int	 key;
	} map[] = {
		{ KEY_UP, KEYS_K_UP }, { KEY_DOWN, KEYS_K_DOWN },
		{ KEY_LEFT, KEYS_K_LEFT }, { KEY_RIGHT, KEYS_K_RIGHT },
		{ KEY_PPAGE, KEYS_K_PGUP }, { KEY_NPAGE, KEYS_K_PGDN },
		{ KEY_HOME, KEYS_K_HOME }, { KEY_END, KEYS_K_END },
		{ KEY_ENTER, KEYS_K_ENTER }, { KEY_BACKSPACE, KEYS_K_BACKSPACE },
		{ KEY_DC, KEYS_K_DELETE }, { KEY_BTAB, KEYS_K_BTAB },
	};
	size_t i;

	if (r == KEY_CODE_YES) {
		for (i = 0; i < ARRAYSIZE(map); i++) {
			if (map[i].curses == (int)wc)
				return map[i].key;
		}
		if ((int)wc >= KEY_F(1) && (int)wc <= KEY_F(12))
			return KEYS_K_F1 + (int)wc - KEY_F(1);
		return -1;
	}
	switch (wc) {
	case '\r':
	case '\n':
		return KEYS_K_ENTER;
	case '\t':
		return KEYS_K_TAB;
	case 0x7f:
	case '\b':
		return KEYS_K_BACKSPACE;
	case 0x1b:
		return KEYS_K_ESC;
	default:
		return (int)wc;
	}
}

static void
dispatch(struct ui *ui, enum keys_action a, int key)
{
	if (ui->view == UI_FEEDS)
		ui_feeds_key(ui, a, key);
	else if (ui->view == UI_ARTICLES)
		ui_articles_key(ui, a, key);
	else
		ui_article_key(ui, a, key);
}

static void
welcome_key(struct ui *ui, int key)
{
	char *cause = NULL;

	if (key == 'q' || key == 'Q') {
		ui->quit = 1;
		return;
	}
	if (key != 'd' && key != 'D')
		return;
	if (open_demo(ui, &cause) == -1 ||
	    ui_feeds_load(ui, &cause) == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	ui->welcome = 0;
	ui->dirty = 1;
}

static void
handle_key(struct ui *ui, int key)
{
	enum keys_action a;

	if (ui->prompt != UI_PROMPT_NONE) {
		ui_prompt_key(ui, key);
		return;
	}
	if (ui->welcome) {
		welcome_key(ui, key);
		return;
	}
	a = keys_lookup(ui->keys, key);
	if (ui->help) {
		ui_help_key(ui, a);
		return;
	}
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		if (a == KEYS_QUIT_ALL || a == KEYS_QUIT)
			ui->quit = 1;
		return;
	}
	if (a == KEYS_NONE)
		return;
	if (ui->message != NULL) {
		free(ui->message);
		ui->message = NULL;
		ui->dirty = 1;
	}
	switch (a) {
	case KEYS_QUIT_ALL:
		ui->quit = 1;
		return;
	case KEYS_HELP:
		ui->help = 1;
		ui->help_top = 0;
		ui->dirty = 1;
		return;
	case KEYS_REDRAW:
		clearok(curscr, TRUE);
		ui->dirty = 1;
		return;
	default:
		dispatch(ui, a, key);
	}
}

/* A click selects the row under it; a double click opens it; the wheel
 * scrolls three lines. */
static void
handle_mouse(struct ui *ui)
{
	MEVENT ev;
	int i, row, bw, bh, px, py, pw, ph;

	if (getmouse(&ev) != OK || ui->welcome || ui->help)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (i = 0; i < 3; i++)
			dispatch(ui, ev.bstate & BUTTON4_PRESSED ? KEYS_UP :
			    KEYS_DOWN, 0);
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) ||
	    ev.y < 1 || ev.y >= LINES - 1)
		return;
	row = ev.y - 1;
	if (ui->view == UI_FEEDS) {
		if (ui->feed_top + row >= (int)ui->nentries)
			return;
		ui->feed_sel = ui->feed_top + row;
	} else if (ui->view == UI_ARTICLES) {
		if (ui->art_top + row >= ui->list_total)
			return;
		ui->art_sel = ui->art_top + row;
	} else {
		ui_article_geometry(ui, &bw, &bh, &px, &py, &pw, &ph);
		if (pw == 0 || ev.x < px || ev.y <= py)
			return;
		if ((i = ui_readalso_at(ui, ev.y)) == -1)
			return;
		ui->focus = 1;
		ui->pane_sel = i;
	}
	ui->dirty = 1;
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		dispatch(ui, KEYS_OPEN, 0);
}

static void
read_keys(struct ui *ui)
{
	wint_t wc;
	int r, key;

	while (!ui->quit && (r = get_wch(&wc)) != ERR) {
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui->dirty = 1;
			continue;
		}
		if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			handle_mouse(ui);
			continue;
		}
		if ((key = translate(r, wc)) != -1)
			handle_key(ui, key);
	}
}

static void
loop(struct ui *ui)
{
	struct pollfd fds[POLL_MAX];
	size_t n;
	int timeout;

	while (!ui->quit && !got_signal) {
		if (ui->dirty)
			ui_draw(ui);
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[0].revents = 0;
		n = ui_refresh_fds(ui, fds + 1, POLL_MAX - 1, &timeout);
		if (poll(fds, n + 1, timeout) == -1 && errno != EINTR)
			break;
		if (got_signal)
			break;
		if (ui->refresh != NULL)
			ui_refresh_step(ui, fds + 1, n);
		read_keys(ui);
	}
}

static void
ui_free(struct ui *ui)
{
	ui_refresh_stop(ui);
	ui_article_close(ui);
	ui_articles_free(ui);
	ui_feeds_free(ui);
	store_close(&ui->store);
	ui_demo_cleanup(ui->demo_dir);
	theme_free(ui->theme);
	keys_free(ui->keys);
	settings_free(ui->settings);
	free(ui->message);
	free(ui->tag);
	free(ui->find);
	free(ui->prompt_url);
}

int
ui_main(const struct herald_opts *opts)
{
	struct ui ui;
	char *cause = NULL;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the reader needs a terminal (see herald --help for "
		    "the commands)");
		return 1;
	}
	memset(&ui, 0, sizeof ui);
	ui.opts = opts;
	ui.pane = 1;
	ui.find_line = -1;
	ui.dirty = 1;
	ui.keys = keys_new();
	if (settings_init(opts, &ui.settings, &cause) == -1)
		goto fail;
	if (ui.settings->nerrors > 0)
		ui_error(&ui, "%s", ui.settings->errors[0]);
	apply_binds(&ui);
	if (opts->demo) {
		if (open_demo(&ui, &cause) == -1)
			goto fail;
	} else if (first_run(&ui))
		ui.welcome = 1;
	else if (open_cache(&ui, &cause) == -1)
		goto fail;
	if (!ui.welcome && ui_feeds_load(&ui, &cause) == -1)
		goto fail;
	curses_start(&ui);
	catch_signals();
	load_theme(&ui);
	if (ui.settings->refresh_on_start && !ui.demo && !ui.welcome)
		ui_refresh_start(&ui, NULL);
	loop(&ui);
	ui_restore_terminal();
	ui_free(&ui);
	return 0;

fail:
	ui_restore_terminal();
	cli_error("%s", cause);
	free(cause);
	ui_free(&ui);
	return 1;
}
