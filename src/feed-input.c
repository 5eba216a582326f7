/* feed-input.c: every feed becomes valid UTF-8 before libxml2 reads it.
 *
 * libxml2 2.9 meets an invalid UTF-8 byte by switching the whole rest of
 * the document to Latin-1, and stops at a byte its converter cannot map.
 * Feeds lie about their charset often enough that we do the decoding
 * ourselves: the BOM or the XML declaration picks a charset (iconv does
 * the work), and what comes out is checked byte by byte, so the parser
 * (told to ignore the declaration) only ever sees clean UTF-8.  Invalid
 * bytes become U+FFFD; NUL and the other C0 bytes XML forbids are dropped.
 *
 * Long CDATA sections in element content are taken out of the markup:
 * libxml2 checks and searches their bytes again, one at a time, after we
 * have done so sixteen at a time, and they are most of a feed's bytes.
 * So are long texts with references (escaped HTML), decoded here, which
 * libxml2 hands over a reference at a time.  Each becomes a processing
 * instruction naming its number, <?herald-cdata-NONCE N?>, with as many
 * line ends as the bytes it replaces (libxml2's line numbers stay right),
 * and feed.c hands the text over when libxml2 reaches it, in its place
 * among the other events. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "feed-int.h"
#include "utf8.h"
#include "util.h"

/* How much of the start we look at to find the charset. */
#define SNIFF_BYTES	1024

enum input_mode {
	MODE_SNIFF = 0,		/* still collecting the head */
	MODE_UTF8,		/* checked, not converted */
	MODE_ICONV,		/* converted, then checked */
};

/* Where the markup fixer stands: '<' and '&' mean nothing inside CDATA
 * sections and comments. */
enum markup_state {
	MS_TEXT = 0,
	MS_CDATA,
	MS_COMMENT,
};

/* What the last markup seen leaves libxml2 in, as far as a CDATA section
 * that follows is concerned: only one surely in element content is taken
 * out. */
enum markup_context {
	CTX_UNSURE = 0,		/* a declaration, a PI, a tag with quotes */
	CTX_TAG,		/* a tag began at tag_at: judged when needed */
	CTX_CONTENT,		/* a tag has ended: element content */
};

/* Shorter CDATA sections and texts stay: the instruction would cost as
 * much. */
#define CDATA_MOVE_MIN	128
#define TEXT_MOVE_MIN	128

struct feed_input {
	enum input_mode	 mode;
	iconv_t		 cd;
	size_t		 unit;		/* bytes skipped per bad sequence */
	char		 head[SNIFF_BYTES];
	size_t		 nhead;
	char		 carry[8];	/* a sequence cut by a chunk's end */
	size_t		 ncarry;
	int		 started;	/* leading white space skipped */
	enum markup_state ms;		/* where the last chunk ended */
	char		 held[64];	/* its undecided end, for the next */
	int		 fixed_markup;	/* a bare '<' or '&' was escaped */
	int		 escaped;	/* ... in this chunk */
	size_t		 nheld;
	char		 encoding[40];
	struct buf	 conv;		/* iconv output before checking */
	struct buf	 fixed;		/* fix_markup's output, kept for reuse */

	enum markup_context ctx;	/* for CDATA sections */
	size_t		 tag_at;	/* where CTX_TAG's tag began */
	size_t		 pi_end;	/* a PI ends there in this chunk */
	int		 pi_open;	/* a PI goes on into the next chunk */
	int		 cdata_allowed;	/* feed.c: inside the root element */
	int		 moving;	/* texts may move in this conversion */
	char		 target[32];	/* the instructions' name */
	size_t		 ntarget;
	struct buf	 texts;		/* the moved texts, back to back */
	size_t		*ends;		/* where each one ends in texts */
	size_t		 nends, sizeends;
	size_t		 taken;		/* texts handed over */
	uint64_t	 first;		/* the number of texts[0] */
};

/* Declared names read the way browsers read them: Latin-1 and ASCII are
 * really windows-1252 on the web (its 0x80-0x9f are printable). */
