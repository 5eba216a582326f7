/* cmd-feeds.c: herald add, remove, import and export.  The urls file is
 * the source of truth; each command edits it, then brings the cache's
 * feed list in line.  None of them touches the network. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opml.h"
#include "settings.h"
#include "store.h"
#include "urls.h"
#include "utf8.h"
#include "util.h"

#define OPML_MAX_BYTES	(16 * 1024 * 1024)

/* Paths, folders made; NULL after saying why. */
static struct settings *
paths(const struct herald_opts *o)
{
	struct settings *s = settings_new();
	char *cause = NULL;

	if (settings_paths(s, o, 1, &cause) == -1) {
		cli_error("%s", cause);
		free(cause);
		settings_free(s);
		return NULL;
	}
	return s;
}

/* Makes the cache's feed list match the urls file.  The urls file is
 * already right, so a cache that cannot follow is a warning. */
static void
sync_cache(const struct settings *s)
{
	struct store *st;
	struct urls *u;
	char *cause = NULL;

	if (urls_load(s->urls_path, &u, &cause) == 0) {
		if (store_open(s->cache_path, 0, &st, &cause) == 0) {
			store_sync_feeds(st, u, &cause);
			store_close(&st);
		}
		urls_free(u);
	}
	if (cause != NULL) {
		cli_error("warning: the feed list is saved, but the cache "
		    "could not follow: %s", cause);
		free(cause);
	}
}

/* A local path as an absolute one, so that refresh finds it from any
 * folder; URLs as given. */
static char *
feed_location(const char *arg)
{
	char buf[PATH_MAX];

	if (cli_is_url(arg) || strchr(arg, ':') != NULL || arg[0] == '/')
		return xstrdup(arg);
	if (realpath(arg, buf) == NULL)
		return xstrdup(arg);
	return xstrdup(buf);
}

int
cmd_add(const struct herald_opts *o, int argc, char **argv)
{
	struct settings *s;
	char *url, *cause = NULL;
	int r = 0;

	if (argc < 2 || argv[1][0] == '-') {
		cli_error("usage: herald add URL [TAG...]");
		return 2;
	}
	if ((s = paths(o)) == NULL)
		return 1;
	url = feed_location(argv[1]);
	if (urls_add(s->urls_path, url, argv + 2, (size_t)argc - 2, NULL,
	    &cause) == -1) {
		cli_error("cannot add %s: %s", argv[1], cause);
		r = 1;
	} else {
		printf("added %s\n", url);
		sync_cache(s);
	}
	free(cause);
	free(url);
	settings_free(s);
	return r;
}

/* Starred articles are the ones a person chose to keep: removing their
 * feed, which deletes its articles, needs --starred-too.  Returns 0 when
 * the removal may go on. */
static int
remove_allowed(const char *cache_path, const char *url, int starred_too)
{
	struct store *st;
	char *cause = NULL;
	int64_t n = 0;
	int r = 0;

	if (starred_too || access(cache_path, F_OK) != 0)
		return 0;
	if (store_open(cache_path, 0, &st, &cause) == 0) {
		r = store_feed_starred(st, url, &n, &cause);
		store_close(&st);
	}
	if (cause != NULL) {
		cli_error("cannot remove %s: %s", url, cause);
		free(cause);
		return -1;
	}
	if (r == 0 && n > 0) {
		cli_error("%s has %lld starred article%s, which removing it "
		    "would delete: unstar %s, or run herald remove --starred-too "
		    "%s", url, (long long)n, n == 1 ? "" : "s",
		    n == 1 ? "it" : "them", url);
		return -1;
	}
	return r;
}

int
cmd_remove(const struct herald_opts *o, int argc, char **argv)
{
	struct settings *s;
	struct store *st;
	char *url, *cause = NULL;
	int r = 0, starred_too = 0;

	if (argc == 3 && strcmp(argv[1], "--starred-too") == 0) {
		starred_too = 1;
		argv++;
		argc--;
	} else if (argc == 3 && strcmp(argv[2], "--starred-too") == 0) {
		starred_too = 1;
		argc--;
	}
	if (argc != 2 || argv[1][0] == '-') {
		cli_error("usage: herald remove [--starred-too] URL");
		return 2;
	}
	if ((s = paths(o)) == NULL)
		return 1;
	url = feed_location(argv[1]);
	if (remove_allowed(s->cache_path, url, starred_too) == -1)
		r = 1;
	else if (urls_remove(s->urls_path, url, &cause) == -1) {
		cli_error("cannot remove %s: %s", argv[1], cause);
		r = 1;
	} else if (access(s->cache_path, F_OK) == 0 &&
	    store_open(s->cache_path, 0, &st, &cause) == 0) {
		/* Its articles go too: the person asked. */
		if (store_feed_remove(st, url, &cause) == -1) {
			free(cause);
			cause = NULL;
		}
		store_close(&st);
	}
	if (r == 0) {
		if (cause != NULL)
			cli_error("warning: removed from the feed list, but "
			    "the cache could not follow: %s", cause);
		printf("removed %s\n", url);
	}
	free(cause);
	free(url);
	settings_free(s);
	return r;
}

