/* utf8.h: decoding, repair and measuring of UTF-8 text.
 *
 * Everything that comes from a feed passes through utf8_clean() before it
 * is stored, printed or drawn: invalid bytes become U+FFFD and control
 * characters (C0 but the ones asked for, DEL, C1, bidi overrides) go. */
#ifndef HERALD_UTF8_H
#define HERALD_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/* Flags for utf8_clean. */
#define UTF8_KEEP_NEWLINE	0x1	/* keep \n */
#define UTF8_KEEP_TAB		0x2	/* keep \t */

/* Decode one character from s (at most len bytes).  Returns the bytes it
 * used (at least 1 when len > 0); an invalid sequence yields
 * UTF8_REPLACEMENT and consumes one byte. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* utf8_decode with the common cases, ASCII and valid sequences of two
 * and three bytes, decided inline: for loops that go through text a
 * character at a time.  Anything else is utf8_decode's to judge. */
static inline size_t
utf8_decode_fast(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;

	if (len > 0 && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (len >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF &&
	    (u[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (uint32_t)(u[1] & 0x3F);
		return 2;
	}
	if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		c = ((uint32_t)(u[0] & 0x0F) << 12) |
		    ((uint32_t)(u[1] & 0x3F) << 6) | (uint32_t)(u[2] & 0x3F);
		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	return utf8_decode(s, len, cp);
}
/* Encode cp into out (4 bytes at most); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* True for characters that must never reach a terminal. */
int utf8_is_control(uint32_t cp);
/* A new string: valid UTF-8, controls removed (but those kept by flags). */
char *utf8_clean(const char *s, size_t len, int flags);
/* Columns one character takes (0 for combining and zero-width). */
int utf8_cp_width(uint32_t cp);
/* Columns a string takes. */
size_t utf8_width(const char *s, size_t len);
/* Make sure LC_CTYPE is a UTF-8 locale so wcwidth works; call once. */
void utf8_init_locale(void);

#endif
