/* Fuzz target: the article renderer.  The first byte picks the width and
 * whether the rest is HTML or plain text.  Whatever the bytes, every line
 * must fit the width, hold no control character and carry spans inside
 * it; quotations and Read-also entries must be clean text too. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_text(const char *s)
{
	size_t i, n, len;
	uint32_t cp;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (utf8_is_control(cp) || (cp == UTF8_REPLACEMENT && n == 1))
			abort();
	}
}

static void
check_line(const struct render_line *l, int width)
{
	size_t k, chars = 0, i;

	check_text(l->text);
	if (utf8_width(l->text, strlen(l->text)) > (size_t)width)
		abort();
	for (i = 0; l->text[i] != '\0'; i++)
		chars += ((unsigned char)l->text[i] & 0xC0) != 0x80;
	for (k = 0; k < l->nspans; k++)
		if (l->spans[k].start >= l->spans[k].end ||
		    l->spans[k].end > chars ||
		    l->spans[k].role >= ROLE_LAST_RENDER)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct render_opts o;
	struct render_doc *d = NULL;
	size_t i;

	if (!ready) {
		utf8_init_locale();
		ready = 1;
	}
	if (size == 0)
		return 0;
	memset(&o, 0, sizeof o);
	o.width = 10 + (data[0] & 0x7F);
	o.is_text = data[0] >> 7;
	o.base_url = "https://fuzz.example/a/";
	if (render_article((const char *)data + 1, size - 1, &o, &d, NULL) ==
	    -1)
		abort();
	for (i = 0; i < d->nlines; i++)
		check_line(&d->lines[i], o.width);
	for (i = 0; i < d->nquotes; i++)
		check_text(d->quotes[i]);
	for (i = 0; i < d->nreadalso; i++) {
		check_text(d->readalso[i].title);
		check_text(d->readalso[i].url);
	}
	for (i = 0; i < d->nlinks; i++)
		check_text(d->links[i].url);
	render_doc_free(d);
	return 0;
}
