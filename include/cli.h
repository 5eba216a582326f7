/* cli.h: the command line.  main() parses the global options, then hands
 * the rest to one command from the table in main.c. */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stddef.h>

#include "fetch.h"

/* Options that every command takes, before or after the command name. */
struct herald_opts {
	const char	*urls;		/* --urls FILE */
	const char	*cache;		/* --cache FILE */
	const char	*config;	/* --config FILE */
	const char	*theme;		/* --theme NAME */
	int		 offline;	/* --offline: touch no network */
	int		 demo;		/* --demo: the bundled offline feeds */
};

/* Each command gets argv[0] = its name and returns the exit status. */
typedef int (*cmd_fn)(const struct herald_opts *, int argc, char **argv);

int cmd_parse(const struct herald_opts *, int, char **);
int cmd_render(const struct herald_opts *, int, char **);
int cmd_refresh(const struct herald_opts *, int, char **);
int cmd_add(const struct herald_opts *, int, char **);
int cmd_remove(const struct herald_opts *, int, char **);
int cmd_import(const struct herald_opts *, int, char **);
int cmd_export(const struct herald_opts *, int, char **);
int cmd_search(const struct herald_opts *, int, char **);
int cmd_list(const struct herald_opts *, int, char **);
/* The reader itself (src/ui/). */
int ui_main(const struct herald_opts *);

/* True when arg names a URL (has a scheme) rather than a local file. */
int cli_is_url(const char *arg);
/* Read FILE or URL, handing its bytes to cb in chunks as they come (a file
 * is never read whole).  --offline refuses URLs. */
int cli_read_input(const struct herald_opts *, const char *arg,
    fetch_data_cb cb, void *cbarg, char **cause);
/* "herald: <message>" on stderr, for command errors. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
