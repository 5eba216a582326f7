/* Fuzz target: the article renderer, on HTML and on plain text, at a width
 * the input picks.  Every line must be valid UTF-8 without a control
 * character, fit the width in columns, and carry spans that lie within its
 * text; links, quotations and Read-also entries must be clean too. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "fuzz-check.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_doc(const struct render_doc *doc, int width)
{
	const struct render_line *l;
	size_t i, j, chars;

	fuzz_check_text(doc->title, 0, "title");
	for (i = 0; i < doc->nlines; i++) {
		l = &doc->lines[i];
		if (l->text == NULL)
			fuzz_fail("a line without text", NULL);
		fuzz_check_text(l->text, 0, "line");
		if (utf8_width(l->text, strlen(l->text)) > (size_t)width)
			fuzz_fail("a line wider than the width", l->text);
		chars = fuzz_chars(l->text);
		for (j = 0; j < l->nspans; j++) {
			if (l->spans[j].start > l->spans[j].end ||
			    l->spans[j].end > chars)
				fuzz_fail("a span outside its line", l->text);
			if ((unsigned)l->spans[j].role >= ROLE_LAST_RENDER)
				fuzz_fail("a span with no role", l->text);
		}
	}
	for (i = 0; i < doc->nlinks; i++) {
		if (doc->links[i].url == NULL)
			fuzz_fail("a link without a URL", NULL);
		fuzz_check_text(doc->links[i].url, 0, "link url");
		fuzz_check_text(doc->links[i].text, 0, "link text");
	}
	for (i = 0; i < doc->nquotes; i++)
		fuzz_check_text(doc->quotes[i], 0, "quote");
	for (i = 0; i < doc->nreadalso; i++) {
		if (doc->readalso[i].title == NULL)
			fuzz_fail("a Read-also entry without a title", NULL);
		fuzz_check_text(doc->readalso[i].title, 0, "read-also title");
		fuzz_check_text(doc->readalso[i].url, 0, "read-also url");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct feed_link related[] = {
		{ "http://fuzz.example/related", "A \x1b[2Jrelated story" },
		{ "relative/path", NULL },
	};
	struct render_opts o;
	struct render_doc *doc = NULL;
	uint32_t mode;
	char *cause = NULL;

	mode = fuzz_take(&data, &size, 2);
	memset(&o, 0, sizeof o);
	o.width = 10 + (int)(mode % 200);
	o.is_text = (mode >> 8) & 1;
	o.title = "Fuzz \x1b]0;title\x07 article";
	o.base_url = (mode >> 9) & 1 ? "http://fuzz.example/a/b.html" : NULL;
	if ((mode >> 10) & 1) {
		o.related = related;
		o.nrelated = 2;
	}
	if (render_article((const char *)data, size, &o, &doc, &cause) == 0)
		check_doc(doc, o.width);
	else
		fuzz_check_text(cause, 0, "render error message");
	free(cause);
	render_doc_free(doc);
	return 0;
}
