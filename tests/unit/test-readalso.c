/* Unit tests for readalso.c: the labels in every language we list, the
 * shapes of Read-also blocks news sites use, and prose that only happens
 * to contain the words.  Each case asserts the entries taken and the
 * body's text left behind. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "readalso.h"
#include "utf8.h"
#include "util.h"

#include "../tap.h"

static const struct {
	const char	*text;
	int		 want;
} label_cases[] = {
	{ "Read also", 1 }, { "Read also:", 1 }, { "READ ALSO:", 1 },
	{ "Also read", 1 }, { "Read more:", 1 }, { "See also", 1 },
	{ "Related", 1 }, { "Related articles", 1 }, { "Related stories:", 1 },
	{ "Related coverage", 1 }, { "More on this", 1 },
	{ "Further reading", 1 }, { "  Read   also :  ", 1 },
	{ "» Read also", 1 }, { "Read also…", 1 },
	{ "Читайте також", 1 }, { "ЧИТАЙТЕ ТАКОЖ:", 1 },
	{ "Читайте также:", 1 }, { "Lesen Sie auch", 1 },
	{ "LESEN SIE AUCH:", 1 }, { "Mehr zum Thema", 1 },
	{ "Lire aussi", 1 }, { "À lire aussi", 1 }, { "À LIRE AUSSI :", 1 },
	{ "Lee también", 1 }, { "Leer también:", 1 }, { "Leggi anche", 1 },
	{ "Leia também", 1 }, { "Czytaj też", 1 }, { "CZYTAJ TEŻ:", 1 },
	{ "Zobacz też", 1 }, { "Lees ook", 1 }, { "Läs också", 1 },
	{ "LÄS OCKSÅ:", 1 },
	{ "Read also that", 0 }, { "I read also", 0 }, { "Related to this", 0 },
	{ "See", 0 }, { "", 0 }, { "Also", 0 }, { "Read", 0 },
	{ "see also the report", 0 },
};

struct ra_case {
	const char	*name;
	const char	*html;
	const char	*entries;	/* "title <url>" joined by " | " */
	const char	*body;		/* the text left, white space collapsed */
};