static const struct {
	const char	*name;
	const char	*iconv;
} aliases[] = {
	{ "iso-8859-1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
	{ "latin-1", "WINDOWS-1252" },
	{ "us-ascii", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" },
};

struct feed_input *
feed_input_new(void)
{
	static const char seed;
	struct feed_input *in;
	uint64_t h;

	in = xcalloc(1, sizeof *in);
	in->cd = (iconv_t)-1;
	buf_init(&in->conv, 0);
	buf_init(&in->fixed, 0);
	buf_init(&in->texts, 0);
	/* A name a feed cannot know beforehand, so that its own instructions
	 * are never taken for ours: from two addresses (the heap's and,
	 * under ASLR, the program's), with no state shared between parsers
	 * that may run on different threads. */
	h = ((uint64_t)(uintptr_t)in ^ ((uint64_t)(uintptr_t)&seed << 17)) *
	    0x9E3779B97F4A7C15ULL;
	in->ntarget = (size_t)snprintf(in->target, sizeof in->target,
	    "herald-cdata-%08x", (unsigned int)(h >> 32));
	return in;
}

void
feed_input_free(struct feed_input *in)
{
	if (in == NULL)
		return;
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	buf_free(&in->conv);
	buf_free(&in->fixed);
	buf_free(&in->texts);
	free(in->ends);
	free(in);
}

const char *
feed_input_encoding(const struct feed_input *in)
{
	return in->encoding[0] != '\0' ? in->encoding : "UTF-8";
}

/* Length of a valid UTF-8 sequence XML allows at s, 0 when it is invalid,
 * -1 when it is cut short by the end of the data. */
static int
utf8_seq(const unsigned char *s, size_t len)
{
	uint32_t c;
	size_t n, i;

	if (s[0] < 0xC2)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
	if (n == 0)
		return 0;
	c = s[0] & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if (i >= len)
			return -1;
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
		return 0;
	return (int)n;
}

/* Length of the start of s that is ASCII XML allows as it is: printable,
 * tab and line ends (sixteen or eight bytes at a time: this is the loop
 * every byte of every feed goes through). */
static size_t
feed_ascii_span(const unsigned char *s, size_t len)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t');
	const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	__m128i v, ok;
	unsigned int m;

	for (; i + 16 <= len; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* Signed: below 0x20, and every byte from 0x80, is less. */
		ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab),
		    _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
		m = (unsigned int)_mm_movemask_epi8(_mm_andnot_si128(ok,
		    _mm_cmplt_epi8(v, space)));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#else
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t w;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		/* A byte below 0x20, from 0x7F, or with its high bit set
		 * leaves a high bit in one of the three terms. */
		if (((w - ones * 0x20) | (w + ones) | w) & high)
			break;
	}
#endif
	for (; i < len; i++) {
		if (s[i] >= 0x80 || (s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r'))
			break;
	}
	return i;
}

/* Length of the start of s that XML may hold as it is: printable ASCII,
 * tab and line ends, valid UTF-8 sequences. */
static size_t
clean_span(const unsigned char *s, size_t len)
{
	size_t i = 0;
	int n;

	for (;;) {
		i += feed_ascii_span(s + i, len - i);
		if (i >= len)
			return len;
		if (s[i] < 0x80 || (n = utf8_seq(s + i, len - i)) <= 0)
			return i;
		i += (size_t)n;
	}
}

/* Append the valid part of UTF-8 text to out; keep a cut sequence at the
 * end in carry unless final. */
static void
check_utf8(struct feed_input *in, const char *p, size_t len, int final,
    struct buf *out)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, run;
	int n;

	while (i < len) {
		run = clean_span(s + i, len - i);
		if (run > 0)
			buf_add(out, s + i, run);
		if ((i += run) >= len)
			break;
		if (s[i] < 0x80) {		/* a C0 byte XML forbids */
			i++;
			continue;
		}
		n = utf8_seq(s + i, len - i);
		if (n == -1 && !final) {
			memcpy(in->carry, s + i, len - i);
			in->ncarry = len - i;
			return;
		}
		/* Invalid (or cut at the very end): one byte, one U+FFFD. */
		buf_add(out, "\xef\xbf\xbd", 3);
		i++;
	}
}

/* Make room for n more bytes (and the NUL). */
static void
reserve(struct buf *b, size_t n)
{
	if (b->size - b->len >= n + 1)
		return;
	b->size = b->len + n + 1;
	b->data = xreallocarray(b->data, b->size, 1);
}

/* Convert with iconv into in->conv; a cut sequence waits in carry. */
static void
run_iconv(struct feed_input *in, const char *p, size_t len, int final)
{
	char *src = (char *)p, *dst;
	size_t left = len, room, r;

	while (left > 0) {
		reserve(&in->conv, left * 4 + 16);
		dst = in->conv.data + in->conv.len;
		room = in->conv.size - in->conv.len - 1;
		r = iconv(in->cd, &src, &left, &dst, &room);
		in->conv.len = (size_t)(dst - in->conv.data);
		in->conv.data[in->conv.len] = '\0';
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && left < sizeof in->carry) {
			memcpy(in->carry, src, left);
			in->ncarry = left;
			return;
		}
		/* EILSEQ, or a sequence cut by the end of the input. */
		buf_add(&in->conv, "\xef\xbf\xbd", 3);
		r = left < in->unit ? left : in->unit;
		src += r;
		left -= r;
	}
}

