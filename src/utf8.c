#include "config.h"

#include "utf8.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "util.h"

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = UTF8_REPLACEMENT;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0) {
		n = 2; c = u[0] & 0x1F; min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3; c = u[0] & 0x0F; min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4; c = u[0] & 0x07; min = 0x10000;
	} else
		goto bad;
	if (n > len)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_is_control(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
		return 1;
	/* Bidi embeddings, overrides and isolates can reorder what follows
	 * on the line: a title must not be able to disguise its neighbours. */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	return 0;
}

/* Runs of printable ASCII and valid sequences are copied as they are (a
 * valid sequence re-encodes to itself); only controls are dropped and
 * only invalid bytes rewritten.  Per character it decoded, encoded and
 * appended: a fifth of the CPU of writing a refresh to the cache. */
char *
utf8_clean(const char *s, size_t len, int flags)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b;
	uint32_t cp;
	size_t i = 0, run, n;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	while (i < len) {
		for (run = i; run < len && u[run] >= 0x20 && u[run] < 0x7F;
		    run++)
			;
		if (run > i) {
			buf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == '\n' && (flags & UTF8_KEEP_NEWLINE))
			;
		else if (cp == '\t' && (flags & UTF8_KEEP_TAB))
			;
		else if (utf8_is_control(cp)) {
			i += n;
			continue;
		}
		if (n == 1 && u[i] >= 0x80)
			buf_add(&b, "\xef\xbf\xbd", 3);	/* invalid byte */
		else
			buf_add(&b, s + i, n);
		i += n;
	}
	return buf_steal(&b);
}

int
utf8_cp_width(uint32_t cp)
{
	int w;

	if (cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 ||
	    cp == 0xFEFF)
		return 0;
	if (utf8_is_control(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;	/* unassigned: draw as one column */
	return w;
}

size_t
utf8_width(const char *s, size_t len)
{
	uint32_t cp;
	size_t i, n, w = 0;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cp_width(cp);
	}
	return w;
}

void
utf8_init_locale(void)
{
	const char *cs;

	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C");
	cs = nl_langinfo(CODESET);
	if (cs != NULL && strcasecmp(cs, "UTF-8") == 0)
		return;
	/* herald reads and writes UTF-8 whatever the locale says; wcwidth
	 * needs a UTF-8 LC_CTYPE to measure it. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}
