/* Fuzz target: the feed parser, fed the whole document at once and again
 * in chunks cut at positions the input itself picks (as the network hands
 * bytes to the push path).  Every string handed out must be valid UTF-8
 * without control characters (article bodies may keep \n and \t), and, for
 * a document read without a warning, the two ways of feeding must give the
 * same items. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct seen {
	char	**titles;
	size_t	 n;
};

static void
check_item(const struct feed_item *it)
{
	size_t i;

	if (it->title == NULL || it->guid == NULL)
		fuzz_fail("item without title or guid", it->link);
	fuzz_check_text(it->title, 0, "item title");
	fuzz_check_text(it->guid, 0, "item guid");
	fuzz_check_text(it->link, 0, "item link");
	fuzz_check_text(it->author, 0, "item author");
	fuzz_check_text(it->content, FUZZ_KEEP_LINES, "item content");
	fuzz_check_text(it->summary, FUZZ_KEEP_LINES, "item summary");
	fuzz_check_text(it->thumbnail, 0, "item thumbnail");
	fuzz_check_text(it->duration, 0, "item duration");
	for (i = 0; i < it->ncategories; i++)
		fuzz_check_text(it->categories[i], 0, "item category");
	for (i = 0; i < it->nenclosures; i++) {
		fuzz_check_text(it->enclosures[i].url, 0, "enclosure url");
		fuzz_check_text(it->enclosures[i].type, 0, "enclosure type");
	}
	for (i = 0; i < it->nrelated; i++) {
		fuzz_check_text(it->related[i].url, 0, "related url");
		fuzz_check_text(it->related[i].title, 0, "related title");
	}
}

static void
check_meta(const struct feed_meta *m)
{
	fuzz_check_text(m->title, 0, "feed title");
	fuzz_check_text(m->link, 0, "feed link");
	fuzz_check_text(m->description, FUZZ_KEEP_LINES, "feed description");
	fuzz_check_text(m->author, 0, "feed author");
	fuzz_check_text(m->image, 0, "feed image");
}

static int
on_item(struct feed_item *it, void *arg)
{
	struct seen *s = arg;

	check_item(it);
	s->titles = realloc(s->titles, (s->n + 1) * sizeof *s->titles);
	if (s->titles == NULL)
		abort();
	s->titles[s->n++] = strdup(it->title);
	return 0;
}

/* The push path: chunk lengths come from the byte that starts each chunk,
 * so the fuzzer moves the cuts by changing the document. */
static int
parse_chunked(const uint8_t *data, size_t size, struct seen *s)
{
	struct feed_parser *p;
	size_t pos = 0, n;
	char *cause = NULL;
	int rc = 0;

	p = feed_parser_new("http://fuzz.example/feed/", on_item, s);
	feed_parser_set_max_bytes(p, 1 << 20);
	while (pos < size && rc == 0) {
		n = 1 + data[pos] % 61;
		if (n > size - pos)
			n = size - pos;
		rc = feed_parser_push(p, (const char *)data + pos, n, &cause);
		pos += n;
	}
	if (rc == 0)
		rc = feed_parser_finish(p, &cause);
	fuzz_check_text(cause, 0, "parse error message");
	free(cause);
	check_meta(feed_parser_meta(p));
	feed_parser_free(p);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed *f = NULL;
	struct seen s = { NULL, 0 };
	char *cause = NULL;
	size_t i;
	int whole, chunked;

	whole = feed_parse((const char *)data, size, "http://fuzz.example/feed/",
	    &f, &cause);
	fuzz_check_text(cause, 0, "parse error message");
	free(cause);
	if (whole == 0) {
		check_meta(&f->meta);
		for (i = 0; i < f->nitems; i++)
			check_item(f->items[i]);
		for (i = 0; i < f->nwarnings; i++)
			fuzz_check_text(f->warnings[i], 0, "warning");
	}
	chunked = parse_chunked(data, size, &s);
	/* On a broken document libxml2's recovery stops where it notices
	 * the damage, which depends on where the chunks end: only a
	 * document read without a problem must give the same items. */
	if (whole == 0 && chunked == 0 && f->nwarnings == 0) {
		if (s.n != f->nitems)
			fuzz_fail("chunked parse found a different number of "
			    "items", NULL);
		for (i = 0; i < s.n; i++)
			if (strcmp(s.titles[i], f->items[i]->title) != 0)
				fuzz_fail("chunked parse changed a title",
				    s.titles[i]);
	}
	for (i = 0; i < s.n; i++)
		free(s.titles[i]);
	free(s.titles);
	feed_free(f);
	return 0;
}
