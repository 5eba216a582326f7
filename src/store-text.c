/* store-text.c: text the cache derives from articles: the plain text the
 * search index holds, the person's query turned into FTS5, and the packing
 * of enclosures and related links into one column each. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "store-int.h"
#include "utf8.h"
#include "util.h"

/* Entities common enough in feeds to matter for search; the rest become a
 * space, which costs the index nothing. */
static const struct {
	const char	*name;
	const char	*text;
} entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "#39", "'" },
	{ "rsquo", "\xe2\x80\x99" }, { "lsquo", "\xe2\x80\x98" },
	{ "rdquo", "\xe2\x80\x9d" }, { "ldquo", "\xe2\x80\x9c" },
	{ "mdash", "\xe2\x80\x94" }, { "ndash", "\xe2\x80\x93" },
	{ "hellip", "\xe2\x80\xa6" },
};

/* Decodes the entity at s (just past '&'); returns the bytes used. */
static size_t
add_entity(struct buf *b, const char *s)
{
	const char *semi;
	char enc[4], *end;
	size_t i, n;
	unsigned long cp;

	if ((semi = strchr(s, ';')) == NULL || semi - s > 10) {
		buf_addc(b, '&');
		return 0;
	}
	n = (size_t)(semi - s);
	if (s[0] == '#') {
		cp = (s[1] == 'x' || s[1] == 'X') ? strtoul(s + 2, &end, 16) :
		    strtoul(s + 1, &end, 10);
		if (end == semi && cp > 0 && cp <= 0x10ffff &&
		    (cp < 0xd800 || cp > 0xdfff))
			buf_add(b, enc, utf8_encode((uint32_t)cp, enc));
		else
			buf_addc(b, ' ');
		return n + 1;
	}
	for (i = 0; i < ARRAYSIZE(entities); i++) {
		if (strlen(entities[i].name) == n &&
		    strncmp(entities[i].name, s, n) == 0) {
			buf_adds(b, entities[i].text);
			return n + 1;
		}
	}
	buf_addc(b, ' ');
	return n + 1;
}

/* Skips a tag starting at s ('<'); script and style lose their content
 * too.  Returns where the text goes on. */
static const char *
skip_tag(const char *s)
{
	static const char *const hidden[] = { "script", "style" };
	const char *end, *close;
	size_t i, n;
	char pat[16];

	for (i = 0; i < ARRAYSIZE(hidden); i++) {
		n = strlen(hidden[i]);
		if (strncasecmp(s + 1, hidden[i], n) != 0 ||
		    isalnum((unsigned char)s[1 + n]))
			continue;
		snprintf(pat, sizeof pat, "</%s", hidden[i]);
		if ((close = strcasestr(s, pat)) == NULL)
			return s + strlen(s);
		s = close;
		break;
	}
	if (strncmp(s, "<!--", 4) == 0) {
		end = strstr(s + 4, "-->");
		return end != NULL ? end + 3 : s + strlen(s);
	}
	end = strchr(s, '>');
	return end != NULL ? end + 1 : s + strlen(s);
}

char *
store_plain_text(const char *content, int is_text)
{
	struct buf b;
	const char *s;
	char *raw, *clean;
	size_t n;

	if (content == NULL)
		return xstrdup("");
	buf_init(&b, 0);
	for (s = content; *s != '\0';) {
		if (!is_text && *s == '<') {
			buf_addc(&b, ' ');
			s = skip_tag(s);
		} else if (!is_text && *s == '&') {
			n = add_entity(&b, s + 1);
			s += n + 1;
		} else {
			n = strcspn(s, is_text ? "" : "<&");
			buf_add(&b, s, n);
			s += n;
		}
	}
	raw = buf_steal(&b);
	/* Newlines and tabs go as controls; words stay apart by spaces. */
	for (s = raw; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\t' || *s == '\r')
			raw[s - raw] = ' ';
	}
	clean = utf8_clean(raw, strlen(raw), 0);
	free(raw);
	return clean;
}

/* Adds one bareword as an FTS5 string, a trailing '*' kept as a prefix. */
static void
add_word(struct buf *b, const char *w, size_t n)
{
	int prefix = 0;
	size_t i;

	while (n > 0 && w[n - 1] == '*') {
		prefix = 1;
		n--;
	}
	if (n == 0)
		return;
	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (w[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, w[i]);
	}
	buf_addc(b, '"');
	if (prefix)
		buf_addc(b, '*');
	buf_addc(b, ' ');
}

/* The person writes words, "phrases", prefix*, AND/OR/NOT and brackets;
 * every word is quoted for FTS5 so '-', ':' or '.' in it never reads as
 * syntax.  Only an unclosed quote or bracket, or nothing to search, is an
 * error. */
