#include "config.h"

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"
#include "util.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;
	char *raw, *clean;

	/* A message may quote what it refuses (a pasted URL, a file name,
	 * a feed's words): the terminal gets it without control
	 * characters. */
	va_start(ap, fmt);
	xvasprintf(&raw, fmt, ap);
	va_end(ap);
	clean = utf8_clean(raw, strlen(raw), 0);
	fprintf(stderr, "herald: %s\n", clean);
	free(clean);
	free(raw);
}

int
cli_is_url(const char *arg)
{
	const char *p;

	for (p = arg; *p != '\0'; p++) {
		if (p[0] == ':' && p[1] == '/' && p[2] == '/')
			return p != arg;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		    *p == '.'))
			return 0;
	}
	return 0;
}

static int
cli_read_fd(int fd, const char *name, fetch_data_cb cb, void *cbarg,
    char **cause)
{
	char chunk[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return set_cause(cause, "%s: %s", name, strerror(errno));
		if (n == 0)
			return 0;
		if (cb(chunk, (size_t)n, cbarg) == -1)
			return set_cause(cause, "%s: reading stopped", name);
	}
}

int
cli_read_input(const struct herald_opts *opts, const char *arg,
    fetch_data_cb cb, void *cbarg, char **cause)
{
	int fd, r;

	if (strcmp(arg, "-") == 0)
		return cli_read_fd(STDIN_FILENO, "standard input", cb, cbarg,
		    cause);
	if (cli_is_url(arg) && strncmp(arg, "file://", 7) != 0) {
		if (opts != NULL && opts->offline)
			return set_cause(cause, "%s: not fetched (--offline)",
			    arg);
		return fetch_url(arg, cb, cbarg, cause);
	}
	if (strncmp(arg, "file://", 7) == 0)
		arg += 7;
	if ((fd = open(arg, O_RDONLY | O_CLOEXEC)) == -1)
		return set_cause(cause, "%s: %s", arg, strerror(errno));
	r = cli_read_fd(fd, arg, cb, cbarg, cause);
	close(fd);
	return r;
}
