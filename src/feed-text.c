/* feed-text.c: the strings the parser hands out — control characters
 * removed, HTML titles made plain (libxml2's HTML parser reads the tag
 * soup and the entities), links made absolute (xmlBuildURI). */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "feed-int.h"
#include "utf8.h"
#include "util.h"

/* Most text a title or snippet is read from. */
#define HTML_TEXT_MAX	(64 * 1024)

/* Bytes feed_text_strip_controls passes over as they are, from r, at
 * most up to end: printable ASCII, and tab and line feed when lines are
 * kept; copied down to w (w <= r) on the way.  Sixteen (SSE2) or eight
 * at a time: content fields are most of a feed. */
static size_t
strip_plain_run(unsigned char *w, const unsigned char *r,
    const unsigned char *end, int keep_lines)
{
	const unsigned char *start = r;
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
	const __m128i lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	__m128i v, stop;
	unsigned int m;

	while (end - r >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)r);
		/* Signed: below 0x20, and every byte from 0x80, is less. */
		stop = _mm_or_si128(_mm_cmplt_epi8(v, space),
		    _mm_cmpeq_epi8(v, del));
		if (keep_lines)
			stop = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v,
			    lf), _mm_cmpeq_epi8(v, tab)), stop);
		if ((m = (unsigned int)_mm_movemask_epi8(stop)) != 0) {
			m = (unsigned int)__builtin_ctz(m);
			if (w != r)
				memmove(w, r, m);
			return (size_t)(r - start) + m;
		}
		if (w != r)
			_mm_storeu_si128((__m128i *)(void *)w, v);
		w += 16;
		r += 16;
	}
#else
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t word;

	while (end - r >= 8) {
		memcpy(&word, r, 8);
		/* A byte below 0x20, from 0x7F or with the high bit set
		 * shows. */
		if (((word - ones * 0x20) | (word + ones) | word) & high)
			break;
		if (w != r)
			memmove(w, r, 8);
		w += 8;
		r += 8;
	}
#endif
	while (r < end && ((*r >= 0x20 && *r < 0x7F) ||
	    (keep_lines && (*r == '\n' || *r == '\t'))))
		*w++ = *r++;
	return (size_t)(r - start);
}

char *
feed_text_strip_controls(char *s, int keep_lines)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	uint32_t cp;
	size_t n;
	const unsigned char *end = r + strlen(s);

	for (;;) {
		n = strip_plain_run(w, r, end, keep_lines);
		w += n;
		r += n;
		if (*r == '\0')
			break;
		if (*r < 0x80) {
			/* Line breaks and tabs separate words even where
			 * they are not kept. */
			if (keep_lines && (*r == '\n' || *r == '\t'))
				*w++ = *r;
			else if (*r == '\n' || *r == '\t' || *r == '\r')
				*w++ = ' ';
			r++;
			continue;
		}
		n = utf8_decode((const char *)r, 4, &cp);	/* stops at the NUL */
		if (!utf8_is_control(cp)) {
			/* Our text is valid UTF-8; should a stray byte come
			 * anyway, U+FFFD where it fits, else '?': never grow. */
			if (cp == UTF8_REPLACEMENT && n == 1 && r - w >= 2)
				memcpy(w, "\xef\xbf\xbd", 3), w += 3;
			else if (cp == UTF8_REPLACEMENT && n == 1)
				*w++ = '?';
			else
				memmove(w, r, n), w += n;
		}
		r += n;
	}
	*w = '\0';
	return s;
}

/* The bytes feed_text_collapse must look at: white space, the lead byte
 * of U+00A0, and the end. */
static const unsigned char collapse_stop[256] = {
	[0] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1,
	['\v'] = 1, [0xC2] = 1,
};

char *
feed_text_collapse(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	int space = 0;

	for (;;) {
		if (!collapse_stop[*r]) {
			if (space)
				*w++ = ' ';
			space = 0;
			do
				*w++ = *r++;
			while (!collapse_stop[*r]);
		}
		if (*r == '\0')
			break;
		/* U+00A0, no-break space, counts as space in a title. */
		if (*r == 0xC2 && r[1] != 0xA0) {
			if (space)
				*w++ = ' ';
			space = 0;
			*w++ = *r++;
			continue;
		}
		space = w != (unsigned char *)s;
		r += *r == 0xC2 ? 2 : 1;
	}
	*w = '\0';
	return s;
}

