/* urls.c: reading and editing the urls file (newsboat's format).
 *
 * A line is split into tokens at blanks; a token in double quotes may hold
 * blanks, with \" and \\ inside; an unquoted token starting with # begins
 * a comment.  The first token is the feed, the rest are tags, "~..." is the
 * custom title and "!" (newsboat's hidden flag) is accepted and ignored.
 * Edits rewrite the file through write_file_atomic and leave every other
 * line as the person wrote it. */
#include "config.h"

#include "urls.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util.h"

/* A urls file larger than this is not a list of feeds. */
#define URLS_MAX_BYTES	(16 * 1024 * 1024)

/* Schemes herald fetches; anything else is refused, never run. */
static const char *const schemes[] = { "http", "https", "file" };

/* newsboat's special lines, named so the refusal can say what they do. */
static const struct {
	const char	*prefix;
	const char	*what;
} special[] = {
	{ "exec:", "runs a command" },
	{ "filter:", "runs a command on the download" },
	{ "query:", "is a newsboat query feed" },
};

/* The next token of a line (a new string) and where it ends; NULL at the
 * end or at a comment.  *bad is set for an unclosed quote. */
static char *
next_token(const char **sp, int *quoted, int *bad)
{
	const char *s = *sp;
	struct buf b;

	*quoted = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#') {
		*sp = s;
		return NULL;
	}
	buf_init(&b, 0);
	if (*s != '"') {
		while (*s != '\0' && *s != ' ' && *s != '\t')
			buf_addc(&b, *s++);
		*sp = s;
		return buf_steal(&b);
	}
	*quoted = 1;
	for (s++; *s != '"'; s++) {
		if (*s == '\0') {
			*bad = 1;
			buf_free(&b);
			*sp = s;
			return NULL;
		}
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		buf_addc(&b, *s);
	}
	*sp = s + 1;
	return buf_steal(&b);
}

int
urls_check_url(const char *url, char **cause)
{
	size_t i, n;
	const unsigned char *p;

	if (*url == '\0')
		return set_cause(cause, "an empty URL");
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return set_cause(cause, "a URL with a control "
			    "character");
	}
	for (i = 0; i < ARRAYSIZE(special); i++) {
		n = strlen(special[i].prefix);
		if (strncasecmp(url, special[i].prefix, n) == 0)
			return set_cause(cause, "%s %s; herald never runs "
			    "commands from its feed list", special[i].prefix,
			    special[i].what);
	}
	/* A scheme is letters, digits, + - . up to the first ':'. */
	n = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789+-.");
	if (n == 0 || url[n] != ':' || !isalpha((unsigned char)url[0]))
		return 0;	/* a local path */
	for (i = 0; i < ARRAYSIZE(schemes); i++) {
		if (strlen(schemes[i]) == n &&
		    strncasecmp(url, schemes[i], n) == 0)
			return 0;
	}
	return set_cause(cause, "the scheme %.*s: is not one herald fetches "
	    "(http, https, file)", (int)n, url);
}

static void
add_error(struct urls *u, const char *name, int line, const char *msg)
{
	u->errors = xreallocarray(u->errors, u->nerrors + 1,
	    sizeof *u->errors);
	xasprintf(&u->errors[u->nerrors++], "%s:%d: %s", name, line, msg);
}

