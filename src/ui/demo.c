/* ui/demo.c: `herald --demo`.  The bundled feeds (data/demo, installed to
 * $(pkgdatadir)/demo) are parsed into a cache in a fresh temporary folder
 * that is removed on exit; nothing touches the network or the person's
 * own cache.  The feeds keep file:// URLs, so r and R work offline. */
#include "config.h"

#include "ui.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed.h"
#include "util.h"

#define DEMO_FILE_MAX	(4 * 1024 * 1024)

static int
has_urls(const char *dir)
{
	char *p;
	int ok;

	xasprintf(&p, "%s/urls", dir);
	ok = access(p, R_OK) == 0;
	free(p);
	return ok;
}

/* The installed copy, else the source tree's. */
char *
ui_demo_find(void)
{
	const char *env = getenv("HERALD_DEMO_DIR");

	if (env != NULL && *env != '\0' && has_urls(env))
		return xstrdup(env);
	if (has_urls(HERALD_PKGDATADIR "/demo"))
		return xstrdup(HERALD_PKGDATADIR "/demo");
	if (has_urls(HERALD_SRCDIR "/data/demo"))
		return xstrdup(HERALD_SRCDIR "/data/demo");
	return NULL;
}

/* One line of the demo's urls file: a file name, then tags. */
static int
load_feed(struct store *st, const char *dir, char *line, char **cause)
{
	char *name, *tags, *url, *path, *data;
	struct feed *f = NULL;
	size_t len;
	int64_t id;
	int added, r;

	name = line + strspn(line, " \t");
	if (*name == '\0' || *name == '#')
		return 0;
	tags = name + strcspn(name, " \t");
	if (*tags != '\0') {
		*tags++ = '\0';
		tags += strspn(tags, " \t");
	}
	xasprintf(&path, "%s/%s", dir, name);
	xasprintf(&url, "file://%s", path);
	r = read_file(path, DEMO_FILE_MAX, &data, &len, cause);
	if (r == 0) {
		r = feed_parse(data, len, url, &f, cause);
		free(data);
	}
	if (r == 0)
		r = store_feed_add(st, url, *tags != '\0' ? tags : NULL, NULL,
		    &id, cause);
	if (r == 0)
		r = store_feed_update(st, id, f, NULL, NULL, &added, cause);
	feed_free(f);
	free(url);
	free(path);
	return r;
}

int
ui_demo_load(const char *dir, struct store **out, char **tmpdir,
    char **cause)
{
	const char *t = getenv("TMPDIR");
	char *tmpl, *cache, *urls, *text, *line, *nl;
	struct store *st = NULL;
	size_t len;
	int r = 0;

	xasprintf(&tmpl, "%s/herald-demo.XXXXXX", t != NULL && *t ? t : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		set_cause(cause, "cannot make a folder for the demo: %s", tmpl);
		free(tmpl);
		return -1;
	}
	xasprintf(&cache, "%s/cache.db", tmpl);
	xasprintf(&urls, "%s/urls", dir);
	if (store_open(cache, 0, &st, cause) == -1 ||
	    read_file(urls, DEMO_FILE_MAX, &text, &len, cause) == -1) {
		store_close(&st);
		ui_demo_cleanup(tmpl);
		free(cache);
		free(urls);
		return -1;
	}
	for (line = text; r == 0 && line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		r = load_feed(st, dir, line, cause);
	}
	free(text);
	free(cache);
	free(urls);
	if (r == -1) {
		store_close(&st);
		ui_demo_cleanup(tmpl);
		return -1;
	}
	*out = st;
	*tmpdir = tmpl;
	return 0;
}

/* Remove the demo's folder and what SQLite left in it, then free it. */
void
ui_demo_cleanup(char *tmpdir)
{
	struct dirent *de;
	char *p;
	DIR *d;

	if (tmpdir == NULL)
		return;
	if ((d = opendir(tmpdir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			xasprintf(&p, "%s/%s", tmpdir, de->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(tmpdir);
	free(tmpdir);
}
