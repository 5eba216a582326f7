/* Fuzz target: the Read-also block.  The input is parsed as the renderer
 * parses an article and its Read-also entries are lifted out; every entry
 * must have a clean title (and a clean URL when it has one), and the tree
 * left behind must still be walkable.  The label matcher sees the raw
 * bytes too. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "fuzz-check.h"
#include "readalso.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
count_nodes(xmlNodePtr n)
{
	size_t c = 0;

	for (; n != NULL; n = n->next)
		c += 1 + count_nodes(n->children);
	return c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct readalso ra;
	xmlDocPtr doc;
	char *clean;
	size_t i, j;

	(void)readalso_is_label((const char *)data, size);
	clean = utf8_clean((const char *)data, size,
	    UTF8_KEEP_NEWLINE | UTF8_KEEP_TAB);
	doc = htmlReadMemory(clean, (int)strlen(clean), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);
	free(clean);
	memset(&ra, 0, sizeof ra);
	if (doc != NULL) {
		readalso_extract(xmlDocGetRootElement(doc),
		    size % 2 ? "http://fuzz.example/news/1" : NULL, &ra);
		(void)count_nodes(xmlDocGetRootElement(doc));
	}
	for (i = 0; i < ra.n; i++) {
		if (ra.v[i].title == NULL)
			fuzz_fail("an entry without a title", ra.v[i].url);
		if (ra.v[i].title[0] == '\0' && ra.v[i].url == NULL)
			fuzz_fail("an empty entry", NULL);
		fuzz_check_text(ra.v[i].title, 0, "entry title");
		fuzz_check_text(ra.v[i].url, 0, "entry url");
		for (j = 0; j < i; j++)
			if (ra.v[i].url != NULL && ra.v[j].url != NULL &&
			    strcmp(ra.v[i].url, ra.v[j].url) == 0)
				fuzz_fail("an entry listed twice",
				    ra.v[i].url);
	}
	readalso_clear(&ra);
	xmlFreeDoc(doc);
	return 0;
}