/* The value of encoding="..." in an XML declaration at the head, into
 * name (lowercased), or "" when there is none. */
static void
declared_encoding(const char *head, size_t len, char *name, size_t size)
{
	const char *end, *p, *q;
	size_t n;
	char quote;

	name[0] = '\0';
	if (len < 6 || strncmp(head, "<?xml", 5) != 0)
		return;
	if ((end = memchr(head, '>', len)) == NULL)
		end = head + len;
	for (p = head; p + 8 < end; p++) {
		if (strncmp(p, "encoding", 8) == 0)
			break;
	}
	if (p + 8 >= end)
		return;
	p += 8;
	while (p < end && (*p == ' ' || *p == '=' || *p == '\t'))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return;
	quote = *p++;
	if ((q = memchr(p, quote, (size_t)(end - p))) == NULL)
		return;
	n = (size_t)(q - p) < size - 1 ? (size_t)(q - p) : size - 1;
	for (size_t i = 0; i < n; i++)
		name[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
	name[n] = '\0';
}

/* Open iconv for name; 0 on success. */
static int
open_iconv(struct feed_input *in, const char *name, size_t unit)
{
	in->cd = iconv_open("UTF-8", name);
	if (in->cd == (iconv_t)-1)
		return -1;
	in->mode = MODE_ICONV;
	in->unit = unit;
	snprintf(in->encoding, sizeof in->encoding, "%s", name);
	return 0;
}

/* True when the head has non-ASCII text and all of it is valid UTF-8:
 * text in a single-byte charset almost never is, so a declaration of one
 * is a lie (a CMS that changed its output and not its header). */
static int
looks_utf8(const char *head, size_t n)
{
	const unsigned char *h = (const unsigned char *)head;
	size_t i = 0;
	int seen = 0, r;

	while (i < n) {
		if (h[i] < 0x80) {
			i++;
			continue;
		}
		r = utf8_seq(h + i, n - i);
		if (r == -1)
			break;		/* cut by the end of the head */
		if (r == 0)
			return 0;
		seen = 1;
		i += (size_t)r;
	}
	return seen;
}

/* True when the head says enough to decide: the declaration (or the
 * first tag) has ended and names UTF-8 or nothing.  Another charset waits
 * for the whole head, to check it against the bytes (looks_utf8). */
static int
head_ready(const struct feed_input *in)
{
	char name[32];

	if (memchr(in->head, '>', in->nhead) == NULL)
		return 0;
	if (in->nhead >= 2 && ((unsigned char)in->head[0] >= 0xFE ||
	    in->head[0] == 0 || in->head[1] == 0))
		return 1;		/* a BOM or UTF-16 */
	declared_encoding(in->head + strspn(in->head, " \t\r\n"),
	    in->nhead - strspn(in->head, " \t\r\n"), name, sizeof name);
	return name[0] == '\0' || strcmp(name, "utf-8") == 0 ||
	    strcmp(name, "utf8") == 0;
}

/* Decide the charset from the head; returns how many bytes of the head
 * (a BOM) to skip. */
static size_t
choose(struct feed_input *in, char **warning)
{
	const unsigned char *h = (const unsigned char *)in->head;
	char name[32];
	size_t i, n = in->nhead;

	in->mode = MODE_UTF8;
	if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
		return 3;
	if (n >= 2 && h[0] == 0xFE && h[1] == 0xFF)
		return open_iconv(in, "UTF-16BE", 2) == 0 ? 2 : 0;
	if (n >= 2 && h[0] == 0xFF && h[1] == 0xFE)
		return open_iconv(in, "UTF-16LE", 2) == 0 ? 2 : 0;
	if (n >= 4 && h[0] == 0 && h[1] == '<' && h[2] == 0)
		return open_iconv(in, "UTF-16BE", 2), 0;
	if (n >= 4 && h[0] == '<' && h[1] == 0 && h[2] != 0 && h[3] == 0)
		return open_iconv(in, "UTF-16LE", 2), 0;
	for (i = 0; i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' ||
	    h[i] == '\n'); i++)
		;
	declared_encoding(in->head + i, n - i, name, sizeof name);
	if (name[0] == '\0' || strcmp(name, "utf-8") == 0 ||
	    strcmp(name, "utf8") == 0)
		return 0;
	if (strncmp(name, "utf-16", 6) == 0 || strncmp(name, "utf-32", 6) == 0 ||
	    strcmp(name, "ucs-2") == 0) {
		xasprintf(warning, "the feed says it is %s but is not: read "
		    "as UTF-8", name);
		return 0;
	}
	if (looks_utf8(in->head, n)) {
		xasprintf(warning, "the feed says it is %s but is UTF-8: read "
		    "as UTF-8", name);
		return 0;
	}
	for (i = 0; i < ARRAYSIZE(aliases); i++) {
		if (strcmp(name, aliases[i].name) == 0)
			return open_iconv(in, aliases[i].iconv, 1), 0;
	}
	if (open_iconv(in, name, 1) == -1)
		xasprintf(warning, "unknown character set '%s': read as UTF-8",
		    name);
	return 0;
}

