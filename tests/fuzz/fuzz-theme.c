/* Fuzz target: theme files.  Any text parses over the built-in theme
 * (bad lines are errors, the rest applies); every role then has colours
 * in range, each colour downgrades into the palette asked for, and the SGR
 * sequence written for any style at any colour depth is nothing but
 * ESC [ digits and ; m (a theme cannot make herald print another control
 * sequence). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "theme.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int depths[] = { 0, 8, 16, 256, 1 << 24 };

static int
colour_ok(int c)
{
	return c == THEME_COLOUR_DEFAULT || (c >= 0 && c <= 255) ||
	    ((c & ~0xFFFFFF) == THEME_COLOUR_RGB);
}

/* Only SGR: ESC [ then digits and semicolons, then m, repeated. */
static void
check_sgr(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] != '\x1b' || i + 1 >= len || s[i + 1] != '[')
			fuzz_fail("not an SGR sequence", s);
		for (i += 2; i < len && ((s[i] >= '0' && s[i] <= '9') ||
		    s[i] == ';'); i++)
			;
		if (i >= len || s[i] != 'm')
			fuzz_fail("an SGR sequence not ended by m", s);
		i++;
	}
}

static void
check_style(const struct theme_style *st)
{
	struct buf b;
	size_t d;
	int c;

	if (!colour_ok(st->fg) || !colour_ok(st->bg))
		fuzz_fail("a colour out of range", NULL);
	for (d = 0; d < ARRAYSIZE(depths); d++) {
		c = theme_colour_downgrade(st->fg, depths[d]);
		if (depths[d] == 0 ? c != THEME_COLOUR_DEFAULT :
		    depths[d] <= 256 ? (c < -1 || c >= depths[d]) :
		    !colour_ok(c))
			fuzz_fail("a colour outside the palette asked for",
			    NULL);
		buf_init(&b, 0);
		theme_sgr(st, depths[d], &b);
		check_sgr(b.data != NULL ? b.data : "", b.len);
		buf_free(&b);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme *t = theme_new_builtin();
	struct theme_style st;
	char *cause = NULL, *spec;
	int r;

	/* The error may quote the file's bytes as they are: a theme is the
	 * person's own file, and both places that show the message (the
	 * status line, cli_error) clean it. */
	(void)theme_parse(t, (const char *)data, size, "fuzz.theme", &cause);
	free(cause);
	for (r = 0; r < THEME_LAST; r++)
		check_style(theme_style(t, (enum theme_role)r));
	theme_free(t);

	/* The input as one style spec too. */
	spec = xstrndup((const char *)data, size);
	memset(&st, 0, sizeof st);
	cause = NULL;
	if (theme_parse_style(spec, &st, &cause) == 0)
		check_style(&st);
	free(cause);
	free(spec);
	return 0;
}