/* The OPML's feeds as urls entries (borrowing its strings). */
static struct urls_entry *
entries_of(const struct opml *op)
{
	struct urls_entry *v;
	size_t i;

	v = xcalloc(op->n, sizeof *v);
	for (i = 0; i < op->n; i++) {
		v[i].url = op->v[i].url;
		v[i].tags = op->v[i].tags;
		v[i].ntags = op->v[i].ntags;
		v[i].title = op->v[i].title;
	}
	return v;
}

int
cmd_import(const struct herald_opts *o, int argc, char **argv)
{
	struct settings *s;
	struct opml *op = NULL;
	struct urls_entry *v;
	char *data = NULL, *cause = NULL;
	size_t len, added = 0, i;
	int r = 1;

	if (argc != 2) {
		cli_error("usage: herald import FILE.opml");
		return 2;
	}
	if ((s = paths(o)) == NULL)
		return 1;
	if (read_file(argv[1], OPML_MAX_BYTES, &data, &len, &cause) == -1 ||
	    opml_parse(data, len, argv[1], &op, &cause) == -1) {
		cli_error("cannot import: %s", cause);
		goto out;
	}
	for (i = 0; i < op->nwarnings; i++)
		cli_error("%s: %s", argv[1], op->warnings[i]);
	v = entries_of(op);
	if (urls_append(s->urls_path, v, op->n, &added, &cause) == -1) {
		cli_error("cannot import: %s", cause);
		free(v);
		goto out;
	}
	free(v);
	printf("imported %zu feeds from %s (%zu already listed, %zu "
	    "refused)\n", added, argv[1], op->n - added + op->duplicates,
	    op->refused);
	sync_cache(s);
	r = 0;
out:
	opml_free(op);
	free(data);
	free(cause);
	settings_free(s);
	return r;
}

/* What the list shows for a feed: its custom title, else the title the
 * cache has for it, else nothing (opml_write uses the URL). */
static const char *
cached_title(const struct store_feed *f, size_t n, const char *url)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(f[i].url, url) == 0)
			return f[i].own_title;
	}
	return NULL;
}

int
cmd_export(const struct herald_opts *o, int argc, char **argv)
{
	struct settings *s;
	struct urls *u;
	struct store *st = NULL;
	struct store_feed *feeds = NULL;
	struct opml_out *v;
	char *cause = NULL;
	size_t nfeeds = 0, i;
	int r;

	if (argc != 1) {
		cli_error("usage: herald export");
		return 2;
	}
	if ((s = paths(o)) == NULL)
		return 1;
	if (urls_load(s->urls_path, &u, &cause) == -1) {
		cli_error("cannot export: %s", cause);
		free(cause);
		settings_free(s);
		return 1;
	}
	for (i = 0; i < u->nerrors; i++)
		cli_error("%s", u->errors[i]);
	/* Titles from the cache when there is one; without, URLs do. */
	if (access(s->cache_path, F_OK) == 0 &&
	    store_open(s->cache_path, STORE_READONLY, &st, &cause) == 0) {
		if (store_feeds(st, &feeds, &nfeeds, &cause) == -1)
			nfeeds = 0;
		store_close(&st);
	}
	free(cause);
	v = xcalloc(u->n, sizeof *v);
	for (i = 0; i < u->n; i++) {
		v[i].url = u->v[i].url;
		v[i].custom_title = u->v[i].title;
		v[i].title = u->v[i].title != NULL ? u->v[i].title :
		    cached_title(feeds, nfeeds, u->v[i].url);
		v[i].tags = u->v[i].tags;
		v[i].ntags = u->v[i].ntags;
	}
	r = opml_write(stdout, "herald feeds", v, u->n) == 0 &&
	    fflush(stdout) == 0 ? 0 : 1;
	if (r != 0)
		cli_error("cannot write the OPML: %s", strerror(errno));
	free(v);
	store_feeds_free(feeds, nfeeds);
	urls_free(u);
	settings_free(s);
	return r;
}
