/* Unit tests for the core: buffers with a cap, UTF-8 repair and widths,
 * and the JSON writer's escaping. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"
#include "util.h"

#include "../tap.h"

static void
test_buf(void)
{
	struct buf b;

	buf_init(&b, 8);
	ok(buf_adds(&b, "12345") == 0, "buf: add under the cap");
	ok(buf_adds(&b, "6789") == -1, "buf: add past the cap fails");
	is_str(b.data, "12345", "buf: a failed add leaves the contents");
	ok(buf_adds(&b, "678") == 0, "buf: add up to the cap");
	is_int(b.len, 8, "buf: length at the cap");
	buf_free(&b);
}

static void
test_utf8_clean(void)
{
	static const struct {
		const char	*in;
		size_t		 len;
		int		 flags;
		const char	*want;
		const char	*name;
	} cases[] = {
		{ "plain", 5, 0, "plain", "ascii unchanged" },
		{ "caf\xc3\xa9", 5, 0, "caf\xc3\xa9", "valid UTF-8 unchanged" },
		{ "a\xff" "b", 3, 0, "a\xef\xbf\xbd" "b", "invalid byte to U+FFFD" },
		{ "\xc3", 1, 0, "\xef\xbf\xbd", "truncated sequence to U+FFFD" },
		{ "\xc0\xaf", 2, 0, "\xef\xbf\xbd\xef\xbf\xbd", "overlong refused" },
		{ "\xed\xa0\x80", 3, 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
		  "surrogate refused" },
		{ "x\x1b[2Jy", 6, 0, "x[2Jy", "ESC removed" },
		{ "a\xc2\x9b" "31mb", 7, 0, "a31mb", "C1 CSI removed" },
		{ "l\xe2\x80\xaer", 5, 0, "lr", "bidi override removed" },
		{ "a\nb\tc", 5, 0, "abc", "newline and tab removed by default" },
		{ "a\nb\tc", 5, UTF8_KEEP_NEWLINE | UTF8_KEEP_TAB, "a\nb\tc",
		  "newline and tab kept when asked" },
		{ "a\0b", 3, 0, "ab", "NUL removed" },
		{ "ab\x7f" "cd", 5, 0, "abcd", "DEL inside an ASCII run removed" },
		{ "\xf0\x9f\x93\xb0 news", 9, 0, "\xf0\x9f\x93\xb0 news",
		  "four-byte sequence unchanged" },
		{ "\xef\xbf\xbd", 3, 0, "\xef\xbf\xbd", "U+FFFD itself unchanged" },
		{ "end\xe2\x80", 5, 0, "end\xef\xbf\xbd\xef\xbf\xbd",
		  "sequence cut at the end: one U+FFFD a byte" },
		{ "\xc2\xa0x\xc2", 4, 0, "\xc2\xa0x\xef\xbf\xbd",
		  "valid, ASCII, then a lone lead byte" },
	};
	size_t i;
	char *s;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		s = utf8_clean(cases[i].in, cases[i].len, cases[i].flags);
		is_str(s, cases[i].want, "utf8_clean: %s", cases[i].name);
		free(s);
	}
}

/* utf8_clean as first written, a character at a time: the reference the
 * run-copying version must match on any input. */
static char *
clean_reference(const char *s, size_t len, int flags)
{
	struct buf b;
	uint32_t cp;
	size_t i, n;
	char enc[4];

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == '\n' && (flags & UTF8_KEEP_NEWLINE))
			;
		else if (cp == '\t' && (flags & UTF8_KEEP_TAB))
			;
		else if (utf8_is_control(cp))
			continue;
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	return buf_steal(&b);
}

static void
test_utf8_clean_random(void)
{
	/* Pieces that meet at every kind of boundary. */
	static const char *const pieces[] = {
		"a", "Zz ", "\x7f", "\x1b[", "\n", "\t", "\xc3\xa9", "\xe2\x80\x9c",
		"\xf0\x9f\x98\x80", "\xe2\x80\xae", "\xc2\x9b", "\xff", "\xc3",
		"\xe2\x80", "\xed\xa0\x80", "\xc0\xaf", "\xef\xbf\xbd", "\0",
	};
	uint32_t rng = 12345;
	size_t i, k, len, bad = 0;
	char in[256], *got, *want;
	int flags;

	for (i = 0; i < 5000; i++) {
		len = 0;
		for (k = 0; k < 24; k++) {
			const char *p;
			size_t pl;

			rng = rng * 1103515245 + 12345;
			p = pieces[(rng >> 16) % ARRAYSIZE(pieces)];
			pl = p[0] == '\0' ? 1 : strlen(p);
			memcpy(in + len, p, pl);
			len += pl;
		}
		flags = (int)(i % 4);	/* KEEP_NEWLINE and KEEP_TAB mixed */
		got = utf8_clean(in, len, flags);
		want = clean_reference(in, len, flags);
		if (strcmp(got, want) != 0)
			bad++;
		free(got);
		free(want);
	}
	is_int(bad, 0, "utf8_clean matches the character-at-a-time "
	    "reference on 5000 mixed strings");
}

static void
test_utf8_width(void)
{
	is_int(utf8_width("abc", 3), 3, "width: ascii");
	is_int(utf8_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4, "width: CJK is double");
	is_int(utf8_width("e\xcc\x81", 3), 1, "width: combining mark is zero");
	is_int(utf8_width("\xc2\xad", 2), 0, "width: soft hyphen is zero");
}

static char *
json_of(void (*fn)(struct json *))
{
	struct json j;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&out, &len);
	json_init(&j, f, 0);
	fn(&j);
	fclose(f);
	return out;
}

static void
json_doc(struct json *j)
{
	json_begin_object(j);
	json_kv_string(j, "t", "q\"\\\n\x01\x1b" "e\xff");
	json_kv_int(j, "n", -3);
	json_key(j, "a");
	json_begin_array(j);
	json_null(j);
	json_bool(j, 1);
	json_begin_object(j);
	json_end_object(j);
	json_end_array(j);
	json_end_object(j);
}

static void
test_json(void)
{
	char *s = json_of(json_doc);

	is_str(s, "{\"t\":\"q\\\"\\\\\\n\\u0001\\u001be\xef\xbf\xbd\",\"n\":-3,"
	    "\"a\":[null,true,{}]}", "json: escapes, repair and commas");
	free(s);
}

int
main(void)
{
	utf8_init_locale();
	test_buf();
	test_utf8_clean();
	test_utf8_clean_random();
	test_utf8_width();
	test_json();
	return done_testing();
}
