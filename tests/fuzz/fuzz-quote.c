/* Fuzz target: quotation finding.  The text (made valid UTF-8 first, as
 * the renderer hands it over) is scanned whole with quote_find and, cut
 * into paragraphs at newlines, with quote_scan.  Spans must lie within
 * their paragraph, in order, without overlapping, with the words inside
 * the marks, on character boundaries; the quotation texts must be clean. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_PARAS 64

static int
on_boundary(const char *s, size_t len, size_t off)
{
	return off == len || ((unsigned char)s[off] & 0xC0) != 0x80;
}

static void
check_spans(const char *s, size_t len, const struct quote_span *v, size_t n)
{
	size_t i, prev_end = 0;

	for (i = 0; i < n; i++) {
		if (v[i].start < prev_end || v[i].start > v[i].inner_start ||
		    v[i].inner_start > v[i].inner_end ||
		    v[i].inner_end > v[i].end || v[i].end > len)
			fuzz_fail("quotation span out of order", s);
		if (!on_boundary(s, len, v[i].start) ||
		    !on_boundary(s, len, v[i].end) ||
		    !on_boundary(s, len, v[i].inner_start) ||
		    !on_boundary(s, len, v[i].inner_end))
			fuzz_fail("quotation span inside a character", s);
		prev_end = v[i].end;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct quote_para paras[MAX_PARAS];
	struct quote_span *spans = NULL;
	char *text, *p, *nl, **quotes = NULL;
	size_t i, n, np = 0, nquotes = 0;

	text = utf8_clean((const char *)data, size, UTF8_KEEP_NEWLINE);
	quote_find(text, strlen(text), NULL, 0, &spans, &n);
	check_spans(text, strlen(text), spans, n);
	free(spans);

	memset(paras, 0, sizeof paras);
	for (p = text; np < MAX_PARAS; p = nl + 1) {
		nl = strchr(p, '\n');
		paras[np].text = p;
		paras[np].len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		/* A paragraph starting with '>' stands for a blockquote. */
		paras[np].group = *p == '>' ? 1 : 0;
		np++;
		if (nl == NULL)
			break;
	}
	quote_scan(paras, np, &quotes, &nquotes);
	for (i = 0; i < np; i++) {
		check_spans(paras[i].text, paras[i].len, paras[i].spans,
		    paras[i].nspans);
		quote_para_clear(&paras[i]);
	}
	for (i = 0; i < nquotes; i++) {
		fuzz_check_text(quotes[i], 0, "quotation text");
		free(quotes[i]);
	}
	free(quotes);
	free(text);
	return 0;
}
