/* Fuzz target: the config file.  Any text loads (bad lines become
 * "file:line: ..." errors), every option keeps a value its own setter
 * accepts, and what settings_get prints reads back to the same value. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct settings_option *opt;
	struct settings *s;
	char *v, *again, *cause = NULL;
	size_t i, n;

	s = settings_new();
	settings_parse(s, (const char *)data, size, "config");
	opt = settings_options(&n);
	for (i = 0; i < n; i++) {
		if ((v = settings_get(s, opt[i].name)) == NULL)
			continue;	/* e.g. browser left to the UI */
		if (settings_set(s, opt[i].name, v, &cause) == -1)
			fuzz_fail("a value its own option refuses", cause);
		again = settings_get(s, opt[i].name);
		if (again == NULL || strcmp(again, v) != 0)
			fuzz_fail("a value that does not read back", v);
		free(again);
		free(v);
	}
	for (i = 0; i < s->nbinds; i++)
		if (s->binds[i].key == NULL || s->binds[i].action == NULL)
			fuzz_fail("a bind line half read", NULL);
	settings_free(s);
	return 0;
}