/* Convert one piece (after the head has been decided). */
static void
convert(struct feed_input *in, const char *p, size_t len, int final,
    struct buf *out)
{
	if (in->mode == MODE_UTF8) {
		check_utf8(in, p, len, final, out);
		return;
	}
	in->conv.len = 0;
	run_iconv(in, p, len, final);
	check_utf8(in, in->conv.data != NULL ? in->conv.data : "",
	    in->conv.len, 1, out);
}

/* Skip white space before the first '<' (a common fault that libxml2
 * refuses before an XML declaration). */
static void
skip_leading(struct feed_input *in, struct buf *out, size_t from)
{
	size_t i;

	if (in->started)
		return;
	for (i = from; i < out->len && (out->data[i] == ' ' ||
	    out->data[i] == '\n' || out->data[i] == '\r' ||
	    out->data[i] == '\t'); i++)
		;
	if (i == out->len) {
		out->len = from;
		if (out->data != NULL)
			out->data[from] = '\0';
		return;
	}
	in->started = 1;
	memmove(out->data + from, out->data + i, out->len - i);
	out->len -= i - from;
	out->data[out->len] = '\0';
}

/* True when c can follow '<' in markup: a name, "/", "!" or "?". */
static int
starts_markup(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c == '/' || c == '!' || c == '?' || c >= 0x80;
}

static int
name_char(unsigned char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c >= 0x80)
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '.' || c == '-');
}

/* The length of the reference at s ("&name;", "&#233;", "&#xe9;"), 0 when
 * the '&' starts none, -1 when the data ends before that is known. */
static int
ref_len(const char *s, size_t n)
{
	size_t j, start;
	int hex;

	if (n < 2)
		return -1;
	if (s[1] == '#') {
		if (n < 3)
			return -1;
		hex = s[2] == 'x' || s[2] == 'X';
		for (j = start = hex ? 3 : 2; j < n && j < 16 && (hex ?
		    isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]));
		    j++)
			;
	} else {
		if (!name_char((unsigned char)s[1], 1))
			return 0;
		for (j = start = 2; j < n && j < 40 &&
		    name_char((unsigned char)s[j], 0); j++)
			;
		start = 1;
	}
	if (j == n)
		return -1;
	return j > start && s[j] == ';' ? (int)j + 1 : 0;
}

/* How the text at s (n bytes) starts: 1 when with word (all of it),
 * -1 when s is a cut-short start of word, 0 otherwise. */
static int
starts_with(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	if (n >= w)
		return memcmp(s, word, w) == 0;
	return memcmp(s, word, n) == 0 ? -1 : 0;
}

/* The three-byte mark that ends a CDATA section or comment, found with
 * memchr (libc's memmem is several times slower on long text). */
