/* settings.h: where herald keeps its files, and the config file.
 *
 * Paths follow XDG: $XDG_CONFIG_HOME/herald/{config,urls} and
 * $XDG_DATA_HOME/herald/cache.db ($HOME/.config and $HOME/.local/share
 * when unset); --config, --urls and --cache override them.
 *
 * The config file is `key = value` lines with # comments; a value may be
 * in double quotes.  Every option is a row of one table (settings_options)
 * with its type, default and help.  `bind KEY ACTION` lines are collected
 * as they are, for the key module to check.  An unknown key or a bad value
 * is reported as "file:line: ..." and the rest still loads. */
#ifndef HERALD_SETTINGS_H
#define HERALD_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

struct herald_opts;

enum settings_type {
	SETTINGS_INT,		/* a whole number within min..max */
	SETTINGS_BYTES,		/* a size: 512, 64K, 32M, 1G */
	SETTINGS_BOOL,		/* yes/no, true/false, on/off, 1/0 */
	SETTINGS_STRING,
	SETTINGS_CHOICE,	/* one word of a |-separated list */
};

/* feed-sort's values, in the order of its choices. */
enum settings_feed_sort {
	SETTINGS_SORT_URLS,	/* the urls file's order */
	SETTINGS_SORT_TITLE,
	SETTINGS_SORT_UNREAD,	/* most unread first */
};

struct settings_option {
	const char		*name;
	enum settings_type	 type;
	const char		*def;	/* as it would be written in the file */
	const char		*help;
	const char		*choices; /* SETTINGS_CHOICE: "a|b|c" */
	int64_t			 min, max; /* SETTINGS_INT and _BYTES */
	size_t			 offset; /* of the value in struct settings */
};

/* A `bind KEY ACTION` line, unchecked. */
struct settings_bind {
	char	*key;
	char	*action;
	char	*file;
	int	 line;
};

struct settings {
	/* Values, by option (see the table in settings.c for each one). */
	int	 max_connections;
	int	 max_connections_per_host;
	int64_t	 max_bytes;
	int	 timeout;
	int	 connect_timeout;
	int	 max_items_per_feed;
	int	 keep_days;
	int	 refresh_on_start;
	char	*theme;
	char	*browser;	/* NULL: the UI's own choice ($BROWSER...) */
	char	*ca_file;	/* NULL: the system's certificates */
	int	 feed_sort;	/* enum settings_feed_sort */
	int	 show_read;

	struct settings_bind *binds;
	size_t	 nbinds;
	/* Problems found while loading, "file:line: sentence" each. */
	char	**errors;
	size_t	 nerrors;

	/* Where the files are. */
	char	*config_path;
	char	*urls_path;
	char	*cache_path;
};

/* The table of every option. */
const struct settings_option *settings_options(size_t *n);

/* Defaults, no paths. */
struct settings *settings_new(void);
void settings_free(struct settings *);
/* Set one option from its text; -1 with the reason when the key is
 * unknown or the value bad (the old value stays). */
int settings_set(struct settings *, const char *key, const char *value,
    char **cause);
/* Read a config file's text; problems go to s->errors.  Returns how many
 * there were. */
size_t settings_parse(struct settings *, const char *data, size_t len,
    const char *name);
/* Read a config file; a missing file is no error. */
int settings_load(struct settings *, const char *path, char **cause);
/* Fill the three paths from the options and the environment; with
 * create, make their folders (first run). */
int settings_paths(struct settings *, const struct herald_opts *,
    int create, char **cause);
/* All of it: paths (folders made), then the config file, then --theme.
 * Problems in the file are in (*out)->errors for the caller to show. */
int settings_init(const struct herald_opts *, struct settings **out,
    char **cause);
/* An option's current value as text (a new string), or NULL if unknown. */
char *settings_get(const struct settings *, const char *key);

#endif