static const struct ra_case ra_cases[] = {
	{ "strong label paragraph and a list",
	  "<p>Body text.</p><p><strong>Read also:</strong></p>"
	  "<ul><li><a href=\"/a\">Story A</a></li>"
	  "<li><a href=\"https://ex.org/b\">Story B</a></li></ul>",
	  "Story A <https://news.example/a> | Story B <https://ex.org/b>",
	  "Body text." },
	{ "heading label and a list",
	  "<p>Body.</p><h3>Related</h3><ol><li><a href=\"/r1\">One</a> "
	  "<span>12 May</span></li><li><a href=\"/r2\">Two</a></li></ol>"
	  "<p>After.</p>",
	  "One <https://news.example/r1> | Two <https://news.example/r2>",
	  "Body. After." },
	{ "ukrainian label and one-link paragraphs",
	  "<p>Текст статті.</p><p>Читайте також:</p>"
	  "<p><a href=\"/u1\">Перша новина</a></p>"
	  "<p>— <a href=\"/u2\">Друга новина</a></p>"
	  "<p>Далі текст без посилання.</p>",
	  "Перша новина <https://news.example/u1> | "
	  "Друга новина <https://news.example/u2>",
	  "Текст статті. Далі текст без посилання." },
	{ "plain \"- Title\" lines after the label",
	  "<p>Body.</p><p>Read also:</p><p>- First title</p>"
	  "<p>- Second title</p>",
	  "First title | Second title", "Body." },
	{ "inline label in the middle of an article",
	  "<p>Erster Absatz.</p><p>Lesen Sie auch: <a href=\"/de1\">Ein "
	  "Titel</a></p><p>Zweiter Absatz.</p>",
	  "Ein Titel <https://news.example/de1>",
	  "Erster Absatz. Zweiter Absatz." },
	{ "bold label with links between br",
	  "<p>Texte.</p><p><b>À lire aussi</b><br><a href=\"/f1\">Un</a>"
	  "<br><a href=\"/f2\">Deux</a></p>",
	  "Un <https://news.example/f1> | Deux <https://news.example/f2>",
	  "Texte." },
	{ "bare strong label then links",
	  "<div><p>Text.</p><strong>See also:</strong><br>"
	  "<a href=\"/s1\">Alpha</a><br><a href=\"/s2\">Beta</a></div>",
	  "Alpha <https://news.example/s1> | Beta <https://news.example/s2>",
	  "Text." },
	{ "aside of links",
	  "<p>Body.</p><aside><h4>More</h4><a href=\"/x1\">X one</a>"
	  "<a href=\"/x2\">X two</a></aside>",
	  "X one <https://news.example/x1> | X two <https://news.example/x2>",
	  "Body." },
	{ "class naming related",
	  "<p>Body.</p><div class=\"box article__related-links\">"
	  "<a href=\"/y\">Y story</a></div><p>End.</p>",
	  "Y story <https://news.example/y>", "Body. End." },
	{ "class naming read-also",
	  "<p>Текст.</p><div class=\"readAlso\"><span>Читайте також</span>"
	  "<a href=\"/z\">Новина</a></div>",
	  "Новина <https://news.example/z>", "Текст." },
	{ "a related box of cards: image link, then title link",
	  "<p>Body.</p><section class=\"related\"><h3>Related</h3><article>"
	  "<a href=\"/c1\"><img src=\"c1.jpg\"></a><h4><a href=\"/c1\">Card "
	  "one</a></h4></article><article><a href=\"/c2\"><img src=\"c2.jpg"
	  "\"></a><h4><a href=\"/c2\">Card two</a></h4></article></section>",
	  "Card one <https://news.example/c1> | "
	  "Card two <https://news.example/c2>", "Body." },
	{ "the label inside the link",
	  "<p>Body.</p><p><a href=\"/in\">Read also: The title</a></p>"
	  "<p>End.</p>", "The title <https://news.example/in>", "Body. End." },
	{ "a link that merely starts with a label word stays",
	  "<p><a href=\"/r\">Related: nothing</a> and more words.</p>", "",
	  "Related: nothing and more words." },
	{ "an aside that is a pull quote stays",
	  "<p>Body.</p><aside>A long pull quote from the article, with "
	  "no links in it at all.</aside>",
	  "", "Body. A long pull quote from the article, with no links in it "
	  "at all." },
	{ "prose: I read also that",
	  "<p>I read also that the plan failed.</p>", "",
	  "I read also that the plan failed." },
	{ "prose: see also the report",
	  "<p>See also the report by <a href=\"/un\">the UN</a> last "
	  "week.</p>", "",
	  "See also the report by the UN last week." },
	{ "prose: a label word starting a sentence with a link",
	  "<p>See also <a href=\"/r\">the report</a>.</p>", "",
	  "See also the report." },
	{ "a label followed by prose is left alone",
	  "<h2>Related</h2><p>This paragraph is an ordinary one with "
	  "words.</p>", "",
	  "Related This paragraph is an ordinary one with words." },
	{ "spanish heading",
	  "<p>Texto.</p><h4>Lee también</h4><ul><li><a href=\"/es\">Uno</a>"
	  "</li></ul>", "Uno <https://news.example/es>", "Texto." },
	{ "italian label",
	  "<p>Testo.</p><p><strong>Leggi anche:</strong></p><ul><li>"
	  "<a href=\"/it\">Uno</a></li></ul>",
	  "Uno <https://news.example/it>", "Testo." },
	{ "portuguese label",
	  "<p>Texto.</p><p>Leia também</p><ul><li><a href=\"/pt\">Um</a>"
	  "</li></ul>", "Um <https://news.example/pt>", "Texto." },
	{ "polish label",
	  "<p>Tekst.</p><p>Czytaj też:</p><ul><li><a href=\"/pl\">Jeden</a>"
	  "</li></ul>", "Jeden <https://news.example/pl>", "Tekst." },
	{ "dutch label",
	  "<p>Tekst.</p><h3>Lees ook</h3><ul><li><a href=\"/nl\">Een</a>"
	  "</li></ul>", "Een <https://news.example/nl>", "Tekst." },
	{ "swedish label",
	  "<p>Text.</p><p>Läs också:</p><ul><li><a href=\"/sv\">Ett</a>"
	  "</li></ul>", "Ett <https://news.example/sv>", "Text." },
	{ "russian label",
	  "<p>Текст.</p><p>Читайте также:</p><ul><li><a href=\"/ru\">Одна"
	  "</a></li></ul>", "Одна <https://news.example/ru>", "Текст." },
	{ "list items without links keep their titles",
	  "<p>Body.</p><h3>Read more</h3><ul><li>Only a title</li></ul>",
	  "Only a title", "Body." },
	{ "a duplicate link is listed once",
	  "<p>Body.</p><p>Read also:</p><ul><li><a href=\"/d\">Dup</a></li>"
	  "<li><a href=\"/d\">Dup again</a></li></ul>",
	  "Dup <https://news.example/d>", "Body." },
};