/* HTML elements whose end (or start) separates words. */
static int
html_breaks(const xmlChar *name)
{
	static const char *const blocks[] = {
		"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3",
		"h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol", "dd",
		"dt", "img",
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(blocks); i++) {
		if (strcasecmp((const char *)name, blocks[i]) == 0)
			return 1;
	}
	return 0;
}

/* The text-gathering state of one HTML read. */
struct html_text {
	struct buf	 b;
	int		 skip;		/* inside <script> or <style> */
};

static void
html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_text *t = ((htmlParserCtxtPtr)ctx)->_private;

	if (strcasecmp((const char *)name, "script") == 0 ||
	    strcasecmp((const char *)name, "style") == 0)
		t->skip++;
	else if (html_breaks(name))
		buf_addc(&t->b, ' ');
}

static void
html_end(void *ctx, const xmlChar *name)
{
	struct html_text *t = ((htmlParserCtxtPtr)ctx)->_private;

	if (strcasecmp((const char *)name, "script") == 0 ||
	    strcasecmp((const char *)name, "style") == 0) {
		if (t->skip > 0)
			t->skip--;
	} else if (html_breaks(name))
		buf_addc(&t->b, ' ');
}

static void
html_chars(void *ctx, const xmlChar *s, int len)
{
	struct html_text *t = ((htmlParserCtxtPtr)ctx)->_private;

	if (t->skip == 0 && len > 0)
		buf_add(&t->b, s, (size_t)len);
}

static void
html_silent(void *ctx, xmlErrorPtr e)
{
}

/* Run libxml2's HTML parser over text and keep only the characters. */
static char *
html_read(const char *html, size_t len)
{
	static htmlSAXHandler sax;
	struct html_text t;
	htmlParserCtxtPtr ctxt;

	if (sax.initialized == 0) {
		sax.startElement = html_start;
		sax.endElement = html_end;
		sax.characters = html_chars;
		sax.cdataBlock = html_chars;
		sax.serror = html_silent;
		sax.initialized = XML_SAX2_MAGIC;
	}
	buf_init(&t.b, HTML_TEXT_MAX * 2);
	buf_add(&t.b, "", 0);
	t.skip = 0;
	ctxt = htmlCreateMemoryParserCtxt(html, (int)len);
	if (ctxt == NULL)
		return buf_steal(&t.b);
	if (ctxt->sax != NULL)
		xmlFree(ctxt->sax);
	ctxt->sax = xmlMalloc(sizeof sax);
	if (ctxt->sax == NULL) {
		htmlFreeParserCtxt(ctxt);
		return buf_steal(&t.b);
	}
	memcpy(ctxt->sax, &sax, sizeof sax);
	ctxt->_private = &t;
	ctxt->userData = ctxt;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	return buf_steal(&t.b);
}

/* One character reference or entity at s ("&amp;", "&#233;", "&#xe9;")
 * decoded into out; returns the bytes of s it used, 0 if it is none. */
static size_t
html_entity(const char *s, size_t len, char *out, size_t *outlen)
{
	const htmlEntityDesc *e;
	char name[33], *end;
	unsigned long cp;
	size_t n;

	for (n = 1; n < len && n < sizeof name && s[n] != ';' && s[n] != '&' &&
	    s[n] != ' '; n++)
		;
	if (n >= len || s[n] != ';' || n == 1)
		return 0;
	memcpy(name, s + 1, n - 1);
	name[n - 1] = '\0';
	if (name[0] == '#') {
		cp = (name[1] == 'x' || name[1] == 'X') ?
		    strtoul(name + 2, &end, 16) : strtoul(name + 1, &end, 10);
		if (*end != '\0' || end == name + 1 || end == name + 2 ||
		    cp == 0 || cp > 0x10FFFF)
			cp = UTF8_REPLACEMENT;
	} else if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL)
		cp = e->value;
	else
		return 0;
	*outlen = utf8_encode((uint32_t)cp, out);
	return n + 1;
}

