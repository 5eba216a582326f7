/* settings.c: the option table, the config file reader, and the XDG
 * paths. */
#include "config.h"

#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "util.h"

#define OFF(f)	offsetof(struct settings, f)
#define MIB	(1024LL * 1024)

/* Every option herald reads, in one place: `herald --help` and the man
 * page list these. */
static const struct settings_option options[] = {
	{ "max-connections", SETTINGS_INT, "16",
	  "transfers at once during a refresh", NULL, 1, 256,
	  OFF(max_connections) },
	{ "max-connections-per-host", SETTINGS_INT, "4",
	  "transfers at once to one host, so no site is hammered", NULL,
	  1, 64, OFF(max_connections_per_host) },
	{ "max-bytes", SETTINGS_BYTES, "32M",
	  "largest feed download; bigger ones are stopped", NULL,
	  1024, 1024 * MIB, OFF(max_bytes) },
	{ "timeout", SETTINGS_INT, "60",
	  "seconds one feed's download may take in all", NULL, 1, 3600,
	  OFF(timeout) },
	{ "connect-timeout", SETTINGS_INT, "15",
	  "seconds to wait for a server to answer", NULL, 1, 600,
	  OFF(connect_timeout) },
	{ "max-items-per-feed", SETTINGS_INT, "0",
	  "articles kept per feed, 0 for all (starred and unread ones are "
	  "always kept)", NULL, 0, 1000000, OFF(max_items_per_feed) },
	{ "keep-days", SETTINGS_INT, "0",
	  "days an article is kept, 0 for ever (starred and unread ones are "
	  "always kept)", NULL, 0, 100000, OFF(keep_days) },
	{ "refresh-on-start", SETTINGS_BOOL, "no",
	  "refresh every feed when the reader starts", NULL, 0, 0,
	  OFF(refresh_on_start) },
	{ "theme", SETTINGS_STRING, "default",
	  "colour theme, a name from the themes folder", NULL, 0, 0,
	  OFF(theme) },
	{ "browser", SETTINGS_STRING, "",
	  "program that opens links (the URL is its last argument); empty "
	  "for $BROWSER or xdg-open", NULL, 0, 0, OFF(browser) },
	{ "ca-file", SETTINGS_STRING, "",
	  "file of CA certificates (PEM) to trust for https feeds instead of "
	  "the system's, for feeds behind a private CA", NULL, 0, 0,
	  OFF(ca_file) },
	{ "feed-sort", SETTINGS_CHOICE, "urls",
	  "order of the feed list", "urls|title|unread", 0, 0,
	  OFF(feed_sort) },
	{ "show-read", SETTINGS_BOOL, "yes",
	  "show articles already read in lists", NULL, 0, 0, OFF(show_read) },
};