static const char *
find_close(const char *s, size_t n, const char *mark)
{
	const char *p = s, *end = s + n;

	while (end - p >= 3 && (p = memchr(p, mark[0], (size_t)(end - p - 2)))
	    != NULL) {
		if (p[1] == mark[1] && p[2] == mark[2])
			return p;
		p++;
	}
	return NULL;
}

/* True when the tag that began at in->tag_at has surely ended before s:
 * a '>' follows it and no quote does (a quoted value may hold a '>').
 * libxml2 is then in element content at s, whether the tag was good or
 * not (a bad one leaves it in content where it gave up). */
static int
tag_closed(const struct feed_input *in, const char *d, size_t at)
{
	const char *t = d + in->tag_at + 1;
	size_t n = at - in->tag_at - 1;

	return memchr(t, '>', n) != NULL && memchr(t, '"', n) == NULL &&
	    memchr(t, '\'', n) == NULL;
}

/* True when the CDATA section at d[at] may be taken out of the markup. */
static int
cdata_movable(struct feed_input *in, const char *d, size_t at)
{
	if (!in->moving || at < in->pi_end)
		return 0;
	if (in->ctx == CTX_TAG)
		in->ctx = tag_closed(in, d, at) ? CTX_CONTENT : CTX_UNSURE;
	return in->ctx == CTX_CONTENT;
}

/* The text just added to in->texts (from where it had got to) is one more
 * moved out of the markup: the instruction that stands for it goes to
 * fixed, with the line ends of src, the bytes it replaces. */
static void
text_queued(struct feed_input *in, const char *src, size_t len,
    struct buf *fixed)
{
	const char *nl = src, *end = src + len;
	unsigned long long id;
	char num[24];
	size_t n = sizeof num;

