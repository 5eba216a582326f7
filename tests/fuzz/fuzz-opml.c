/* Fuzz target: OPML import.  Whatever the document, every feed taken must
 * have a URL herald would fetch (no exec:, filter:, |cmd), clean strings,
 * and an export of the result must import again to the same feeds. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "opml.h"
#include "urls.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_feed(const struct opml_feed *f)
{
	size_t i;

	if (f->url == NULL || urls_check_url(f->url, NULL) == -1)
		fuzz_fail("a feed with a URL herald must refuse", f->url);
	fuzz_check_text(f->url, 0, "url");
	fuzz_check_text(f->title, 0, "title");
	fuzz_check_text(f->text, 0, "text");
	for (i = 0; i < f->ntags; i++)
		fuzz_check_text(f->tags[i], 0, "tag");
}

static const struct opml_feed *
find(const struct opml *o, const char *url)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->v[i].url, url) == 0)
			return &o->v[i];
	return NULL;
}

/* Export then import: the same URLs. */
static void
round_trip(const struct opml *o)
{
	struct opml_out *out;
	struct opml *back = NULL;
	char *doc = NULL, *cause = NULL;
	size_t len = 0, i;
	FILE *f;

	out = calloc(o->n + 1, sizeof *out);
	for (i = 0; i < o->n; i++) {
		out[i].url = o->v[i].url;
		out[i].title = o->v[i].text != NULL ? o->v[i].text :
		    o->v[i].url;
		out[i].custom_title = o->v[i].title;
		out[i].tags = o->v[i].tags;
		out[i].ntags = o->v[i].ntags;
	}
	f = open_memstream(&doc, &len);
	if (opml_write(f, o->title, out, o->n) == -1)
		fuzz_fail("export failed", NULL);
	fclose(f);
	if (opml_parse(doc, len, "export", &back, &cause) == -1)
		fuzz_fail("export does not import", cause);
	if (back->n != o->n)
		fuzz_fail("export lost or gained feeds", doc);
	/* Export groups feeds by folder, so the order may change. */
	for (i = 0; i < o->n; i++)
		if (find(back, o->v[i].url) == NULL)
			fuzz_fail("export lost a URL", o->v[i].url);
	opml_free(back);
	free(doc);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml *o = NULL;
	char *cause = NULL;
	size_t i;

	if (opml_parse((const char *)data, size, "fuzz.opml", &o, &cause) ==
	    -1) {
		free(cause);
		return 0;
	}
	fuzz_check_text(o->title, 0, "document title");
	for (i = 0; i < o->n; i++)
		check_feed(&o->v[i]);
	for (i = 0; i < o->nwarnings; i++)
		fuzz_check_text(o->warnings[i], 0, "warning");
	round_trip(o);
	opml_free(o);
	return 0;
}
