/* Placeholder until the render command lands; it says so plainly. */
#include "config.h"

#include "cli.h"

int
cmd_render(const struct herald_opts *opts, int argc, char **argv)
{
	cli_error("'%s' is not built yet", argv[0]);
	return 1;
}
