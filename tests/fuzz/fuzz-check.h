/* fuzz-check.h: invariants the fuzz targets assert on what herald hands
 * out.  Each check aborts (so libFuzzer records the input) when a string
 * is not valid UTF-8 or carries a character that must never reach a
 * terminal.  Header-only: every target is its own program. */
#ifndef HERALD_FUZZ_CHECK_H
#define HERALD_FUZZ_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define FUZZ_KEEP_LINES	0x1	/* \n and \t allowed (article bodies) */

/* Dies with a word on stderr, so a crash log says which rule broke. */
static inline void
fuzz_fail(const char *what, const char *s)
{
	fprintf(stderr, "fuzz invariant broken: %s: [%.200s]\n", what,
	    s != NULL ? s : "(null)");
	abort();
}

/* Valid UTF-8 without a control character (NULL passes). */
static inline void
fuzz_check_text(const char *s, int flags, const char *what)
{
	size_t i, n, len;
	uint32_t cp;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1)
			fuzz_fail(what, s);	/* an invalid byte */
		if ((flags & FUZZ_KEEP_LINES) && (cp == '\n' || cp == '\t'))
			continue;
		if (utf8_is_control(cp))
			fuzz_fail(what, s);
	}
}

/* Code points in s: span offsets count these. */
static inline size_t
fuzz_chars(const char *s)
{
	size_t i, n, len = strlen(s), count = 0;
	uint32_t cp;

	for (i = 0; i < len; i += n, count++)
		n = utf8_decode(s + i, len - i, &cp);
	return count;
}

/* A 32-bit value from the input's first bytes, which are then skipped:
 * the fuzzer learns which of them steer the target. */
static inline uint32_t
fuzz_take(const uint8_t **data, size_t *size, size_t bytes)
{
	uint32_t v = 0;

	while (bytes-- > 0 && *size > 0) {
		v = v << 8 | **data;
		(*data)++;
		(*size)--;
	}
	return v;
}

#endif
