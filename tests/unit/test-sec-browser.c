/* The link opener (src/ui/browser.c) against hostile URLs: a fake browser
 * script records the argument vector it is given, and a canary file shows
 * whether anything ran a shell.  URLs with $(...), backticks, ;, quotes,
 * newlines reach the browser as one word, unchanged; schemes other than
 * http, https and file are refused with a reason; a leading '-' can never
 * be an option; file: links open only from a feed that is itself a local
 * file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "store.h"
#include "ui.h"
#include "util.h"

#include "../tap.h"

static char dir[] = "/tmp/herald-test-browser.XXXXXX";
static char *logpath, *canary, *script;

/* The browser's argv as the fake script wrote it, NUL-separated, or NULL
 * when it did not run. */
static char **
read_argv(size_t *n)
{
	char *data = NULL, **v = NULL, *p;
	size_t len = 0;

	*n = 0;
	if (access(logpath, F_OK) != 0)
		return NULL;
	if (read_file(logpath, 0, &data, &len, NULL) == -1)
		return NULL;
	for (p = data; p < data + len; p += strlen(p) + 1) {
		v = xreallocarray(v, *n + 2, sizeof *v);
		v[(*n)++] = xstrdup(p);
		v[*n] = NULL;
	}
	free(data);
	unlink(logpath);
	return v;
}

static void
free_argv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
write_script(void)
{
	FILE *f;

	xasprintf(&script, "%s/browser", dir);
	xasprintf(&logpath, "%s/argv", dir);
	xasprintf(&canary, "%s/canary", dir);
	f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf '%%s\\0' \"$@\" > '%s'\n", logpath);
	fclose(f);
	chmod(script, 0755);
}

static void
test_hostile_urls(struct ui *ui)
{
	char *urls[8], **argv, *cause;
	size_t i, n;

	xasprintf(&urls[0], "https://x.example/$(touch %s)", canary);
	xasprintf(&urls[1], "https://x.example/`touch %s`", canary);
	xasprintf(&urls[2], "https://x.example/a;touch %s;b", canary);
	xasprintf(&urls[3], "https://x.example/'\"; touch %s #", canary);
	xasprintf(&urls[4], "https://x.example/a\ntouch %s", canary);
	xasprintf(&urls[5], "http://x.example/a b|touch %s&", canary);
	xasprintf(&urls[6], "https://x.example/?q=--help&r=-rf %s", canary);
	xasprintf(&urls[7], "HTTPS://X.EXAMPLE/%%s $HOME ${IFS}");
	for (i = 0; i < ARRAYSIZE(urls); i++) {
		cause = NULL;
		ok(ui_browser_open(ui, urls[i], &cause) == 0,
		    "hostile url %zu: handed to the browser", i);
		argv = read_argv(&n);
		ok(argv != NULL && n == 2 && strcmp(argv[0], "--new-tab") == 0 &&
		    strcmp(argv[1], urls[i]) == 0,
		    "hostile url %zu: the browser got its option and the URL "
		    "as one word, unchanged", i);
		ok(access(canary, F_OK) != 0, "hostile url %zu: nothing ran a "
		    "shell (no canary)", i);
		free_argv(argv, n);
		free(cause);
		free(urls[i]);
	}
}

static void
test_refused(struct ui *ui)
{
	static const char *const bad[] = {
		"javascript:alert(document.cookie)",
		"JavaScript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)",
		"-https://x.example/",
		"--help",
		"--remote-debugging-port=9222",
		"ftp://x.example/file",
		"mailto:a@x.example",
		"sh -c 'touch canary'",
		"http://",
		"",
	};
	char **argv, *cause;
	size_t i, n;

	for (i = 0; i < ARRAYSIZE(bad); i++) {
		cause = NULL;
		ok(ui_browser_open(ui, bad[i], &cause) == -1,
		    "refused: '%s'", bad[i]);
		ok(cause != NULL && strstr(cause, "http") != NULL,
		    "refused '%s': the reason names what opens (%s)", bad[i],
		    cause != NULL ? cause : "none");
		argv = read_argv(&n);
		ok(argv == NULL, "refused '%s': the browser did not run",
		    bad[i]);
		free_argv(argv, n);
		free(cause);
	}
	ok(ui_browser_open(ui, NULL, NULL) == -1, "refused: no URL");
}

