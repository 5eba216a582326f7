/* Regression tests for the bugs the fuzz targets found: each case is the
 * smallest input that showed one, with the outcome now asserted.  The raw
 * crash files are in the seed corpora (tests/fuzz/corpus/NAME/crash-*) so
 * the fuzz build replays them too. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "render.h"
#include "utf8.h"
#include "util.h"

#include "../tap.h"

/* Valid UTF-8 without control characters. */
static int
clean_text(const char *s)
{
	size_t i, n, len = strlen(s);
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if ((cp == UTF8_REPLACEMENT && n == 1) || utf8_is_control(cp))
			return 0;
	}
	return 1;
}

/* A declared charset name of invalid bytes used to be stripped in place
 * into its warning, each bad byte growing to a three-byte U+FFFD past the
 * end of the message (heap overflow). */
static void
test_feed_warning_bad_charset_name(void)
{
	struct buf b;
	struct feed *f = NULL;
	char *cause = NULL;
	size_t i;
	int found = 0;

	buf_init(&b, 0);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"U");
	for (i = 0; i < 90; i++)
		buf_addc(&b, (char)0x94);
	buf_adds(&b, "TF-8\"?>\n<rss version=\"2.0\"><channel><title>T"
	    "</title><item><title>One</title></item></channel></rss>\n");
	ok(feed_parse(b.data, b.len, NULL, &f, &cause) == 0,
	    "feed with an invalid charset name parses");
	if (f != NULL) {
		is_int(f->nitems, 1, "its item is read");
		for (i = 0; i < f->nwarnings; i++) {
			found |= strstr(f->warnings[i], "\xef\xbf\xbd") != NULL;
			ok(clean_text(f->warnings[i]), "warning %zu is clean "
			    "UTF-8", i);
		}
		ok(found, "the bad bytes show as U+FFFD in the warning");
	}
	feed_free(f);
	free(cause);
	buf_free(&b);
}

/* A root element that is not a feed stops the parser, which frees the
 * input; its xml:base attribute was then read from the freed buffer. */
static void
test_feed_not_feed_root_with_base(void)
{
	static const char *const docs[] = {
		"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.o!g/"
		    "2005/Atom\" xml:base=\"https://a.example/blog/\">"
		    "<title>T</title></feed>\n",
		"<html xml:base=\"https://a.example/\"><body>x</body></html>",
	};
	struct feed *f;
	char *cause;
	size_t i;

	for (i = 0; i < ARRAYSIZE(docs); i++) {
		f = NULL;
		cause = NULL;
		ok(feed_parse(docs[i], strlen(docs[i]), NULL, &f, &cause) == -1,
		    "not-a-feed root with xml:base %zu is refused", i);
		ok(cause != NULL && strstr(cause, "not") != NULL,
		    "not-a-feed %zu: the reason says so (%s)", i,
		    cause != NULL ? cause : "none");
		feed_free(f);
		free(cause);
	}
}

/* A line break inside a link (<br>, or a newline in <pre>) went into the
 * link's text, which the list of links shows on one line. */
static void
test_render_link_text_one_line(void)
{
	static const struct {
		const char	*html;
		const char	*want;
	} cases[] = {
		{ "<p><a href=\"http://x.example/\">one<br>two</a></p>",
		  "one two" },
		{ "<pre><a href=\"http://x.example/\">a\n\tb</a></pre>",
		  "a  b" },
		{ "<p><a href=\"http://x.example/\"><br></a></p>", "" },
	};
	struct render_opts o = { .width = 40 };
	struct render_doc *doc;
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		doc = NULL;
		ok(render_article(cases[i].html, strlen(cases[i].html), &o,
		    &doc, NULL) == 0 && doc->nlinks == 1,
		    "link with a line break %zu renders, one link", i);
		if (doc != NULL && doc->nlinks == 1) {
			is_str(doc->links[0].text, cases[i].want,
			    "link with a line break %zu: text on one line", i);
			ok(clean_text(doc->links[0].text), "link text %zu is "
			    "clean", i);
		}
		render_doc_free(doc);
	}
}

/* Attribute values came out of libxml2's SAX2 with &amp; as "&#38;", so
 * Atom links and enclosure URLs with a query string were broken. */
static void
test_feed_attr_ampersand(void)
{
	static const char atom[] = "<?xml version=\"1.0\"?><feed xmlns=\""
	    "http://www.w3.org/2005/Atom\"><title>T</title><entry><title>E"
	    "</title><id>1</id><link href=\"http://x.example/?a=1&amp;b=2\"/>"
	    "</entry></feed>";
	static const char rss[] = "<rss version=\"2.0\"><channel><title>T"
	    "</title><item><title>E</title><enclosure url=\"http://x.example/"
	    "?a=1&amp;b=2&amp;#38;c\" type=\"a/b\"/></item></channel></rss>";
	struct feed *f = NULL;

	ok(feed_parse(atom, strlen(atom), NULL, &f, NULL) == 0 &&
	    f->nitems == 1, "atom link with &amp; parses");
	if (f != NULL && f->nitems == 1)
		is_str(f->items[0]->link, "http://x.example/?a=1&b=2",
		    "atom link: & restored");
	feed_free(f);
	f = NULL;
	ok(feed_parse(rss, strlen(rss), NULL, &f, NULL) == 0 &&
	    f->nitems == 1 && f->items[0]->nenclosures == 1,
	    "enclosure url with &amp; parses");
	if (f != NULL && f->nitems == 1 && f->items[0]->nenclosures == 1)
		is_str(f->items[0]->enclosures[0].url,
		    "http://x.example/?a=1&b=2&#38;c",
		    "enclosure url: & restored, a literal &#38; kept");
	feed_free(f);
}

int
main(void)
{
	test_feed_attr_ampersand();
	test_render_link_text_one_line();
	test_feed_not_feed_root_with_base();
	test_feed_warning_bad_charset_name();
	return done_testing();
}