	if (in->nends == in->sizeends) {
		in->sizeends = in->sizeends == 0 ? 64 : in->sizeends * 2;
		in->ends = xreallocarray(in->ends, in->sizeends,
		    sizeof *in->ends);
	}
	in->ends[in->nends++] = in->texts.len;
	/* "<?target N", without snprintf's cost for every section. */
	id = (unsigned long long)(in->first + in->nends - 1);
	do
		num[--n] = (char)('0' + id % 10);
	while ((id /= 10) != 0);
	num[--n] = ' ';
	buf_add(fixed, "<?", 2);
	buf_add(fixed, in->target, in->ntarget);
	buf_add(fixed, num + n, sizeof num - n);
	while ((nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL) {
		buf_addc(fixed, '\n');
		nl++;
	}
	buf_add(fixed, "?>", 2);
}

/* Take the CDATA section whose text is s (len bytes) out: the text goes
 * to in->texts, the instruction that stands for it to fixed. */
static void
cdata_move(struct feed_input *in, const char *s, size_t len,
    struct buf *fixed)
{
	buf_add(&in->texts, s, len);
	text_queued(in, s, len, fixed);
}

/* The reference s (len bytes, as ref_len measured it) as libxml2 would
 * hand it over, into out: the five predefined entities and character
 * references to characters XML allows.  Returns the bytes written (never
 * more than len), 0 for any other reference (an entity libxml2 reports
 * as undeclared, one it refuses or reads otherwise, such as "&#X41;"). */
static size_t
ref_decode(const char *s, size_t len, char *out)
{
	uint32_t v = 0;
	size_t i;

	if (s[1] != '#') {
		if (len == 4 && s[2] == 't' && (s[1] == 'l' || s[1] == 'g'))
			*out = s[1] == 'l' ? '<' : '>';
		else if (len == 5 && memcmp(s, "&amp;", 5) == 0)
			*out = '&';
		else if (len == 6 && memcmp(s, "&quot;", 6) == 0)
			*out = '"';
		else if (len == 6 && memcmp(s, "&apos;", 6) == 0)
			*out = '\'';
		else
			return 0;
		return 1;
	}
	if (s[2] == 'x') {
		for (i = 3; i < len - 1; i++)
			v = v * 16 + (uint32_t)(isdigit((unsigned char)s[i]) ?
			    s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
	} else if (s[2] >= '0' && s[2] <= '9') {
		for (i = 2; i < len - 1; i++)
			v = v * 10 + (uint32_t)(s[i] - '0');
	} else
		return 0;
	/* Seven digits at most, so that v is exact (leading zeros past
	 * that leave the text to libxml2). */
	if (len - 3 > 7 || !(v == 0x9 || v == 0xA || v == 0xD ||
	    (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
	    (v >= 0x10000 && v <= 0x10FFFF)))
		return 0;
	return utf8_encode(v, out);	/* 4 bytes only from "&#65536;" */
}

/* The text after the tag that begins at d[at], moved out of the markup
 * as a CDATA section is, decoded: libxml2 hands each reference in it
 * over in a call of its own, and feeds that escape their HTML are full
 * of them.  Only when the tag has no quote, '&' or '<' (so it surely
 * ends at its first '>', leaving libxml2 in element content), and the
 * text runs, whole in the chunk, to markup and has references that all
 * decode (ref_decode) and no CR or "]]>" (libxml2 would normalise the
 * one and complain of the other).  Returns where the text ends, 0 when
 * it stays. */
static size_t
text_move(struct feed_input *in, const char *d, size_t at, size_t n,
    const char *end, struct buf *fixed, size_t *last)
{
	const char *gt, *t, *p, *amp;
	size_t tag, len, k;
	char *w;
	int r, bare = 0;

	/* end is the next '<': the tag and its text lie before it. */
	if ((gt = memchr(d + at + 1, '>', (size_t)(end - (d + at + 1)))) ==
	    NULL || (len = (size_t)(end - (gt + 1))) < TEXT_MOVE_MIN ||
	    end + 1 >= d + n || !starts_markup((unsigned char)end[1]))
		return 0;
	t = gt + 1;
	tag = (size_t)(gt - (d + at + 1));
	if (memchr(d + at + 1, '"', tag) != NULL ||
	    memchr(d + at + 1, '\'', tag) != NULL ||
	    memchr(d + at + 1, '&', tag) != NULL ||
	    memchr(t, '&', len) == NULL || memchr(t, '\r', len) != NULL ||
	    find_close(t, len, "]]>") != NULL)
		return 0;
	/* Decoded in place at the end of in->texts (never longer), which
	 * keeps its length until the whole text has decoded. */
	w = buf_reserve(&in->texts, len);
	for (p = t; (amp = memchr(p, '&', (size_t)(end - p))) != NULL; ) {
		memcpy(w, p, (size_t)(amp - p));
		w += amp - p;
		if ((r = ref_len(amp, (size_t)(end - amp))) == 0) {
			*w++ = '&';		/* a bare '&' */
			bare = 1;
			p = amp + 1;
			continue;
		}
		if (r < 0 || (k = ref_decode(amp, (size_t)r, w)) == 0)
			return 0;
		w += k;
		p = amp + r;
	}
	memcpy(w, p, (size_t)(end - p));
	w += end - p;
	*w = '\0';
	in->texts.len = (size_t)(w - in->texts.data);
	buf_add(fixed, d + *last, (size_t)(t - (d + *last)));
	text_queued(in, t, len, fixed);
	*last = (size_t)(end - d);
	if (bare)
		in->escaped = 1;
	in->ctx = CTX_CONTENT;
	return *last;
}

/* Where the PI that starts at d[from] (or goes on there) ends: after its
 * "?>", or n + 1 (past the chunk) when that is not in it. */
static size_t
pi_end(const char *d, size_t from, size_t n)
{
	const char *p = d + from, *end = d + n;

	while (end - p >= 2 && (p = memchr(p, '?', (size_t)(end - p - 1))) !=
	    NULL) {
		if (p[1] == '>')
			return (size_t)(p - d) + 2;
		p++;
	}
	return n + 1;
}

/* Note the markup that begins with the '<' at d[at] (not a comment or
 * CDATA section, which leave the context as it was).  A '<' inside a PI
 * (which the markup fixer does not follow) is nothing: what looks like a
 * tag there must not make a text after it look like element content. */
static void
markup_seen(struct feed_input *in, const char *d, size_t at, size_t n)
{
	unsigned char c = (unsigned char)d[at + 1];

	if (at < in->pi_end)
		in->ctx = CTX_UNSURE;
	else if (c == '?') {
		in->ctx = CTX_UNSURE;
		in->pi_end = pi_end(d, at + 2, n);
	} else if (c == '!')
		in->ctx = CTX_UNSURE;
	else {
		in->ctx = CTX_TAG;
		in->tag_at = at;
	}
}

/* The markup fixer's pass over one region: out[from..] is read and, when
 * a change is needed, rewritten through fixed.  Returns where it stopped
 * (the rest is held for the next chunk). */
static size_t
fix_region(struct feed_input *in, struct buf *out, size_t from, int final,
    struct buf *fixed, size_t *last)
{
	const char *d = out->data, *q, *end = out->data + out->len;
	const char *lt = NULL, *amp = NULL, *close;
	size_t i = from, n = out->len, r2;
	int r, c, m;

	while (i < n) {
		if (in->ms != MS_TEXT) {
			close = in->ms == MS_CDATA ? "]]>" : "-->";
			q = find_close(d + i, n - i, close);
			if (q != NULL) {
				i = (size_t)(q - d) + 3;
				in->ms = MS_TEXT;
				continue;
			}
			/* The end mark may straddle two chunks: keep up to
			 * two bytes of it for the next. */
			if (final)
				return n;
			return n - i < 2 ? i : n - 2;
		}
		/* The next '<' and '&', each found once and kept. */
		if (lt == NULL || lt < d + i) {
			if ((lt = memchr(d + i, '<', n - i)) == NULL)
				lt = end;
		}
		if (amp == NULL || amp < d + i) {
			if ((amp = memchr(d + i, '&', n - i)) == NULL)
				amp = end;
		}
		if ((q = lt < amp ? lt : amp) >= end)
			return n;
		i = (size_t)(q - d);
		if (*q == '&') {
			r = ref_len(q, n - i);
			if (r == -1 && !final && n - i < 40)
				return i;
			if (r > 0) {
				i += (size_t)r;
				continue;
			}
			buf_add(fixed, d + *last, i - *last);
			buf_add(fixed, "&amp;", 5);	/* a bare '&' */
			in->escaped = 1;
			*last = ++i;
			continue;
		}
		/* Most '<' start a tag: no need to compare for "<!". */
		c = m = 0;
		if ((i + 1 == n || q[1] == '!') &&
		    ((c = starts_with(q, n - i, "<![CDATA[")) == 1 ||
		    (m = starts_with(q, n - i, "<!--")) == 1)) {
			if (c == 1 && cdata_movable(in, d, i) &&
			    (close = find_close(q + 9, n - i - 9, "]]>")) !=
			    NULL && close - (q + 9) >= CDATA_MOVE_MIN) {
				buf_add(fixed, d + *last, i - *last);
				cdata_move(in, q + 9, (size_t)(close - (q + 9)),
				    fixed);
				*last = i = (size_t)(close - d) + 3;
				continue;
			}
			in->ms = c == 1 ? MS_CDATA : MS_COMMENT;
			i += c == 1 ? 9 : 4;
			continue;
		}
		if (!final && (c == -1 || m == -1 || i + 1 == n))
			return i;		/* undecided until more comes */
		if (i + 1 < n && starts_markup((unsigned char)q[1])) {
			if (in->moving && q[1] != '!' && q[1] != '?' &&
			    i >= in->pi_end) {
				/* The next '<', which the loop wants next
				 * anyway, ends the text after this tag. */
				if ((lt = memchr(q + 1, '<', (size_t)(end -
				    (q + 1)))) == NULL)
					lt = end;
				if (lt < end && lt - q > TEXT_MOVE_MIN &&
				    (r2 = text_move(in, d, i, n, lt, fixed,
				    last)) != 0) {
					i = r2;
					continue;
				}
			}
			markup_seen(in, d, i, n);
			i++;
			continue;
		}
		buf_add(fixed, d + *last, i - *last);
		buf_add(fixed, "&lt;", 4);		/* a bare '<' */
		in->escaped = 1;
		*last = ++i;
	}
	return n;
}

/* A bare '<' or '&' in text ("a < b", "?a=1&b=2") makes libxml2 stop for
 * good or drop what follows; they are written as "&lt;" and "&amp;" before
 * it sees them, outside CDATA sections and comments.  An end that cannot
 * be judged yet is held back for the next chunk. */
static void
fix_markup(struct feed_input *in, struct buf *out, size_t from, int final)
{
	struct buf *fixed = &in->fixed, t;
	size_t stop, last = from;

	if (out->len == from)
		return;
	fixed->len = 0;
	/* A PI left open by the last chunk ends in this one, or later. */
	in->pi_end = in->pi_open ? pi_end(out->data, from, out->len) : 0;
	stop = fix_region(in, out, from, final, fixed, &last);
	in->pi_open = in->pi_end > stop;
	/* A tag still open at the stop is judged now: tag_at is an offset
	 * into this chunk only. */
	if (in->ctx == CTX_TAG)
		in->ctx = tag_closed(in, out->data, stop) ? CTX_CONTENT :
		    CTX_UNSURE;
	if (stop < out->len) {
		in->nheld = out->len - stop;
		memcpy(in->held, out->data + stop, in->nheld);
	}
	if (in->escaped) {
		in->fixed_markup++;
		in->escaped = 0;
	}
	if (last != from) {
		buf_add(fixed, out->data + last, stop - last);
		if (from == 0) {	/* the usual case: swap, not copy */
			t = *out;
			*out = *fixed;
			*fixed = t;
		} else {
			out->len = from;
			buf_add(out, fixed->data, fixed->len);
		}
	} else
		out->len = stop;
	out->data[out->len] = '\0';
}

void
feed_input_allow_cdata(struct feed_input *in, int on)
{
	in->cdata_allowed = on;
}

int
feed_input_cdata_text(struct feed_input *in, const char *target,
    const char *data, const char **text, size_t *len)
{
	unsigned long long id;
	size_t k, start;
	char *end;

	if (target == NULL || data == NULL || strcmp(target, in->target) != 0)
		return -1;
	id = strtoull(data, &end, 10);
	if (end == data || (*end != '\0' && *end != '\n') || id < in->first ||
	    id - in->first >= in->nends || id - in->first < in->taken)
		return -1;
	k = (size_t)(id - in->first);
	start = k == 0 ? 0 : in->ends[k - 1];
	*text = in->texts.data + start;
	*len = in->ends[k] - start;
	in->taken = k + 1;
	return 0;
}

void
feed_input_cdata_done(struct feed_input *in, int all)
{
	if (!all && in->taken < in->nends)
		return;		/* libxml2 has not read them all yet */
	in->first += in->nends;
	in->nends = in->taken = 0;
	in->texts.len = 0;
}

void
feed_input_convert(struct feed_input *in, const char *p, size_t len,
    int final, struct buf *out, char **warning)
{
	char *joined;
	size_t skip, take, from = out->len;

	/* Texts not yet handed over must not wait behind more. */
	in->moving = in->cdata_allowed && in->nends == 0;

	/* What the markup fixer held back from the last chunk goes first. */
	if (in->nheld > 0 && (len > 0 || final)) {
		buf_add(out, in->held, in->nheld);
		in->nheld = 0;
	}
	if (in->mode == MODE_SNIFF) {
		take = len < SNIFF_BYTES - in->nhead ? len :
		    SNIFF_BYTES - in->nhead;
		memcpy(in->head + in->nhead, p, take);
		in->nhead += take;
		p += take;
		len -= take;
		if (in->nhead < SNIFF_BYTES && !final && !head_ready(in))
			return;
		skip = choose(in, warning);
		convert(in, in->head + skip, in->nhead - skip,
		    final && len == 0, out);
	}
	if (in->ncarry > 0 && (len > 0 || final)) {
		/* A sequence was cut at the end of the last chunk: join. */
		joined = xmalloc(in->ncarry + len + 1);
		memcpy(joined, in->carry, in->ncarry);
		if (len > 0)
			memcpy(joined + in->ncarry, p, len);
		take = in->ncarry + len;
		in->ncarry = 0;
		convert(in, joined, take, final, out);
		free(joined);
	} else if (len > 0)
		convert(in, p, len, final, out);
	skip_leading(in, out, from);
	fix_markup(in, out, from, final);
	/* A feed cut inside a CDATA section or a comment: close it, so that
	 * libxml2 hands over the text it holds the same way however the
	 * bytes came (it does not, for an unclosed section). */
	if (final && in->ms != MS_TEXT) {
		buf_adds(out, in->ms == MS_CDATA ? "]]>" : "-->");
		in->ms = MS_TEXT;
	}
	if (in->fixed_markup == 1 && *warning == NULL) {
		in->fixed_markup++;
		*warning = xstrdup("a bare '&' or '<' in the text was read as "
		    "a character");
	}
}