/* file: links: from a web feed they are refused (a page must not make the
 * reader open the person's own files); from a local feed they open. */
static void
test_file_links(struct ui *ui)
{
	struct store_item item;
	char **argv, *cause = NULL;
	size_t n;

	memset(&item, 0, sizeof item);
	ui->view = UI_ARTICLE;
	ui->item = &item;
	item.feed_url = "https://news.example/feed.xml";
	ok(ui_browser_open(ui, "file:///etc/passwd", &cause) == -1,
	    "file: link in an article from a web feed: refused");
	ok(cause != NULL && strstr(cause, "file") != NULL,
	    "and the reason says why (%s)", cause != NULL ? cause : "none");
	free(cause);
	cause = NULL;
	argv = read_argv(&n);
	ok(argv == NULL, "the browser did not run");
	free_argv(argv, n);
	ok(ui_browser_open(ui, "https://news.example/a", &cause) == 0,
	    "an https link from the same article opens");
	argv = read_argv(&n);
	free_argv(argv, n);

	item.feed_url = "file:///home/me/feeds/local.xml";
	ok(ui_browser_open(ui, "file:///home/me/feeds/a.html", &cause) == 0,
	    "file: link from a file: feed: opened");
	argv = read_argv(&n);
	ok(argv != NULL && n == 2 && strcmp(argv[1],
	    "file:///home/me/feeds/a.html") == 0, "as given");
	free_argv(argv, n);
	item.feed_url = "/home/me/feeds/local.xml";
	ok(ui_browser_open(ui, "file:///home/me/feeds/b.html", &cause) == 0,
	    "file: link from a feed read from a path: opened");
	argv = read_argv(&n);
	free_argv(argv, n);
	ui->item = NULL;
	ui->view = UI_FEEDS;
	free(cause);
}

/* The browser command itself is the person's (trusted config), but even
 * it is never given to a shell. */
static void
test_browser_spec(struct ui *ui)
{
	char *spec, **argv, *cause = NULL;
	size_t n;

	free(ui->settings->browser);
	xasprintf(&ui->settings->browser, "%s %%s --private", script);
	ok(ui_browser_open(ui, "https://x.example/p", &cause) == 0,
	    "%%s in the browser command: opened");
	argv = read_argv(&n);
	ok(argv != NULL && n == 2 && strcmp(argv[0], "https://x.example/p") ==
	    0 && strcmp(argv[1], "--private") == 0,
	    "the URL took the place of %%s");
	free_argv(argv, n);

	free(ui->settings->browser);
	ui->settings->browser = NULL;
	xasprintf(&spec, "%s --from-env", script);
	setenv("BROWSER", spec, 1);
	ok(ui_browser_open(ui, "https://x.example/env", &cause) == 0,
	    "no browser in the config: $BROWSER is used");
	argv = read_argv(&n);
	ok(argv != NULL && n == 2 && strcmp(argv[0], "--from-env") == 0,
	    "with its own arguments");
	free_argv(argv, n);
	free(spec);

	xasprintf(&spec, "%s;touch %s", script, canary);
	setenv("BROWSER", spec, 1);
	ok(ui_browser_open(ui, "https://x.example/", &cause) == -1,
	    "a $BROWSER with shell syntax is not run through a shell");
	ok(access(canary, F_OK) != 0, "no canary");
	free(cause);
	free(spec);
}

int
main(void)
{
	struct herald_opts opts;
	struct ui ui;

	if (mkdtemp(dir) == NULL)
		return 1;
	write_script();
	memset(&opts, 0, sizeof opts);
	memset(&ui, 0, sizeof ui);
	ui.opts = &opts;
	ui.settings = settings_new();
	xasprintf(&ui.settings->browser, "%s --new-tab", script);

	test_hostile_urls(&ui);
	test_refused(&ui);
	test_file_links(&ui);
	test_browser_spec(&ui);

	settings_free(ui.settings);
	free(ui.message);
	unlink(logpath);
	unlink(script);
	unlink(canary);
	rmdir(dir);
	free(logpath);
	free(canary);
	free(script);
	return done_testing();
}