static char *
collapse(const char *s)
{
	struct buf b;
	int space = 0;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *s);
	}
	return buf_steal(&b);
}

/* Text of the tree with a space between blocks. */
static void
body_text(xmlNodePtr n, struct buf *b)
{
	int inl;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE)
			buf_adds(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE) {
			inl = strchr("abis", n->name[0]) != NULL &&
			    (n->name[1] == '\0' || strcmp((const char *)n->name,
			    "strong") == 0 || strcmp((const char *)n->name,
			    "span") == 0);
			if (!inl)
				buf_addc(b, ' ');
			body_text(n->children, b);
			if (!inl)
				buf_addc(b, ' ');
		}
	}
}

static void
run_case(const struct ra_case *c)
{
	htmlDocPtr doc;
	struct readalso ra = { NULL, 0 };
	struct buf eb, bb;
	size_t i;
	char *body;

	doc = htmlReadMemory(c->html, (int)strlen(c->html), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);
	readalso_extract(xmlDocGetRootElement(doc), "https://news.example/",
	    &ra);
	buf_init(&eb, 0);
	buf_add(&eb, "", 0);
	for (i = 0; i < ra.n; i++) {
		buf_printf(&eb, "%s%s", i > 0 ? " | " : "", ra.v[i].title);
		if (ra.v[i].url != NULL)
			buf_printf(&eb, " <%s>", ra.v[i].url);
	}
	is_str(eb.data, c->entries, "entries: %s", c->name);
	buf_init(&bb, 0);
	buf_add(&bb, "", 0);
	body_text(xmlDocGetRootElement(doc), &bb);
	body = collapse(bb.data);
	is_str(body, c->body, "body left: %s", c->name);
	free(body);
	buf_free(&eb);
	buf_free(&bb);
	readalso_clear(&ra);
	xmlFreeDoc(doc);
}

static void
test_add(void)
{
	struct readalso ra = { NULL, 0 };

	readalso_add(&ra, "  - A   title ", "https://e.x/a");
	readalso_add(&ra, "Another", "https://e.x/a");
	readalso_add(&ra, "No url", NULL);
	readalso_add(&ra, "No url", NULL);
	readalso_add(&ra, "", NULL);
	readalso_add(&ra, "", "https://e.x/b");
	is_int(ra.n, 3, "add: duplicates and empties dropped");
	if (ra.n == 3) {
		is_str(ra.v[0].title, "A title", "add: title normalised");
		ok(ra.v[1].url == NULL, "add: no URL stays NULL");
		is_str(ra.v[2].title, "https://e.x/b", "add: URL as title");
	}
	readalso_clear(&ra);

	/* Found by fuzz-readalso: links that differ only in what cleaning
	 * takes out (a control, a bad byte) were listed twice, the same
	 * once stored. */
	readalso_add(&ra, "One", "https://e.x/\x01" "c");
	readalso_add(&ra, "Two", "https://e.x/c");
	readalso_add(&ra, "Three", "https://e.x/\xff" "d");
	readalso_add(&ra, "Four", "https://e.x/\xef\xbf\xbd" "d");
	readalso_add(&ra, "", "https://e.x/\x1b" "e");
	is_int(ra.n, 3, "add: links equal once cleaned are one entry");
	if (ra.n == 3) {
		is_str(ra.v[0].url, "https://e.x/c", "add: the link cleaned");
		is_str(ra.v[1].url, "https://e.x/\xef\xbf\xbd" "d",
		    "add: a bad byte as U+FFFD");
		is_str(ra.v[2].title, "https://e.x/e",
		    "add: the cleaned link as title");
	}
	readalso_clear(&ra);
}

int
main(void)
{
	size_t i;

	utf8_init_locale();
	for (i = 0; i < ARRAYSIZE(label_cases); i++)
		is_int(readalso_is_label(label_cases[i].text,
		    strlen(label_cases[i].text)), label_cases[i].want,
		    "label: '%s'", label_cases[i].text);
	for (i = 0; i < ARRAYSIZE(ra_cases); i++)
		run_case(&ra_cases[i]);
	test_add();
	return done_testing();
}