static void
entry_clear(struct urls_entry *e)
{
	size_t i;

	free(e->url);
	for (i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
	free(e->title);
}

/* Reads one line's tokens into e; returns 0 for a feed, 1 for a blank or
 * comment line, -1 with *msg for a bad one. */
static int
parse_line(const char *line, struct urls_entry *e, char **msg)
{
	const char *s = line;
	char *tok;
	int quoted, bad = 0;

	memset(e, 0, sizeof *e);
	if ((e->url = next_token(&s, &quoted, &bad)) == NULL) {
		if (bad)
			return set_cause(msg, "a quote is not closed; the line "
			    "is skipped");
		return 1;
	}
	if (urls_check_url(e->url, msg) == -1) {
		entry_clear(e);
		return -1;
	}
	while ((tok = next_token(&s, &quoted, &bad)) != NULL) {
		if (tok[0] == '~' && e->title == NULL && tok[1] != '\0') {
			e->title = xstrdup(tok + 1);
			free(tok);
		} else if (strcmp(tok, "!") == 0 || tok[0] == '\0') {
			free(tok);
		} else {
			e->tags = xreallocarray(e->tags, e->ntags + 1,
			    sizeof *e->tags);
			e->tags[e->ntags++] = tok;
		}
	}
	if (bad) {
		entry_clear(e);
		return set_cause(msg, "a quote is not closed; the line is "
		    "skipped");
	}
	return 0;
}

struct urls *
urls_parse(const char *data, size_t len, const char *name)
{
	struct urls *u;
	struct urls_entry e;
	const struct urls_entry *dup;
	const char *p = data, *end = data + len, *nl;
	char *line, *msg;
	int lineno = 0;

	u = xcalloc(1, sizeof *u);
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		lineno++;
		line = xstrndup(p, (size_t)(nl - p));
		line[strcspn(line, "\r")] = '\0';
		msg = NULL;
		switch (parse_line(line, &e, &msg)) {
		case 0:
			if ((dup = urls_find(u, e.url)) != NULL) {
				xasprintf(&msg, "%s is already on line %d; "
				    "skipped", e.url, dup->line);
				add_error(u, name, lineno, msg);
				entry_clear(&e);
				break;
			}
			e.line = lineno;
			u->v = xreallocarray(u->v, u->n + 1, sizeof *u->v);
			u->v[u->n++] = e;
			break;
		case -1:
			add_error(u, name, lineno, msg);
			break;
		}
		free(msg);
		free(line);
		if (nl == end)
			break;
	}
	return u;
}

/* A file not there yet reads as empty; any other failure is one. */
static int
missing(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == -1 && errno == ENOENT;
}

int
urls_load(const char *path, struct urls **out, char **cause)
{
	char *data;
	size_t len;

	*out = NULL;
	if (missing(path)) {
		*out = xcalloc(1, sizeof **out);
		return 0;
	}
	if (read_file(path, URLS_MAX_BYTES, &data, &len, cause) == -1)
		return -1;
	*out = urls_parse(data, len, path);
	free(data);
	return 0;
}

void
urls_free(struct urls *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < u->n; i++)
		entry_clear(&u->v[i]);
	free(u->v);
	for (i = 0; i < u->nerrors; i++)
		free(u->errors[i]);
	free(u->errors);
	free(u);
}

const struct urls_entry *
urls_find(const struct urls *u, const char *url)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		if (strcmp(u->v[i].url, url) == 0)
			return &u->v[i];
	}
	return NULL;
}

/* Adds a token, quoted when it must be to read back the same. */
static void
add_quoted(struct buf *b, const char *prefix, const char *s)
{
	size_t plen = strlen(prefix);

	if (plen == 0 && *s != '\0' && *s != '"' && *s != '#' &&
	    strpbrk(s, " \t") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	buf_adds(b, prefix);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

char *
urls_format_line(const char *url, char *const *tags, size_t ntags,
    const char *title)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	add_quoted(&b, "", url);
	for (i = 0; i < ntags; i++) {
		buf_addc(&b, ' ');
		add_quoted(&b, "", tags[i]);
	}
	if (title != NULL) {
		buf_addc(&b, ' ');
		add_quoted(&b, "~", title);
	}
	return buf_steal(&b);
}

/* Reads the file (missing: empty) for an edit. */
static int
read_for_edit(const char *path, char **data, size_t *len, char **cause)
{
	if (missing(path)) {
		*data = xstrdup("");
		*len = 0;
		return 0;
	}
	return read_file(path, URLS_MAX_BYTES, data, len, cause);
}

/* Writes the file, creating its folder on first use. */
static int
write_urls(const char *path, const char *data, size_t len, char **cause)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int r = 0;

	if (slash != NULL && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		r = make_dirs(dir, cause);
		free(dir);
	}
	return r == -1 ? -1 : write_file_atomic(path, data, len, cause);
}

