/* urls.h: the urls file, in newsboat's format, so people bring their feeds
 * over unchanged.
 *
 *	# a comment
 *	https://example.org/feed.xml  news "long reads"  "~My title"
 *
 * One feed a line: the URL, then tags (quoted when they hold spaces), and a
 * quoted "~Title" that replaces the feed's own.  Only http, https and file
 * URLs (and plain local paths) are taken: newsboat's exec:, filter: and
 * query: lines, or any other scheme, are refused with file:line and never
 * run.  The file is the source of truth for which feeds exist. */
#ifndef HERALD_URLS_H
#define HERALD_URLS_H

#include <stddef.h>

struct urls_entry {
	char		*url;
	char		**tags;
	size_t		 ntags;
	char		*title;		/* the "~Title", or NULL */
	int		 line;
};

struct urls {
	struct urls_entry *v;
	size_t		 n;
	char		**errors;	/* "file:line: sentence", one each */
	size_t		 nerrors;
};

/* Parse a urls file's text; name is used in the messages.  Bad lines are
 * reported in errors and skipped; the rest loads.  Never fails. */
struct urls *urls_parse(const char *data, size_t len, const char *name);
/* Read and parse path.  A missing file is an empty list. */
int urls_load(const char *path, struct urls **, char **cause);
void urls_free(struct urls *);
const struct urls_entry *urls_find(const struct urls *, const char *url);

/* 0 when url may be fetched (http, https, file, or a local path), else -1
 * with the reason. */
int urls_check_url(const char *url, char **cause);

/* Edits, each written atomically.  urls_add appends a line (creating the
 * file and its folder) and refuses a URL already listed; urls_remove drops
 * its line (comments and every other line stay as they were) and fails if
 * it is not listed; urls_replace_url swaps one URL for another in place
 * (for permanent redirects). */
int urls_add(const char *path, const char *url, char *const *tags,
    size_t ntags, const char *title, char **cause);
int urls_remove(const char *path, const char *url, char **cause);
int urls_replace_url(const char *path, const char *old_url,
    const char *new_url, char **cause);
/* Appends the entries not listed yet, in one write; *added says how
 * many.  Fails, writing nothing, if any entry cannot be written. */
int urls_append(const char *path, const struct urls_entry *, size_t n,
    size_t *added, char **cause);
/* The line urls_add writes, quoted where needed (a new string). */
char *urls_format_line(const char *url, char *const *tags, size_t ntags,
    const char *title);

#endif