static const struct {
	const char	*word;
	int		 value;
} bools[] = {
	{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
	{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
};

const struct settings_option *
settings_options(size_t *n)
{
	*n = ARRAYSIZE(options);
	return options;
}

static const struct settings_option *
find_option(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAYSIZE(options); i++) {
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	}
	return NULL;
}

/* A whole number with an optional K, M or G (powers of 1024). */
static int
parse_number(const char *v, int bytes, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (end == v || errno != 0 || !isdigit((unsigned char)*v))
		return -1;
	if (bytes && *end != '\0' && end[1] == '\0') {
		switch (toupper((unsigned char)*end)) {
		case 'K': n = n > INT64_MAX / 1024 ? -1 : n * 1024; break;
		case 'M': n = n > INT64_MAX / MIB ? -1 : n * MIB; break;
		case 'G': n = n > INT64_MAX / (MIB * 1024) ? -1 :
		    n * MIB * 1024; break;
		default: return -1;
		}
		end++;
	}
	if (*end != '\0' || n < 0)
		return -1;
	*out = n;
	return 0;
}

/* The index of v among a|b|c, or -1. */
static int
choice_index(const char *choices, const char *v)
{
	const char *p = choices;
	size_t n, len = strlen(v);
	int i;

	for (i = 0; *p != '\0'; i++) {
		n = strcspn(p, "|");
		if (n == len && strncmp(p, v, n) == 0)
			return i;
		p += n;
		if (*p == '|')
			p++;
	}
	return -1;
}

/* Stores value into the option's field, or says why it cannot. */
static int
set_value(struct settings *s, const struct settings_option *o,
    const char *v, char **cause)
{
	void *field = (char *)s + o->offset;
	int64_t n;
	size_t i;
	int c;

	switch (o->type) {
	case SETTINGS_INT:
	case SETTINGS_BYTES:
		if (parse_number(v, o->type == SETTINGS_BYTES, &n) == -1 ||
		    n < o->min || n > o->max)
			return set_cause(cause, "%s: '%s' is not %s from %"
			    PRId64 " to %" PRId64, o->name, v,
			    o->type == SETTINGS_BYTES ? "a size (bytes, or "
			    "with K, M, G)" : "a whole number", o->min, o->max);
		if (o->type == SETTINGS_INT)
			*(int *)field = (int)n;
		else
			*(int64_t *)field = n;
		return 0;
	case SETTINGS_BOOL:
		for (i = 0; i < ARRAYSIZE(bools); i++) {
			if (strcasecmp(bools[i].word, v) == 0) {
				*(int *)field = bools[i].value;
				return 0;
			}
		}
		return set_cause(cause, "%s: '%s' is not yes or no", o->name, v);
	case SETTINGS_STRING:
		free(*(char **)field);
		*(char **)field = *v != '\0' ? xstrdup(v) : NULL;
		return 0;
	case SETTINGS_CHOICE:
		if ((c = choice_index(o->choices, v)) == -1)
			return set_cause(cause, "%s: '%s' is not one of %s",
			    o->name, v, o->choices);
		*(int *)field = c;
		return 0;
	}
	return set_cause(cause, "%s: unknown type", o->name);
}

int
settings_set(struct settings *s, const char *key, const char *value,
    char **cause)
{
	const struct settings_option *o;

	if ((o = find_option(key)) == NULL)
		return set_cause(cause, "unknown setting '%s'", key);
	return set_value(s, o, value, cause);
}

char *
settings_get(const struct settings *s, const char *key)
{
	const struct settings_option *o;
	const void *field;
	const char *p;
	char *out;
	int i;

	if ((o = find_option(key)) == NULL)
		return NULL;
	field = (const char *)s + o->offset;
	switch (o->type) {
	case SETTINGS_INT:
	case SETTINGS_BOOL:
		if (o->type == SETTINGS_BOOL)
			return xstrdup(*(const int *)field ? "yes" : "no");
		xasprintf(&out, "%d", *(const int *)field);
		return out;
	case SETTINGS_BYTES:
		xasprintf(&out, "%" PRId64, *(const int64_t *)field);
		return out;
	case SETTINGS_STRING:
		p = *(char *const *)field;
		return xstrdup(p != NULL ? p : "");
	case SETTINGS_CHOICE:
		p = o->choices;
		for (i = *(const int *)field; i > 0 && *p != '\0'; i--)
			p += strcspn(p, "|") + 1;
		return xstrndup(p, strcspn(p, "|"));
	}
	return NULL;
}

struct settings *
settings_new(void)
{
	struct settings *s;
	size_t i;

	s = xcalloc(1, sizeof *s);
	for (i = 0; i < ARRAYSIZE(options); i++) {
		if (set_value(s, &options[i], options[i].def, NULL) == -1)
			fatal("bad default for %s", options[i].name);
	}
	return s;
}

void
settings_free(struct settings *s)
{
	size_t i;

	if (s == NULL)
		return;
	free(s->theme);
	free(s->browser);
	free(s->ca_file);
	for (i = 0; i < s->nbinds; i++) {
		free(s->binds[i].key);
		free(s->binds[i].action);
		free(s->binds[i].file);
	}
	free(s->binds);
	for (i = 0; i < s->nerrors; i++)
		free(s->errors[i]);
	free(s->errors);
	free(s->config_path);
	free(s->urls_path);
	free(s->cache_path);
	free(s);
}

static void
add_error(struct settings *s, const char *name, int line, const char *msg)
{
	s->errors = xreallocarray(s->errors, s->nerrors + 1,
	    sizeof *s->errors);
	xasprintf(&s->errors[s->nerrors++], "%s:%d: %s", name, line, msg);
}

static char *
trim(char *p)
{
	char *e;

	while (isspace((unsigned char)*p))
		p++;
	e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return p;
}

/* The value part of a line: quoted ("..." with \" and \\), or bare up to
 * a # that follows a blank. */
static int
read_value(char *p, char **out, char **cause)
{
	char *w, *c;

	p = trim(p);
	if (*p != '"') {
		for (c = p; (c = strchr(c, '#')) != NULL; c++) {
			if (c == p || isspace((unsigned char)c[-1])) {
				*c = '\0';
				break;
			}
		}
		*out = trim(p);
		return 0;
	}
	for (w = *out = ++p; *p != '"'; p++) {
		if (*p == '\0')
			return set_cause(cause, "a quote is not closed");
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		*w++ = *p;
	}
	c = trim(p + 1);
	*w = '\0';
	if (*c != '\0' && *c != '#')
		return set_cause(cause, "text after the closing quote");
	return 0;
}

/* `bind KEY ACTION`: kept as written, for the key module. */
static int
read_bind(struct settings *s, char *rest, const char *name, int line,
    char **cause)
{
	char *key, *action, *extra;
	struct settings_bind *b;

	key = strtok(rest, " \t");
	action = key != NULL ? strtok(NULL, " \t") : NULL;
	extra = action != NULL ? strtok(NULL, " \t") : NULL;
	if (key == NULL || action == NULL || (extra != NULL && *extra != '#'))
		return set_cause(cause, "bind takes a key and an action: "
		    "bind KEY ACTION");
	s->binds = xreallocarray(s->binds, s->nbinds + 1, sizeof *s->binds);
	b = &s->binds[s->nbinds++];
	b->key = xstrdup(key);
	b->action = xstrdup(action);
	b->file = xstrdup(name);
	b->line = line;
	return 0;
}

/* One line; -1 with the reason when it cannot be used. */
static int
read_line(struct settings *s, char *line, const char *name, int lineno,
    char **cause)
{
	char *p = trim(line), *eq, *key, *value;

	if (*p == '\0' || *p == '#')
		return 0;
	if (strncmp(p, "bind", 4) == 0 && isspace((unsigned char)p[4]))
		return read_bind(s, p + 5, name, lineno, cause);
	if ((eq = strchr(p, '=')) == NULL)
		return set_cause(cause, "expected key = value");
	*eq = '\0';
	key = trim(p);
	if (*key == '\0')
		return set_cause(cause, "a value with no key");
	if (find_option(key) == NULL)
		return set_cause(cause, "unknown setting '%s'", key);
	if (read_value(eq + 1, &value, cause) == -1)
		return -1;
	return settings_set(s, key, value, cause);
}

size_t
settings_parse(struct settings *s, const char *data, size_t len,
    const char *name)
{
	const char *p = data, *end = data + len, *nl;
	char *line, *msg;
	size_t before = s->nerrors;
	int lineno = 0;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		lineno++;
		line = xstrndup(p, (size_t)(nl - p));
		msg = NULL;
		if (strlen(line) != (size_t)(nl - p))
			set_cause(&msg, "a NUL byte in the line");
		else if (read_line(s, line, name, lineno, &msg) == 0)
			msg = NULL;
		if (msg != NULL)
			add_error(s, name, lineno, msg);
		free(msg);
		free(line);
		if (nl == end)
			break;
	}
	return s->nerrors - before;
}

