/* Placeholder until the refresh command lands; it says so plainly. */
#include "config.h"

#include "cli.h"

int
cmd_refresh(const struct herald_opts *opts, int argc, char **argv)
{
	cli_error("'%s' is not built yet", argv[0]);
	return 1;
}
