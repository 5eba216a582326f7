/* render-text.c: plain-text content made into a tree of paragraphs, so it
 * is laid out, quoted and searched for a Read-also block like HTML.
 *
 * Blank lines separate paragraphs; where there are none, each line is one
 * (feeds that send text often put a paragraph on a line).  List-like lines
 * ("- Title") and short label lines ending in a colon stay lines of their
 * own.  URLs in the text become links. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>

#include "readalso.h"
#include "render-int.h"

/* Characters that end a URL found in text. */
static int
url_stop(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '<' || c == '>' ||
	    c == '"' || c == '\0';
}

/* Length of the URL at s, or 0. */
static size_t
url_at(const char *s, size_t len)
{
	size_t n = 0;

	if (!(len > 8 && strncasecmp(s, "https://", 8) == 0) &&
	    !(len > 7 && strncasecmp(s, "http://", 7) == 0) &&
	    !(len > 4 && strncasecmp(s, "www.", 4) == 0))
		return 0;
	while (n < len && !url_stop(s[n]))
		n++;
	while (n > 0 && strchr(".,;:!?)]'", s[n - 1]) != NULL)
		n--;	/* sentence punctuation after a URL */
	return n > 8 ? n : 0;
}

static void
add_text_node(xmlNodePtr p, const char *s, size_t len)
{
	if (len > 0)
		xmlAddChild(p, xmlNewDocTextLen(p->doc, (const xmlChar *)s,
		    (int)len));
}

/* Fills paragraph p with text, URLs made links. */
static void
fill_para(xmlNodePtr p, const char *s, size_t len)
{
	size_t i = 0, from = 0, n;
	xmlNodePtr a;
	char *href;

	while (i < len) {
		if ((i == 0 || url_stop(s[i - 1]) || s[i - 1] == '(') &&
		    (n = url_at(s + i, len - i)) > 0) {
			add_text_node(p, s + from, i - from);
			if (strncasecmp(s + i, "www.", 4) == 0)
				xasprintf(&href, "http://%.*s", (int)n, s + i);
			else
				href = xstrndup(s + i, n);
			a = xmlNewDocNode(p->doc, NULL, (const xmlChar *)"a",
			    NULL);
			xmlSetProp(a, (const xmlChar *)"href",
			    (const xmlChar *)href);
			add_text_node(a, s + i, n);
			xmlAddChild(p, a);
			free(href);
			i += n;
			from = i;
			continue;
		}
		i++;
	}
	add_text_node(p, s + from, len - from);
}

static int
is_bullet_line(const char *s, size_t len)
{
	static const char *const marks[] = { "- ", "* ", "• ", "– ", "— " };
	size_t i, m;

	for (i = 0; i < ARRAYSIZE(marks); i++) {
		m = strlen(marks[i]);
		if (len > m && strncmp(s, marks[i], m) == 0)
			return 1;
	}
	return 0;
}

static int
is_label_line(const char *s, size_t len)
{
	return len > 0 && len < 48 && (s[len - 1] == ':' ||
	    readalso_is_label(s, len));
}

static xmlNodePtr
new_para(xmlNodePtr body)
{
	return xmlAddChild(body, xmlNewDocNode(body->doc, NULL,
	    (const xmlChar *)"p", NULL));
}

/* Whether the line starts a paragraph of its own. */
static int
starts_para(int by_line, const char *s, size_t len, int prev_kind)
{
	if (by_line || prev_kind == 2)
		return 1;
	if (is_bullet_line(s, len) || is_label_line(s, len))
		return 1;
	return prev_kind == 1 && s[0] != ' ' && s[0] != '\t';
}

xmlDocPtr
render_text_tree(const char *text, size_t len)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html, body, p = NULL;
	size_t i = 0, e, a, b;
	int by_line = strstr(text, "\n\n") == NULL, kind = 0, blank = 1;
	struct buf para;

	html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, html);
	body = xmlAddChild(html, xmlNewDocNode(doc, NULL,
	    (const xmlChar *)"body", NULL));
	buf_init(&para, 0);
	while (i < len) {
		for (e = i; e < len && text[e] != '\n'; e++)
			;
		for (a = i; a < e && (text[a] == ' ' || text[a] == '\t' ||
		    text[a] == '\r'); a++)
			;
		for (b = e; b > a && (text[b - 1] == ' ' ||
		    text[b - 1] == '\t' || text[b - 1] == '\r'); b--)
			;
		if (a == b) {
			blank = 1;
		} else {
			if (blank || starts_para(by_line, text + a, b - a,
			    kind)) {
				if (p != NULL)
					fill_para(p, para.data, para.len);
				p = new_para(body);
				para.len = 0;
			} else
				buf_addc(&para, ' ');
			buf_add(&para, text + a, b - a);
			kind = is_label_line(text + a, b - a) ? 2 :
			    is_bullet_line(text + a, b - a) ? 1 : 0;
			blank = 0;
		}
		i = e + 1;
	}
	if (p != NULL)
		fill_para(p, para.data, para.len);
	buf_free(&para);
	return doc;
}
