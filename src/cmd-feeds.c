/* Placeholder until feed management lands; it says so plainly. */
#include "config.h"

#include "cli.h"

static int
not_built(char **argv)
{
	cli_error("'%s' is not built yet", argv[0]);
	return 1;
}

int cmd_add(const struct herald_opts *o, int c, char **v) { return not_built(v); }
int cmd_remove(const struct herald_opts *o, int c, char **v) { return not_built(v); }
int cmd_import(const struct herald_opts *o, int c, char **v) { return not_built(v); }
int cmd_export(const struct herald_opts *o, int c, char **v) { return not_built(v); }
int cmd_search(const struct herald_opts *o, int c, char **v) { return not_built(v); }
int cmd_list(const struct herald_opts *o, int c, char **v) { return not_built(v); }
