/* curlload.h: libcurl loaded on first use instead of at start-up.
 *
 * libcurl brings some 35 shared libraries with it (TLS, HTTP/2, SSH, LDAP,
 * Kerberos): two thirds of herald's resident memory and most of its
 * start-up time, for the commands that never fetch (parse of a file,
 * render, list, search, the reader until it refreshes).  With the lazy
 * build (the default; configure --disable-lazy-curl links it as usual),
 * src/curlload.c defines the libcurl functions fetch.c calls and forwards
 * them to the library, which it opens the first time one is needed. */
#ifndef HERALD_CURLLOAD_H
#define HERALD_CURLLOAD_H

/* Open libcurl (the shared object configure found) if it is not open yet.
 * 0 when libcurl can be called; -1 with a cause naming the library and
 * the loader's reason otherwise.  fetch.c calls it before any transfer. */
int curlload_ready(char **cause);

/* Start opening libcurl on a thread of its own, so that it overlaps the
 * caller's other start-up work (opening the cache); curlload_ready waits
 * for it.  Does nothing when libcurl is open, linked, or being opened. */
void curlload_prefetch(void);

/* The same with a given shared object name, for tests.  Only the first
 * successful open counts: later calls return 0 at once. */
int curlload_open(const char *soname, char **cause);

#endif