/* Why a tag or title cannot go into the file as given, or 0. */
static int
check_entry(const struct urls_entry *e, char **cause)
{
	size_t i;

	if (urls_check_url(e->url, cause) == -1)
		return -1;
	for (i = 0; i < e->ntags; i++) {
		if (e->tags[i][0] == '~' || e->tags[i][0] == '!' ||
		    e->tags[i][0] == '\0' || strpbrk(e->tags[i], "\r\n"))
			return set_cause(cause, "the tag '%s' cannot be written "
			    "to the urls file (a tag may not be empty or start "
			    "with ~ or !)", e->tags[i]);
	}
	if (e->title != NULL && strpbrk(e->title, "\r\n") != NULL)
		return set_cause(cause, "a title may not span lines");
	return 0;
}

int
urls_append(const char *path, const struct urls_entry *v, size_t n,
    size_t *added, char **cause)
{
	struct urls *u;
	struct buf b;
	char *data, *line;
	size_t len, i, count = 0;
	int r = 0;

	for (i = 0; i < n; i++) {
		if (check_entry(&v[i], cause) == -1)
			return -1;
	}
	if (read_for_edit(path, &data, &len, cause) == -1)
		return -1;
	u = urls_parse(data, len, path);
	buf_init(&b, 0);
	buf_add(&b, data, len);
	if (len != 0 && data[len - 1] != '\n')
		buf_addc(&b, '\n');
	for (i = 0; i < n; i++) {
		if (urls_find(u, v[i].url) != NULL)
			continue;
		line = urls_format_line(v[i].url, v[i].tags, v[i].ntags,
		    v[i].title);
		buf_printf(&b, "%s\n", line);
		free(line);
		/* A URL twice in v goes in once. */
		u->v = xreallocarray(u->v, u->n + 1, sizeof *u->v);
		memset(&u->v[u->n], 0, sizeof *u->v);
		u->v[u->n++].url = xstrdup(v[i].url);
		count++;
	}
	if (count > 0)
		r = write_urls(path, b.data, b.len, cause);
	buf_free(&b);
	urls_free(u);
	free(data);
	if (added != NULL)
		*added = r == 0 ? count : 0;
	return r;
}

int
urls_add(const char *path, const char *url, char *const *tags,
    size_t ntags, const char *title, char **cause)
{
	struct urls_entry e;
	size_t added;

	memset(&e, 0, sizeof e);
	e.url = (char *)url;
	e.tags = (char **)tags;
	e.ntags = ntags;
	e.title = (char *)title;
	if (urls_append(path, &e, 1, &added, cause) == -1)
		return -1;
	if (added == 0)
		return set_cause(cause, "%s is already in %s", url, path);
	return 0;
}

/* Rewrites every line whose URL is old: dropped when new_url is NULL, else
 * given new_url with the rest of the line unchanged.  Returns how many
 * lines matched. */
static int
rewrite(const char *data, size_t len, const char *old_url,
    const char *new_url, struct buf *out)
{
	const char *p = data, *end = data + len, *nl, *s;
	char *line, *tok;
	int quoted, bad = 0, n = 0;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		line = xstrndup(p, (size_t)(nl - p));
		s = line;
		tok = next_token(&s, &quoted, &bad);
		if (tok != NULL && strcmp(tok, old_url) == 0) {
			n++;
			if (new_url != NULL) {
				add_quoted(out, "", new_url);
				buf_adds(out, s);
				buf_addc(out, '\n');
			}
		} else {
			buf_add(out, p, (size_t)(nl - p));
			if (nl != end)
				buf_addc(out, '\n');
		}
		free(tok);
		free(line);
		if (nl == end)
			break;
	}
	return n;
}

/* urls_remove and urls_replace_url. */
static int
edit(const char *path, const char *old_url, const char *new_url,
    char **cause)
{
	struct buf b;
	char *data;
	size_t len;
	int r;

	if (new_url != NULL && urls_check_url(new_url, cause) == -1)
		return -1;
	if (read_for_edit(path, &data, &len, cause) == -1)
		return -1;
	buf_init(&b, 0);
	if (rewrite(data, len, old_url, new_url, &b) == 0) {
		r = set_cause(cause, "%s is not in %s", old_url, path);
	} else
		r = write_urls(path, b.data != NULL ? b.data : "", b.len,
		    cause);
	buf_free(&b);
	free(data);
	return r;
}

int
urls_remove(const char *path, const char *url, char **cause)
{
	return edit(path, url, NULL, cause);
}

int
urls_replace_url(const char *path, const char *old_url, const char *new_url,
    char **cause)
{
	return edit(path, old_url, new_url, cause);
}
