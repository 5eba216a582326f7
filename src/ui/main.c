/* Placeholder until the reader lands: print the help instead. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
ui_main(const struct herald_opts *opts)
{
	fprintf(stderr, "herald: the reader is not built yet; see herald --help\n");
	return 1;
}
