/* herald: a terminal news reader.  main() takes the global options out of
 * argv wherever they stand, then runs one command or the reader. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "utf8.h"
#include "util.h"

static const struct {
	const char	*name;
	cmd_fn		 fn;
	const char	*usage;
} commands[] = {
	{ "refresh", cmd_refresh,
	  "refresh [--feed URL|TAG] [--jobs N] [--timeout S]" },
	{ "add", cmd_add, "add URL [TAG...]" },
	{ "remove", cmd_remove, "remove [--starred-too] URL" },
	{ "import", cmd_import, "import FILE.opml" },
	{ "export", cmd_export, "export" },
	{ "parse", cmd_parse, "parse FILE|URL --json [--base URL]" },
	{ "render", cmd_render,
	  "render FILE|URL [--item N] [--width W] [--ansi | --json]" },
	{ "search", cmd_search, "search [--limit N] QUERY" },
	{ "list", cmd_list, "list [--unread] [--starred] [--tag TAG]" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: herald [options]            the reader\n"
	    "       herald --demo [options]     the reader on the bundled "
	    "offline demo feeds\n");
	for (i = 0; i < ARRAYSIZE(commands); i++)
		fprintf(f, "       herald %s\n", commands[i].usage);
	fprintf(f, "options:\n"
	    "  --urls FILE     the feeds to read (default "
	    "$XDG_CONFIG_HOME/herald/urls)\n"
	    "  --cache FILE    the article cache (default "
	    "$XDG_DATA_HOME/herald/cache.db)\n"
	    "  --config FILE   settings (default "
	    "$XDG_CONFIG_HOME/herald/config)\n"
	    "  --theme NAME    colour theme\n"
	    "  --offline       touch no network\n"
	    "  --version       print the version\n"
	    "  --help          print this help\n");
}

/* Takes a global option at argv[*i] into opts; returns 1 if it was one,
 * 0 if not, -1 on a missing argument. */
static int
take_global(struct herald_opts *opts, int argc, char **argv, int *i)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} valued[] = {
		{ "--urls", offsetof(struct herald_opts, urls) },
		{ "--cache", offsetof(struct herald_opts, cache) },
		{ "--config", offsetof(struct herald_opts, config) },
		{ "--theme", offsetof(struct herald_opts, theme) },
	};
	const char *a = argv[*i];
	size_t j, n;

	if (strcmp(a, "--offline") == 0)
		return opts->offline = 1;
	if (strcmp(a, "--demo") == 0)
		return opts->demo = 1;
	for (j = 0; j < ARRAYSIZE(valued); j++) {
		n = strlen(valued[j].name);
		if (strncmp(a, valued[j].name, n) != 0)
			continue;
		if (a[n] == '=') {
			*(const char **)((char *)opts + valued[j].off) = a + n + 1;
			return 1;
		}
		if (a[n] != '\0')
			continue;
		if (*i + 1 >= argc) {
			cli_error("%s needs an argument", a);
			return -1;
		}
		*(const char **)((char *)opts + valued[j].off) = argv[++*i];
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct herald_opts opts;
	char **rest;
	int i, n = 0, r, dashdash = 0;
	size_t c;

	utf8_init_locale();
	memset(&opts, 0, sizeof opts);
	rest = xcalloc((size_t)argc + 1, sizeof *rest);
	for (i = 1; i < argc; i++) {
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			rest[n++] = argv[i];
			continue;
		}
		if (!dashdash) {
			if (strcmp(argv[i], "--version") == 0) {
				printf("herald %s\n", PACKAGE_VERSION);
				free(rest);
				return 0;
			}
			if (strcmp(argv[i], "--help") == 0 ||
			    strcmp(argv[i], "-h") == 0) {
				usage(stdout);
				free(rest);
				return 0;
			}
			if ((r = take_global(&opts, argc, argv, &i)) == -1) {
				free(rest);
				return 2;
			}
			if (r == 1)
				continue;
		}
		rest[n++] = argv[i];
	}
	rest[n] = NULL;

	if (n == 0 || rest[0][0] == '-') {
		if (n != 0) {
			cli_error("unknown option %s (try --help)", rest[0]);
			free(rest);
			return 2;
		}
		free(rest);
		return ui_main(&opts);
	}
	for (c = 0; c < ARRAYSIZE(commands); c++) {
		if (strcmp(rest[0], commands[c].name) == 0) {
			r = commands[c].fn(&opts, n, rest);
			free(rest);
			return r;
		}
	}
	cli_error("unknown command '%s' (try --help)", rest[0]);
	free(rest);
	return 2;
}
