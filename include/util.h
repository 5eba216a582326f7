/* util.h: allocation that never fails, growable buffers with a cap, and
 * the error convention every module follows.
 *
 * Fallible functions return 0 on success and -1 on failure; on failure they
 * set *cause (when cause is not NULL) to a malloc'd sentence the caller
 * shows to the person and frees.  Out of memory is the one fatal case. */
#ifndef HERALD_UTIL_H
#define HERALD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAYSIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTFLIKE(f, a)
#define NORETURN
#endif

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
int xasprintf(char **, const char *, ...) PRINTFLIKE(2, 3);
int xvasprintf(char **, const char *, va_list) PRINTFLIKE(2, 0);

/* Print "herald: <message>" and exit(1).  Only the out-of-memory path and
 * main() may end the process; set_fatal_hook lets the UI restore the
 * terminal first. */
void fatal(const char *, ...) PRINTFLIKE(1, 2) NORETURN;
void util_set_fatal_hook(void (*)(void));

/* Fill *cause (if cause is not NULL) with a formatted message, return -1. */
int set_cause(char **cause, const char *, ...) PRINTFLIKE(2, 3);

/* A growable byte buffer.  Always NUL-terminated after data[len] once
 * anything was added.  A non-zero cap bounds len: buf_add past it fails. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 size;
	size_t	 cap;
};

void buf_init(struct buf *, size_t cap);
int buf_add(struct buf *, const void *, size_t);
int buf_addc(struct buf *, char);
int buf_adds(struct buf *, const char *);
int buf_printf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
/* Room for n more bytes and the NUL at the end, growing by doubling:
 * returns where they go, for a caller that writes them itself and then
 * adds n to len (and writes the NUL).  It does not check the cap. */
char *buf_reserve(struct buf *, size_t n);
/* Hand the contents to the caller (never NULL) and reset the buffer. */
char *buf_steal(struct buf *);
void buf_free(struct buf *);

/* Read a whole file (up to cap bytes, 0 for none) into *out and *len. */
int read_file(const char *path, size_t cap, char **out, size_t *len,
    char **cause);
/* Write data to path through a temporary in the same folder and rename. */
int write_file_atomic(const char *path, const char *data, size_t len,
    char **cause);

/* mkdir -p. */
int make_dirs(const char *path, char **cause);

/* Milliseconds on a clock that only goes forward, for intervals. */
int64_t monotonic_ms(void);

#endif
