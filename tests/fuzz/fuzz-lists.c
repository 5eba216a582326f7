/* Fuzz target: the files people edit or import — a urls file, a config
 * file and an OPML document, all from the same bytes.  Whatever the
 * input: every feed taken from the urls file has a URL herald may fetch
 * and writes back to the same entry; no OPML outline yields a feed with a
 * command for a URL; nothing crashes or leaks. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opml.h"
#include "settings.h"
#include "urls.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A urls entry survives urls_format_line then urls_parse unchanged
 * (when urls_add would write it at all: no tag starting with ~). */
static void
check_round_trip(const struct urls_entry *e)
{
	struct urls *u;
	char *line;
	size_t i;

	for (i = 0; i < e->ntags; i++) {
		if (e->tags[i][0] == '~')
			return;
	}
	line = urls_format_line(e->url, e->tags, e->ntags, e->title);
	u = urls_parse(line, strlen(line), "fuzz");
	if (u->n != 1 || strcmp(u->v[0].url, e->url) != 0 ||
	    u->v[0].ntags != e->ntags)
		abort();
	for (i = 0; i < e->ntags; i++) {
		if (strcmp(u->v[0].tags[i], e->tags[i]) != 0)
			abort();
	}
	if ((e->title == NULL) != (u->v[0].title == NULL) ||
	    (e->title != NULL && strcmp(e->title, u->v[0].title) != 0))
		abort();
	urls_free(u);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct settings *s;
	struct opml *o = NULL;
	struct urls *u;
	size_t i;

	u = urls_parse((const char *)data, len, "fuzz");
	for (i = 0; i < u->n; i++) {
		if (urls_check_url(u->v[i].url, NULL) == -1)
			abort();
		check_round_trip(&u->v[i]);
	}
	urls_free(u);

	s = settings_new();
	settings_parse(s, (const char *)data, len, "fuzz");
	if (s->max_connections < 1 || s->max_connections > 256)
		abort();
	settings_free(s);

	if (opml_parse((const char *)data, len, "fuzz", &o, NULL) == 0) {
		for (i = 0; i < o->n; i++) {
			if (urls_check_url(o->v[i].url, NULL) == -1)
				abort();
		}
	}
	opml_free(o);
	return 0;
}