/* Text with entities but no tags: decoded with libxml2's HTML entity
 * table, without the cost of a parser per title. */
static char *
html_decode(const char *s, size_t len)
{
	struct buf b;
	size_t i = 0, n, outlen;
	const char *amp;
	char out[4];

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	while (i < len) {
		if ((amp = memchr(s + i, '&', len - i)) == NULL) {
			buf_add(&b, s + i, len - i);
			break;
		}
		buf_add(&b, s + i, (size_t)(amp - (s + i)));
		i = (size_t)(amp - s);
		if ((n = html_entity(s + i, len - i, out, &outlen)) == 0) {
			buf_addc(&b, '&');	/* a bare "&" is text */
			i++;
			continue;
		}
		buf_add(&b, out, outlen);
		i += n;
	}
	return buf_steal(&b);
}

char *
feed_text_from_html(const char *html, size_t len)
{
	char *s;

	if (len > HTML_TEXT_MAX)
		len = HTML_TEXT_MAX;
	/* Text with no markup is plain once its entities are read. */
	if (memchr(html, '<', len) != NULL)
		s = html_read(html, len);
	else if (memchr(html, '&', len) != NULL)
		s = html_decode(html, len);
	else
		s = xstrndup(html, len);
	return feed_text_collapse(feed_text_strip_controls(s, 0));
}

char *
feed_text_snippet(const char *html, size_t max)
{
	size_t i = 0, n = 0, cut = 0;
	uint32_t cp;
	char *s;

	s = feed_text_from_html(html, strlen(html) < 16384 ? strlen(html) :
	    16384);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	while (s[i] != '\0' && n < max) {
		if (s[i] == ' ')
			cut = i;
		i += utf8_decode(s + i, 4, &cp);
		n++;
	}
	if (s[i] == '\0')
		return s;
	if (cut < i / 2)
		cut = i;	/* no space in reach: cut the word */
	s[cut] = '\0';
	feed_text_collapse(s);
	s = xreallocarray(s, strlen(s) + 4, 1);
	strcat(s, "\xe2\x80\xa6");
	return s;
}

/* Schemes a link may never have: they run code when opened. */
static int
unsafe_scheme(const char *url)
{
	static const char *const bad[] = { "javascript:", "vbscript:",
	    "data:" };
	size_t i;

	for (i = 0; i < ARRAYSIZE(bad); i++) {
		if (strncasecmp(url, bad[i], strlen(bad[i])) == 0)
			return 1;
	}
	return 0;
}

char *
feed_url_resolve(const char *base, const char *url)
{
	xmlChar *r, *esc;
	char *s, *out;

	if (url == NULL)
		return NULL;
	s = feed_text_collapse(xstrdup(url));
	if (s[0] == '\0' || unsafe_scheme(s)) {
		free(s);
		return NULL;
	}
	if (base == NULL || base[0] == '\0')
		return s;
	r = xmlBuildURI((const xmlChar *)s, (const xmlChar *)base);
	if (r == NULL) {
		/* Spaces and the like: escape them and try again. */
		esc = xmlURIEscapeStr((const xmlChar *)s,
		    (const xmlChar *)":/?#[]@!$&'()*+,;=%~");
		if (esc != NULL)
			r = xmlBuildURI(esc, (const xmlChar *)base);
		xmlFree(esc);
	}
	if (r == NULL)
		return s;
	out = xstrdup((const char *)r);
	xmlFree(r);
	free(s);
	if (unsafe_scheme(out)) {
		free(out);
		return NULL;
	}
	return out;
}

char *
feed_text_hash_id(const char *title, int64_t date)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	const unsigned char *p;
	char *s;
	char num[32];

	snprintf(num, sizeof num, "\x1f%lld", (long long)date);
	for (p = (const unsigned char *)(title != NULL ? title : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	for (p = (const unsigned char *)num; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	xasprintf(&s, "herald:%016llx", (unsigned long long)h);
	return s;
}
