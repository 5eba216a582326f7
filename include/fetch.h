/* fetch.h: transfers with libcurl.
 *
 * fetch_url is the one-transfer form used by `herald parse URL` and
 * `herald render URL`: it blocks, and hands bytes to a callback as they
 * arrive.  Only http, https and file URLs are fetched. */
#ifndef HERALD_FETCH_H
#define HERALD_FETCH_H

#include <stddef.h>
#include <stdint.h>

#define FETCH_DEFAULT_MAX_BYTES	(32LL * 1024 * 1024)
#define FETCH_DEFAULT_TIMEOUT	60	/* seconds, whole transfer */

/* Return -1 to abort the transfer (fetch_url then fails). */
typedef int (*fetch_data_cb)(const char *, size_t, void *arg);

int fetch_url(const char *url, fetch_data_cb, void *arg, char **cause);

/* The User-Agent every request sends. */
const char *fetch_user_agent(void);

#endif
