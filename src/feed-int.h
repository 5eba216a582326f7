/* feed-int.h: what the src/feed*.c files share and nothing else sees.
 *
 * feed-input.c turns the bytes of a feed, in whatever encoding they come,
 * into clean UTF-8 before libxml2 sees them; feed-text.c makes the strings
 * the parser hands out (plain titles, absolute links, snippets). */
#ifndef HERALD_FEED_INT_H
#define HERALD_FEED_INT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The encoding front end: sniffs the BOM and the XML declaration, then
 * converts every chunk to valid UTF-8 (invalid bytes become U+FFFD, bytes
 * XML forbids are dropped). */
struct feed_input;

struct feed_input *feed_input_new(void);
void feed_input_free(struct feed_input *);
/* Convert len bytes (final set on the last call) and append to out.
 * A recovered problem (an unknown or lying charset) is put in *warning
 * (malloc'd) once. */
void feed_input_convert(struct feed_input *, const char *, size_t, int final,
    struct buf *out, char **warning);
/* CDATA sections and escaped texts taken out of the markup (see
 * feed-input.c): only while libxml2 is inside the root element (on), and
 * from the next conversion once every text moved so far has been handed
 * over. */
void feed_input_allow_cdata(struct feed_input *, int on);
/* The text that the processing instruction libxml2 reports (target,
 * data) stands for; -1 when the instruction is not one of ours.  The
 * text lives until feed_input_cdata_done. */
int feed_input_cdata_text(struct feed_input *, const char *target,
    const char *data, const char **text, size_t *len);
/* libxml2 has read a conversion's output: forget the texts, when all have
 * been handed over or (all) when it will read nothing more. */
void feed_input_cdata_done(struct feed_input *, int all);
/* The encoding the input was read as, once known (for messages). */
const char *feed_input_encoding(const struct feed_input *);

/* Remove control characters (C0, DEL, C1, bidi overrides) from valid
 * UTF-8 in place; \n and \t are kept when keep_lines, else they (and \r)
 * become spaces.  Returns s. */
char *feed_text_strip_controls(char *s, int keep_lines);
/* Collapse runs of white space to one space and trim, in place. */
char *feed_text_collapse(char *s);
/* HTML (tags, entities) to collapsed plain text; a new string. */
char *feed_text_from_html(const char *html, size_t len);
/* The start of an HTML text as plain text, cut at a word near max
 * characters with "…"; a new string, or NULL when there is no text. */
char *feed_text_snippet(const char *html, size_t max);
/* url resolved against base (either may be relative or NULL); a new
 * string, or NULL when url is empty or unsafe (javascript:, data:). */
char *feed_url_resolve(const char *base, const char *url);
/* A stable identifier from the text of an item: "herald:" and a hash. */
char *feed_text_hash_id(const char *title, int64_t date);

#endif
