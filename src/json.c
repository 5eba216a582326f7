#include "config.h"

#include "json.h"

#include <inttypes.h>
#include <string.h>

#include "utf8.h"

void
json_init(struct json *j, FILE *f, int pretty)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->pretty = pretty;
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
		fputc(',', j->f);
	if (j->pretty && j->depth > 0) {
		fputc('\n', j->f);
		fprintf(j->f, "%*s", j->depth * 2, "");
	}
}

static void
json_open(struct json *j, int c)
{
	json_value_start(j);
	fputc(c, j->f);
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
	if (j->pretty && had) {
		fputc('\n', j->f);
		fprintf(j->f, "%*s", j->depth * 2, "");
	}
	fputc(c, j->f);
}

void json_begin_object(struct json *j) { json_open(j, '{'); }
void json_end_object(struct json *j) { json_close(j, '}'); }
void json_begin_array(struct json *j) { json_open(j, '['); }
void json_end_array(struct json *j) { json_close(j, ']'); }

void
json_key(struct json *j, const char *k)
{
	json_string(j, k);
	fputc(':', j->f);
	if (j->pretty)
		fputc(' ', j->f);
	j->after_key = 1;
}

/* How many bytes at s need no escape, eight at a time: a byte below
 * 0x20, from 0x7F, '"' or '\\' stops the run. */
static size_t
json_plain_span(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t w, q, b;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if (((w - ones * 0x20) | (w + ones) | w | (q - ones) |
		    (b - ones)) & high)
			break;
	}
	return i;
}

/* How many bytes at s can be written as they are: printable ASCII but
 * '"' and '\\', and valid UTF-8 that is neither a control nor U+2028/9. */
static size_t
json_verbatim_span(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, n;

	for (;;) {
		i += json_plain_span(s + i, len - i);
		if (i >= len)
			return len;
		if (u[i] < 0x80) {
			if (u[i] < 0x20 || u[i] == 0x7F || u[i] == '"' ||
			    u[i] == '\\')
				return i;
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if ((cp == UTF8_REPLACEMENT && n == 1) || utf8_is_control(cp) ||
		    cp == 0x2028 || cp == 0x2029)
			return i;
		i += n;
	}
}

void
json_string_len(struct json *j, const char *s, size_t len)
{
	uint32_t cp;
	size_t i, n;
	char enc[4];

	json_value_start(j);
	fputc('"', j->f);
	for (i = 0; i < len; i += n) {
		/* A run that needs no escape: one write. */
		if ((n = json_verbatim_span(s + i, len - i)) > 0) {
			fwrite(s + i, 1, n, j->f);
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '"':  fputs("\\\"", j->f); continue;
		case '\\': fputs("\\\\", j->f); continue;
		case '\n': fputs("\\n", j->f); continue;
		case '\r': fputs("\\r", j->f); continue;
		case '\t': fputs("\\t", j->f); continue;
		}
		if (utf8_is_control(cp))
			fprintf(j->f, "\\u%04x", (unsigned)cp);
		else if (cp == 0x2028 || cp == 0x2029)
			fprintf(j->f, "\\u%04x", (unsigned)cp);
		else
			fwrite(enc, 1, utf8_encode(cp, enc), j->f);
	}
	fputc('"', j->f);
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL)
		json_null(j);
	else
		json_string_len(j, s, strlen(s));
}

void
json_int(struct json *j, int64_t v)
{
	json_value_start(j);
	fprintf(j->f, "%" PRId64, v);
}

void
json_bool(struct json *j, int v)
{
	json_value_start(j);
	fputs(v ? "true" : "false", j->f);
}

void
json_null(struct json *j)
{
	json_value_start(j);
	fputs("null", j->f);
}

void
json_kv_string(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_string(j, v);
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
	fputc('\n', j->f);
	fflush(j->f);
}
