/* Unit tests for the lazily opened libcurl: not mapped until first use, a
 * missing library named in the message, and every kind of argument (long,
 * pointer, function, curl_off_t) reaching the library intact. */
#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curlload.h"
#include "util.h"

#include "../tap.h"

/* Whether a shared object whose path contains name is mapped now. */
static int
mapped(const char *name)
{
	char line[4096];
	FILE *fp;
	int found = 0;

	if ((fp = fopen("/proc/self/maps", "r")) == NULL)
		return -1;
	while (!found && fgets(line, sizeof line, fp) != NULL)
		found = strstr(line, name) != NULL;
	fclose(fp);
	return found;
}

static size_t
sink(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static void
test_lazy_open(void)
{
	char *cause = NULL;

#ifdef HERALD_LAZY_CURL
	ok(mapped("libcurl") == 0, "libcurl is not mapped before first use");
	ok(curlload_open("libherald-no-such-curl.so.9", &cause) == -1,
	    "a missing library fails");
	ok(cause != NULL && strncmp(cause, "cannot load libcurl: ", 21) == 0 &&
	    strstr(cause, "libherald-no-such-curl.so.9") != NULL,
	    "and the message names it: %s", cause ? cause : "(none)");
	free(cause);
	cause = NULL;
#endif
	curlload_prefetch();		/* opens it on a thread ... */
	curlload_prefetch();		/* ... once */
	ok(curlload_ready(&cause) == 0, "the configured libcurl opens "
	    "(prefetched): %s", cause ? cause : "ok");
	free(cause);
	ok(mapped("libcurl") == 1, "libcurl is mapped after it");
	ok(curlload_open("libherald-no-such-curl.so.9", NULL) == 0,
	    "once open, later opens are no-ops");
}

static void
test_easy_arguments(void)
{
	CURL *h = curl_easy_init();
	char *priv = NULL, tag[] = "mine";

	ok(h != NULL, "curl_easy_init");
	if (h == NULL)
		return;
	is_int(curl_easy_setopt(h, CURLOPT_PRIVATE, tag), CURLE_OK,
	    "pointer option");
	is_int(curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv), CURLE_OK,
	    "getinfo");
	ok(priv == tag, "the pointer came back unchanged");
	is_int(curl_easy_setopt(h, CURLOPT_TIMEOUT, 5L), CURLE_OK,
	    "long option");
	is_int(curl_easy_setopt(h, CURLOPT_TIMEOUT, -1L),
	    CURLE_BAD_FUNCTION_ARGUMENT, "a negative long reaches libcurl");
	is_int(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)1 << 40), CURLE_OK, "curl_off_t option");
	is_int(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)-1),
	    CURLE_BAD_FUNCTION_ARGUMENT,
	    "a negative curl_off_t reaches libcurl");
	is_int(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink), CURLE_OK,
	    "function option");
	is_str(curl_easy_strerror(CURLE_COULDNT_CONNECT),
	    "Couldn't connect to server", "curl_easy_strerror");
	curl_easy_cleanup(h);
}

static void
test_multi_and_url(void)
{
	CURLM *m = curl_multi_init();
	CURL *h = curl_easy_init();
	CURLU *u = curl_url();
	char *host = NULL;
	int left = -1;

	ok(m != NULL && h != NULL && u != NULL, "multi, easy and URL handles");
	if (m == NULL || h == NULL || u == NULL)
		return;
	is_int(curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 4L),
	    CURLM_OK, "multi long option");
	is_int(curl_multi_add_handle(m, h), CURLM_OK, "add");
	is_int(curl_multi_add_handle(m, h), CURLM_ADDED_ALREADY,
	    "adding twice is refused by libcurl itself");
	ok(curl_multi_info_read(m, &left) == NULL && left == 0,
	    "nothing finished");
	is_int(curl_multi_remove_handle(m, h), CURLM_OK, "remove");
	is_int(curl_multi_cleanup(m), CURLM_OK, "multi cleanup");
	curl_easy_cleanup(h);
	is_int(curl_url_set(u, CURLUPART_URL, "https://News.Example:8443/a?b",
	    0), CURLUE_OK, "url set");
	is_int(curl_url_get(u, CURLUPART_HOST, &host, 0), CURLUE_OK,
	    "url get");
	is_str(host, "News.Example", "host");
	curl_free(host);
	curl_url_cleanup(u);
	is_int((long long)curl_getdate("Sun, 06 Nov 1994 08:49:37 GMT", NULL),
	    784111777LL, "curl_getdate");
}

int
main(void)
{
	test_lazy_open();
	test_easy_arguments();
	test_multi_and_url();
	return done_testing();
}
