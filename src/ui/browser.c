/* ui/browser.c: links handed to $BROWSER, else xdg-open, as an argument
 * vector with posix_spawnp: a URL from a feed never meets a shell.  Only
 * http, https and file URLs go out, and file URLs only from a local feed.
 * Curses is suspended while the browser runs, so a terminal browser gets
 * the screen, and restored. */
#include "config.h"

#include "ui.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>

#include "settings.h"
#include "util.h"

extern char **environ;

#define ARGV_MAX	16

int
ui_url_openable(const char *url)
{
	static const char *const schemes[] = { "http://", "https://",
		"file://" };
	size_t i;

	if (url == NULL)
		return 0;
	for (i = 0; i < ARRAYSIZE(schemes); i++) {
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return url[strlen(schemes[i])] != '\0';
	}
	return 0;
}

/* The config's browser, else $BROWSER, split on spaces ("firefox --new-tab"); the URL replaces a %s
 * word or is added at the end.  The first of a colon-separated list. */
static size_t
build_argv(char *spec, const char *url, char **argv)
{
	char *w, *save = NULL, *colon;
	size_t n = 0;
	int used = 0;

	if ((colon = strchr(spec, ':')) != NULL)
		*colon = '\0';
	for (w = strtok_r(spec, " \t", &save); w != NULL && n < ARGV_MAX - 2;
	    w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "%s") == 0) {
			argv[n++] = (char *)url;
			used = 1;
		} else
			argv[n++] = w;
	}
	if (n == 0)
		return 0;
	if (!used)
		argv[n++] = (char *)url;
	argv[n] = NULL;
	return n;
}

/* The URL of the feed the link on screen came from, or NULL. */
static const char *
link_origin(struct ui *ui)
{
	struct store_row *r;
	size_t i;
	int64_t feed_id = -1;

	if (ui->view == UI_ARTICLE && ui->item != NULL)
		return ui->item->feed_url;
	if (ui->view == UI_ARTICLES &&
	    (r = ui_articles_row(ui, ui->art_sel)) != NULL)
		feed_id = r->feed_id;
	else if (ui->view == UI_FEEDS && ui->feed_sel >= 0 &&
	    (size_t)ui->feed_sel < ui->nentries &&
	    ui->entries[ui->feed_sel].kind == UI_ENTRY_FEED)
		return ui->feeds[ui->entries[ui->feed_sel].feed].url;
	for (i = 0; i < ui->nfeeds; i++)
		if (ui->feeds[i].id == feed_id)
			return ui->feeds[i].url;
	return NULL;
}

/* A feed read from this machine: a file: URL or a path (no scheme). */
static int
is_local(const char *url)
{
	size_t n;

	if (url == NULL)
		return 0;
	n = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789+-.");
	return n == 0 || url[n] != ':' || strncasecmp(url, "file:", 5) == 0;
}

int
ui_browser_open(struct ui *ui, const char *url, char **cause)
{
	const char *env = getenv("BROWSER"), *conf = ui->settings->browser;
	char *spec, *argv[ARGV_MAX];
	struct sigaction ign, old;
	pid_t pid;
	int r, status = 0;

	if (!ui_url_openable(url))
		return set_cause(cause, "only http, https and file links are "
		    "opened");
	/* A web page must not make the reader open the person's own
	 * files: file: links only from a feed that is itself local. */
	if (strncasecmp(url, "file:", 5) == 0 && !is_local(link_origin(ui)))
		return set_cause(cause, "a file: link from a feed on the web "
		    "is not opened (only http and https links are)");
	if (conf != NULL && *conf != '\0')
		spec = xstrdup(conf);
	else
		spec = xstrdup(env != NULL && *env != '\0' ? env : "xdg-open");
	if (build_argv(spec, url, argv) == 0) {
		free(spec);
		return set_cause(cause, "$BROWSER is empty");
	}
	def_prog_mode();
	endwin();
	r = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (r == 0) {
		/* Ctrl-C in a terminal browser is the browser's. */
		memset(&ign, 0, sizeof ign);
		ign.sa_handler = SIG_IGN;
		sigaction(SIGINT, &ign, &old);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		sigaction(SIGINT, &old, NULL);
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
	ui->dirty = 1;
	if (r != 0) {
		set_cause(cause, "cannot run %s: %s", argv[0], strerror(r));
		free(spec);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		ui_error(ui, "%s exited with status %d", argv[0],
		    WEXITSTATUS(status));
	else
		ui_message(ui, "opened %s", url);
	free(spec);
	return 0;
}
