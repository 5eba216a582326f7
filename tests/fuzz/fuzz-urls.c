/* Fuzz target: the urls file.  Every entry taken must have a URL herald
 * would fetch (exec:, filter:, query: and other schemes refused), and a
 * line written back by urls_format_line must read back the same URL, tags
 * and title (what `herald add` and `import` rely on) for every entry the
 * writers accept. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "urls.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
round_trip(const struct urls_entry *e)
{
	struct urls *back;
	char *line;
	size_t i;

	/* A second "~..." token is read as a tag, which the writers refuse
	 * (it would read back as the title): nothing writes such a line. */
	for (i = 0; i < e->ntags; i++)
		if (e->tags[i][0] == '~')
			return;
	line = urls_format_line(e->url, e->tags, e->ntags, e->title);
	back = urls_parse(line, strlen(line), "line");
	if (back->n != 1 || back->nerrors != 0)
		fuzz_fail("a written line does not read back", line);
	if (!same(back->v[0].url, e->url) || !same(back->v[0].title,
	    e->title) || back->v[0].ntags != e->ntags)
		fuzz_fail("a written line reads back different", line);
	for (i = 0; i < e->ntags; i++)
		if (!same(back->v[0].tags[i], e->tags[i]))
			fuzz_fail("a written line changes a tag", line);
	urls_free(back);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct urls *u;
	size_t i;

	u = urls_parse((const char *)data, size, "urls");
	for (i = 0; i < u->n; i++) {
		if (urls_check_url(u->v[i].url, NULL) == -1)
			fuzz_fail("an entry herald must refuse", u->v[i].url);
		if (urls_find(u, u->v[i].url) != &u->v[i])
			fuzz_fail("a URL listed twice", u->v[i].url);
		round_trip(&u->v[i]);
	}
	urls_free(u);
	return 0;
}
