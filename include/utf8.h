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
/* utf8_decode with ASCII, the common case, decided inline: for loops
 * that go through text a character at a time. */
static inline size_t
utf8_decode_fast(const char *s, size_t len, uint32_t *cp)
{
	if (len > 0 && (unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
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
