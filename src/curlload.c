/* curlload.c: libcurl's entry points, resolved from the shared object on
 * first use (see include/curlload.h for why).
 *
 * Each function below has libcurl's own prototype from <curl/curl.h>, so
 * fetch.c is compiled and type-checked exactly as against the real
 * library.  The first call opens the library; if it cannot be opened they
 * fail the way libcurl fails when it is out of memory (NULL,
 * CURLE_FAILED_INIT, ...), which fetch.c already turns into words. */
#include "config.h"

#include "curlload.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#ifndef HERALD_LAZY_CURL

int
curlload_ready(char **cause)
{
	(void)cause;
	return 0;
}

void
curlload_prefetch(void)
{
}

int
curlload_open(const char *soname, char **cause)
{
	(void)soname;
	(void)cause;
	return 0;
}

#else

/* The library's functions, as dlsym found them. */
static struct curl_api {
	CURLcode	 (*global_init)(long);
	CURL		*(*easy_init)(void);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	void		 (*easy_cleanup)(CURL *);
	const char	*(*easy_strerror)(CURLcode);
	void		 (*free)(void *);
	time_t		 (*getdate)(const char *, const time_t *);
	CURLM		*(*multi_init)(void);
	CURLMcode	 (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_cleanup)(CURLM *);
	CURLMcode	 (*multi_setopt)(CURLM *, CURLMoption, ...);
	CURLMcode	 (*multi_socket_action)(CURLM *, curl_socket_t, int,
			     int *);
	CURLMsg		*(*multi_info_read)(CURLM *, int *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
	CURLU		*(*url)(void);
	void		 (*url_cleanup)(CURLU *);
	CURLUcode	 (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
	CURLUcode	 (*url_set)(CURLU *, CURLUPart, const char *,
			     unsigned int);
} p;

/* Set (release) once the table is filled; read (acquire) before using
 * it.  Opening is serialised by open_lock: the prefetching thread and
 * the caller's may both try. */
static atomic_int loaded;
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

/* Where each symbol goes; the offsets keep the table one list. */
static const struct {
	const char	*name;
	size_t		 off;
} symbols[] = {
#define SYM(field) { "curl_" #field, offsetof(struct curl_api, field) }
	SYM(global_init), SYM(easy_init), SYM(easy_setopt),
	SYM(easy_getinfo), SYM(easy_cleanup), SYM(easy_strerror), SYM(free),
	SYM(getdate), SYM(multi_init), SYM(multi_add_handle),
	SYM(multi_remove_handle), SYM(multi_cleanup), SYM(multi_setopt),
	SYM(multi_socket_action), SYM(multi_info_read), SYM(slist_append),
	SYM(slist_free_all), SYM(url_cleanup), SYM(url_get), SYM(url_set),
	{ "curl_url", offsetof(struct curl_api, url) },
#undef SYM
};

static int
open_locked(const char *soname, char **cause)
{
	void *lib, *fn;
	size_t i;

	if ((lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return set_cause(cause, "cannot load libcurl: %s", dlerror());
	for (i = 0; i < ARRAYSIZE(symbols); i++) {
		if ((fn = dlsym(lib, symbols[i].name)) == NULL) {
			dlclose(lib);
			return set_cause(cause, "%s has no %s: libcurl too "
			    "old for this herald", soname, symbols[i].name);
		}
		/* POSIX guarantees a function pointer fits a void *. */
		memcpy((char *)&p + symbols[i].off, &fn, sizeof fn);
	}
	/* The library stays open for the process. */
	atomic_store_explicit(&loaded, 1, memory_order_release);
	return 0;
}

int
curlload_open(const char *soname, char **cause)
{
	int r = 0;

	if (atomic_load_explicit(&loaded, memory_order_acquire))
		return 0;
	pthread_mutex_lock(&open_lock);
	if (!atomic_load_explicit(&loaded, memory_order_relaxed))
		r = open_locked(soname, cause);
	pthread_mutex_unlock(&open_lock);
	return r;
}

/* The prefetching thread.  prefetching is only the caller's thread's
 * (curlload_prefetch and curlload_ready are called from one thread). */
static pthread_t prefetcher;
static int prefetching, join_at_exit;

/* A process that ends before it fetched (no feeds, a bad cache) waits
 * for the thread rather than exit under it. */
static void
prefetch_join(void)
{
	if (prefetching) {
		pthread_join(prefetcher, NULL);
		prefetching = 0;
	}
}

static void *
prefetch_main(void *arg)
{
	(void)arg;
	curlload_open(HERALD_CURL_SONAME, NULL);
	return NULL;
}

void
curlload_prefetch(void)
{
	sigset_t all, old;

	if (atomic_load_explicit(&loaded, memory_order_acquire) ||
	    prefetching)
		return;
	if (!join_at_exit && atexit(prefetch_join) != 0)
		return;
	join_at_exit = 1;
	/* Signals stay the caller's thread's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	prefetching = pthread_create(&prefetcher, NULL, prefetch_main,
	    NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int
curlload_ready(char **cause)
{
	prefetch_join();
	return curlload_open(HERALD_CURL_SONAME, cause);
}

/* Any entry point opens the library when it is still closed; fetch.c calls
 * curlload_ready first anyway so that a failure reaches the person in
 * words, but no caller can meet a half-working libcurl by order of calls. */
static int
have(void)
{
	return atomic_load_explicit(&loaded, memory_order_acquire) ||
	    curlload_ready(NULL) == 0;
}

/*
 * The variadic setters take one argument whose type the option number
 * says (curl.h's CURLOPTTYPE_* ranges, shared by the multi options):
 * read it as that type and pass it on as that type.
 */
#define OPT_ARG_CALL(fn, h, opt, ap) do {				\
	if ((opt) < CURLOPTTYPE_OBJECTPOINT)				\
		r = (fn)((h), (opt), va_arg((ap), long));		\
	else if ((opt) < CURLOPTTYPE_FUNCTIONPOINT)			\
		r = (fn)((h), (opt), va_arg((ap), void *));		\
	else if ((opt) < CURLOPTTYPE_OFF_T)				\
		r = (fn)((h), (opt), va_arg((ap), void (*)(void)));	\
	else if ((opt) < CURLOPTTYPE_BLOB)				\
		r = (fn)((h), (opt), va_arg((ap), curl_off_t));		\
	else								\
		r = (fn)((h), (opt), va_arg((ap), void *));		\
} while (0)

/* Parenthesised names: curl.h may define these as checking macros. */
CURLcode
(curl_global_init)(long flags)
{
	return have() ? p.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *
(curl_easy_init)(void)
{
	return have() ? p.easy_init() : NULL;
}

CURLcode
(curl_easy_setopt)(CURL *h, CURLoption opt, ...)
{
	CURLcode r;
	va_list ap;

	if (!have())
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	OPT_ARG_CALL(p.easy_setopt, h, opt, ap);
	va_end(ap);
	return r;
}

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode
(curl_easy_getinfo)(CURL *h, CURLINFO info, ...)
{
	CURLcode r;
	va_list ap;

	if (!have())
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	r = p.easy_getinfo(h, info, va_arg(ap, void *));
	va_end(ap);
	return r;
}

void
(curl_easy_cleanup)(CURL *h)
{
	if (have())
		p.easy_cleanup(h);
}

const char *
(curl_easy_strerror)(CURLcode code)
{
	return have() ? p.easy_strerror(code) : "libcurl is not loaded";
}

void
(curl_free)(void *ptr)
{
	if (have())
		p.free(ptr);
}

time_t
(curl_getdate)(const char *s, const time_t *unused)
{
	return have() ? p.getdate(s, unused) : -1;
}

CURLM *
(curl_multi_init)(void)
{
	return have() ? p.multi_init() : NULL;
}

CURLMcode
(curl_multi_add_handle)(CURLM *m, CURL *h)
{
	return have() ? p.multi_add_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode
(curl_multi_remove_handle)(CURLM *m, CURL *h)
{
	return have() ? p.multi_remove_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode
(curl_multi_cleanup)(CURLM *m)
{
	return have() ? p.multi_cleanup(m) : CURLM_INTERNAL_ERROR;
}

CURLMcode
(curl_multi_setopt)(CURLM *m, CURLMoption opt, ...)
{
	CURLMcode r;
	va_list ap;

	if (!have())
		return CURLM_INTERNAL_ERROR;
	va_start(ap, opt);
	OPT_ARG_CALL(p.multi_setopt, m, opt, ap);
	va_end(ap);
	return r;
}

CURLMcode
(curl_multi_socket_action)(CURLM *m, curl_socket_t s, int ev, int *running)
{
	return have() ? p.multi_socket_action(m, s, ev, running) :
	    CURLM_INTERNAL_ERROR;
}

CURLMsg *
(curl_multi_info_read)(CURLM *m, int *left)
{
	return have() ? p.multi_info_read(m, left) : NULL;
}

struct curl_slist *
(curl_slist_append)(struct curl_slist *list, const char *s)
{
	return have() ? p.slist_append(list, s) : NULL;
}

void
(curl_slist_free_all)(struct curl_slist *list)
{
	if (have())
		p.slist_free_all(list);
}

CURLU *
(curl_url)(void)
{
	return have() ? p.url() : NULL;
}

void
(curl_url_cleanup)(CURLU *u)
{
	if (have())
		p.url_cleanup(u);
}

CURLUcode
(curl_url_get)(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	return have() ? p.url_get(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode
(curl_url_set)(CURLU *u, CURLUPart what, const char *part,
    unsigned int flags)
{
	return have() ? p.url_set(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

#endif /* HERALD_LAZY_CURL */
