#include "config.h"

#include "json.h"

#include <inttypes.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "utf8.h"

/* Output gathers in j->out: a string with its separator, quotes and
 * escapes goes to the FILE in one fwrite, not a call per piece (stdio's
 * cost per call was more than the escaping). */
static void
json_out_flush(struct json *j)
{
	if (j->nout > 0)
		fwrite(j->out, 1, j->nout, j->f);
	j->nout = 0;
}

static void
json_out_add(struct json *j, const char *s, size_t n)
{
	if (n > sizeof j->out - j->nout) {
		json_out_flush(j);
		if (n > sizeof j->out / 2) {	/* a long run: as it is */
			fwrite(s, 1, n, j->f);
			return;
		}
	}
	memcpy(j->out + j->nout, s, n);
	j->nout += n;
}

static void
json_out_addc(struct json *j, char c)
{
	if (j->nout == sizeof j->out)
		json_out_flush(j);
	j->out[j->nout++] = c;
}

/* The end of a public call: its output reaches the FILE unless held. */
static void
json_out_done(struct json *j)
{
	if (!j->held)
		json_out_flush(j);
}

void
json_hold(struct json *j, int on)
{
	j->held = on;
	json_out_done(j);
}

void
json_flush(struct json *j)
{
	json_out_flush(j);
}

void
json_init(struct json *j, FILE *f, int pretty)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->pretty = pretty;
}

/* A newline and the indentation of the current level (pretty only). */
static void
json_indent(struct json *j)
{
	int i;

	json_out_addc(j, '\n');
	for (i = 0; i < j->depth * 2; i++)
		json_out_addc(j, ' ');
}

/* Write the separator a new value needs at the current level. */
static void
json_value_start(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->count[j->depth]++ > 0)
		json_out_addc(j, ',');
	if (j->pretty && j->depth > 0)
		json_indent(j);
}

static void
json_open(struct json *j, int c)
{

	json_value_start(j);
	json_out_addc(j, (char)c);
	json_out_done(j);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
}

static void
json_close(struct json *j, int c)
{
	int had = j->count[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (j->pretty && had)
		json_indent(j);
	json_out_addc(j, (char)c);
	json_out_done(j);
}

void json_begin_object(struct json *j) { json_open(j, '{'); }
void json_end_object(struct json *j) { json_close(j, '}'); }
void json_begin_array(struct json *j) { json_open(j, '['); }
void json_end_array(struct json *j) { json_close(j, ']'); }

/* The offset of the first byte at s, from i, that is not printable ASCII
 * or is '"' or '\\', sixteen (SSE2) or eight bytes at a time; len when
 * there is none. */
static size_t
json_plain_span(const unsigned char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	__m128i v, stop;
	unsigned int m;

	for (; i + 16 <= len; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* Signed: below 0x20, and every byte from 0x80, is less. */
		stop = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space),
		    _mm_cmpeq_epi8(v, del)), _mm_or_si128(_mm_cmpeq_epi8(v,
		    quote), _mm_cmpeq_epi8(v, bslash)));
		if ((m = (unsigned int)_mm_movemask_epi8(stop)) != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	/* Eight at a time (the tail, short strings, no SSE2). */
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t w, q, b, m8;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		/* Each term sets the high bit of a byte that stops the run;
		 * a borrow or carry only spreads to the bytes above one that
		 * is set already, so the lowest bit set is exact. */
		m8 = ((w - ones * 0x20) | (w + ones) | w | (q - ones) |
		    (b - ones)) & high;
		if (m8 != 0)
			break;
	}
	for (; i < len; i++) {
		if (s[i] < 0x20 || s[i] >= 0x7F || s[i] == '"' || s[i] == '\\')
			break;
	}
	return i;
}

/* The string, quoted and escaped: runs that need no escape
 * (printable ASCII but '"' and '\\', valid UTF-8 that is neither a
 * control nor U+2028/9) are copied whole. */
static void
json_out_string(struct json *j, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, from = 0, n;
	char enc[6];

	json_out_addc(j, '"');
	for (;;) {
		if ((i = json_plain_span(u, i, len)) >= len)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		if (cp >= 0x80 && !(cp == UTF8_REPLACEMENT && n == 1) &&
		    !utf8_is_control(cp) && cp != 0x2028 && cp != 0x2029) {
			i += n;		/* valid UTF-8: part of the run */
			continue;
		}
		json_out_add(j, s + from, i - from);
		i += n;
		from = i;
		switch (cp) {
		case '"':  json_out_add(j, "\\\"", 2); continue;
		case '\\': json_out_add(j, "\\\\", 2); continue;
		case '\n': json_out_add(j, "\\n", 2); continue;
		case '\r': json_out_add(j, "\\r", 2); continue;
		case '\t': json_out_add(j, "\\t", 2); continue;
		}
		if (utf8_is_control(cp) || cp == 0x2028 || cp == 0x2029) {
			enc[0] = '\\';
			enc[1] = 'u';
			enc[2] = hex[(cp >> 12) & 0xF];
			enc[3] = hex[(cp >> 8) & 0xF];
			enc[4] = hex[(cp >> 4) & 0xF];
			enc[5] = hex[cp & 0xF];
			json_out_add(j, enc, 6);
		} else		/* an invalid byte: U+FFFD */
			json_out_add(j, enc, utf8_encode(cp, enc));
	}
	json_out_add(j, s + from, len - from);
	json_out_addc(j, '"');
}

void
json_key(struct json *j, const char *k)
{

	json_value_start(j);
	json_out_string(j, k, strlen(k));
	json_out_addc(j, ':');
	if (j->pretty)
		json_out_addc(j, ' ');
	json_out_done(j);
	j->after_key = 1;
}

void
json_string_len(struct json *j, const char *s, size_t len)
{

	json_value_start(j);
	json_out_string(j, s, len);
	json_out_done(j);
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL)
		json_null(j);
	else
		json_string_len(j, s, strlen(s));
}

/* A bare word or number, with its separator. */
static void
json_word(struct json *j, const char *w, size_t n)
{

	json_value_start(j);
	json_out_add(j, w, n);
	json_out_done(j);
}

void
json_int(struct json *j, int64_t v)
{
	char s[32];
	int n;

	n = snprintf(s, sizeof s, "%" PRId64, v);
	json_word(j, s, (size_t)n);
}

void
json_bool(struct json *j, int v)
{
	json_word(j, v ? "true" : "false", v ? 4 : 5);
}

void
json_null(struct json *j)
{
	json_word(j, "null", 4);
}

void
json_kv_string(struct json *j, const char *k, const char *v)
{

	json_value_start(j);
	json_out_string(j, k, strlen(k));
	json_out_addc(j, ':');
	if (j->pretty)
		json_out_addc(j, ' ');
	if (v == NULL)
		json_out_add(j, "null", 4);
	else
		json_out_string(j, v, strlen(v));
	json_out_done(j);
}

void
json_kv_int(struct json *j, const char *k, int64_t v)
{
	json_key(j, k);
	json_int(j, v);
}

void
json_finish(struct json *j)
{
	json_out_addc(j, '\n');
	json_out_flush(j);
	fflush(j->f);
}
