/* tap.h: the Test Anything Protocol in a few macros, for unit tests.
 *
 *	ok(cond, "name %d", i);
 *	is_str(got, "want", "name");  is_int(got, 42, "name");
 *	return done_testing();
 *
 * A failure prints what was got and wanted as TAP diagnostics. */
#ifndef HERALD_TAP_H
#define HERALD_TAP_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int tap_run, tap_failed;

#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a), unused))
static void tap_vresult(int, const char *, int, const char *, va_list)
    TAP_PRINTF(4, 0);
static int tap_ok(int, const char *, int, const char *, ...) TAP_PRINTF(4, 5);
static int tap_is_str(const char *, const char *, const char *, int,
    const char *, ...) TAP_PRINTF(5, 6);
static int tap_is_int(intmax_t, intmax_t, const char *, int, const char *,
    ...) TAP_PRINTF(5, 6);

static void
tap_vresult(int pass, const char *file, int line, const char *fmt,
    va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_run);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
}

static int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static int
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int pass;

	if (got == NULL || want == NULL)
		pass = got == want;
	else
		pass = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		printf("#          got: %s%s%s\n", got ? "'" : "",
		    got ? got : "NULL", got ? "'" : "");
		printf("#     expected: %s%s%s\n", want ? "'" : "",
		    want ? want : "NULL", want ? "'" : "");
	}
	return pass;
}

static int
tap_is_int(intmax_t got, intmax_t want, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#          got: %jd\n#     expected: %jd\n", got, want);
	return pass;
}

#define ok(c, ...)	tap_ok(!!(c), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(g, w, ...) tap_is_str((g), (w), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(g, w, ...) \
	tap_is_int((intmax_t)(g), (intmax_t)(w), __FILE__, __LINE__, __VA_ARGS__)
#define diag(...)	(printf("# "), printf(__VA_ARGS__), putchar('\n'))

static int __attribute__((unused))
done_testing(void)
{
	printf("1..%d\n", tap_run);
	return tap_failed == 0 ? 0 : 1;
}

#endif