int
settings_load(struct settings *s, const char *path, char **cause)
{
	struct stat sb;
	char *data;
	size_t len;

	if (stat(path, &sb) == -1 && errno == ENOENT)
		return 0;
	if (read_file(path, 1024 * 1024, &data, &len, cause) == -1)
		return -1;
	settings_parse(s, data, len, path);
	free(data);
	return 0;
}

/* $VAR, else $HOME/fallback. */
static char *
xdg_dir(const char *var, const char *fallback, char **cause)
{
	const char *v = getenv(var), *home;
	char *out;

	/* XDG says a relative value is to be ignored. */
	if (v != NULL && v[0] == '/')
		return xstrdup(v);
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		set_cause(cause, "neither $%s nor $HOME is set: name the files "
		    "with --config, --urls and --cache", var);
		return NULL;
	}
	xasprintf(&out, "%s/%s", home, fallback);
	return out;
}

/* Makes the folder a path lives in. */
static int
make_parent(const char *path, char **cause)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int r;

	if (slash == NULL || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	r = make_dirs(dir, cause);
	free(dir);
	return r;
}

int
settings_paths(struct settings *s, const struct herald_opts *o, int create,
    char **cause)
{
	char *config = NULL, *data = NULL;

	if (o->config == NULL || o->urls == NULL) {
		if ((config = xdg_dir("XDG_CONFIG_HOME", ".config",
		    cause)) == NULL)
			return -1;
	}
	if (o->cache == NULL) {
		if ((data = xdg_dir("XDG_DATA_HOME", ".local/share",
		    cause)) == NULL) {
			free(config);
			return -1;
		}
	}
	free(s->config_path);
	free(s->urls_path);
	free(s->cache_path);
	if (o->config != NULL)
		s->config_path = xstrdup(o->config);
	else
		xasprintf(&s->config_path, "%s/herald/config", config);
	if (o->urls != NULL)
		s->urls_path = xstrdup(o->urls);
	else
		xasprintf(&s->urls_path, "%s/herald/urls", config);
	if (o->cache != NULL)
		s->cache_path = xstrdup(o->cache);
	else
		xasprintf(&s->cache_path, "%s/herald/cache.db", data);
	free(config);
	free(data);
	if (!create)
		return 0;
	if (make_parent(s->config_path, cause) == -1 ||
	    make_parent(s->urls_path, cause) == -1 ||
	    make_parent(s->cache_path, cause) == -1)
		return -1;
	return 0;
}

int
settings_init(const struct herald_opts *o, struct settings **out,
    char **cause)
{
	struct settings *s = settings_new();

	*out = NULL;
	if (settings_paths(s, o, 1, cause) == -1 ||
	    settings_load(s, s->config_path, cause) == -1) {
		settings_free(s);
		return -1;
	}
	if (o->theme != NULL) {
		free(s->theme);
		s->theme = xstrdup(o->theme);
	}
	*out = s;
	return 0;
}