char *
store_fts_query(const char *q, char **cause)
{
	static const char *const ops[] = { "AND", "OR", "NOT" };
	struct buf b;
	const char *s, *e;
	size_t i, n;
	int depth = 0, words = 0;

	buf_init(&b, 0);
	for (s = q; *s != '\0';) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if (*s == '(' || *s == ')') {
			depth += *s == '(' ? 1 : -1;
			if (depth < 0)
				goto unbalanced;
			buf_addc(&b, *s++);
			buf_addc(&b, ' ');
			continue;
		}
		if (*s == '"') {
			if ((e = strchr(s + 1, '"')) == NULL) {
				set_cause(cause, "the search '%s' has a quote "
				    "that is not closed", q);
				goto fail;
			}
			buf_add(&b, s, (size_t)(e - s + 1));
			s = e + 1;
			if (*s == '*')
				buf_addc(&b, *s++);
			buf_addc(&b, ' ');
			words++;
			continue;
		}
		n = strcspn(s, " \t\r\n()\"");
		for (i = 0; i < ARRAYSIZE(ops); i++) {
			if (strlen(ops[i]) == n && strncmp(s, ops[i], n) == 0)
				break;
		}
		if (i < ARRAYSIZE(ops)) {
			buf_add(&b, s, n);
			buf_addc(&b, ' ');
		} else if (strspn(s, "*") < n) {
			add_word(&b, s, n);
			words++;
		}
		s += n;
	}
	if (depth != 0)
		goto unbalanced;
	if (words == 0) {
		set_cause(cause, "nothing to search for in '%s'", q);
		goto fail;
	}
	return buf_steal(&b);
unbalanced:
	set_cause(cause, "the search '%s' has a bracket that is not closed",
	    q);
fail:
	buf_free(&b);
	return NULL;
}

/* Fields are joined by tabs and records by newlines; feed strings have
 * been through utf8_clean, but a stray tab or newline is replaced all the
 * same so that a record can never split. */
static void
add_field(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		buf_addc(b, (*s == '\t' || *s == '\n') ? ' ' : *s);
}

/* An empty type or title reads back as NULL. */
char *
store_pack_enclosures(const struct feed_enclosure *v, size_t n)
{
	struct buf b;
	size_t i;

	if (n == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		add_field(&b, v[i].url);
		buf_addc(&b, '\t');
		add_field(&b, v[i].type);
		buf_printf(&b, "\t%lld\n", (long long)v[i].length);
	}
	return buf_steal(&b);
}

char *
store_pack_links(const struct feed_link *v, size_t n)
{
	struct buf b;
	size_t i;

	if (n == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		add_field(&b, v[i].url);
		buf_addc(&b, '\t');
		add_field(&b, v[i].title);
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}

/* Splits one packed record into at most max fields (NULL for empty). */
static size_t
split_record(const char *rec, size_t len, char **fields, size_t max)
{
	const char *tab, *end = rec + len;
	size_t n = 0;

	while (n < max) {
		tab = memchr(rec, '\t', (size_t)(end - rec));
		if (tab == NULL)
			tab = end;
		fields[n++] = tab > rec ? xstrndup(rec, (size_t)(tab - rec)) :
		    NULL;
		if (tab == end)
			break;
		rec = tab + 1;
	}
	return n;
}

/* Calls add for each record of packed text. */
static void
each_record(const char *packed, void (*add)(char **, size_t, void *),
    void *arg)
{
	const char *nl;
	char *f[3];
	size_t n;

	if (packed == NULL)
		return;
	for (; *packed != '\0'; packed = nl + 1) {
		if ((nl = strchr(packed, '\n')) == NULL)
			nl = packed + strlen(packed);
		memset(f, 0, sizeof f);
		n = split_record(packed, (size_t)(nl - packed), f, 3);
		if (f[0] != NULL)
			add(f, n, arg);
		else
			free(f[1]), free(f[2]);
		if (*nl == '\0')
			break;
	}
}

struct unpack {
	void	**v;
	size_t	 *n;
};

static void
add_enclosure(char **f, size_t n, void *arg)
{
	struct unpack *u = arg;
	struct feed_enclosure *e;

	*u->v = xreallocarray(*u->v, *u->n + 1, sizeof *e);
	e = (struct feed_enclosure *)*u->v + (*u->n)++;
	e->url = f[0];
	e->type = f[1];
	e->length = f[2] != NULL ? strtoll(f[2], NULL, 10) : 0;
	free(f[2]);
}

static void
add_link(char **f, size_t n, void *arg)
{
	struct unpack *u = arg;
	struct feed_link *l;

	*u->v = xreallocarray(*u->v, *u->n + 1, sizeof *l);
	l = (struct feed_link *)*u->v + (*u->n)++;
	l->url = f[0];
	l->title = f[1];
	free(f[2]);
}

void
store_unpack_enclosures(const char *packed, struct feed_enclosure **v,
    size_t *n)
{
	struct unpack u = { (void **)v, n };

	*v = NULL;
	*n = 0;
	each_record(packed, add_enclosure, &u);
}

void
store_unpack_links(const char *packed, struct feed_link **v, size_t *n)
{
	struct unpack u = { (void **)v, n };

	*v = NULL;
	*n = 0;
	each_record(packed, add_link, &u);
}
