#include "config.h"

#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct sink {
	fetch_data_cb	 cb;
	void		*arg;
	int		 aborted;
};

const char *
fetch_user_agent(void)
{
	return "herald/" PACKAGE_VERSION " (+" PACKAGE_URL ")";
}

static size_t
fetch_write(char *data, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;

	if (s->cb(data, size * n, s->arg) == -1) {
		s->aborted = 1;
		return 0;
	}
	return size * n;
}

static int
fetch_global_init(char **cause)
{
	static int done;

	if (done)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return set_cause(cause, "cannot initialise libcurl");
	done = 1;
	return 0;
}

int
fetch_url(const char *url, fetch_data_cb cb, void *arg, char **cause)
{
	struct sink s = { cb, arg, 0 };
	char errbuf[CURL_ERROR_SIZE] = "";
	CURLcode rc;
	CURL *h;
	long status = 0;
	int ret = -1;

	if (fetch_global_init(cause) == -1)
		return -1;
	if ((h = curl_easy_init()) == NULL)
		return set_cause(cause, "cannot start a transfer");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 8L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, fetch_user_agent());
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)FETCH_DEFAULT_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)FETCH_DEFAULT_MAX_BYTES);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);

	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (s.aborted)
		set_cause(cause, "%s: transfer stopped by the reader", url);
	else if (rc != CURLE_OK)
		set_cause(cause, "%s: %s", url,
		    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
	else if (status >= 400)
		set_cause(cause, "%s: HTTP %ld", url, status);
	else
		ret = 0;
	curl_easy_cleanup(h);
	return ret;
}
