/* render.h: an article's HTML (or plain text) laid out as lines of styled
 * spans at a width, with its links numbered, its quotations found
 * (quote.h) and its "Read also" block lifted out (readalso.h).
 *
 * Pure: no terminal, no network, no disk.  Every line's text is valid
 * UTF-8 without control characters and fits the width in columns. */
#ifndef HERALD_RENDER_H
#define HERALD_RENDER_H

#include <stddef.h>

#include "feed.h"

/* What a span of text is; the theme gives each role its colours.  Spans of
 * a line may overlap (a bold word inside a quotation): the drawing code
 * combines them. */
enum render_role {
	ROLE_TEXT = 0,
	ROLE_HEADING,
	ROLE_BOLD,
	ROLE_ITALIC,
	ROLE_UNDERLINE,
	ROLE_LINK,		/* a link's text */
	ROLE_LINKNUM,		/* its [n] marker */
	ROLE_QUOTE,		/* quoted speech, <q>, <blockquote> */
	ROLE_CODE,
	ROLE_IMAGE,		/* [image: alt] */
	ROLE_RULE,		/* hr, separators */
	ROLE_NOTE,		/* herald's own remarks: truncated, clipped */
	ROLE_LAST_RENDER
};

struct render_span {
	size_t		 start;		/* characters (code points) into text */
	size_t		 end;		/* exclusive */
	enum render_role role;
};

struct render_line {
	char		*text;
	struct render_span *spans;
	size_t		 nspans;
};

struct render_link {
	int		 n;		/* the number shown as [n] */
	char		*url;		/* absolute */
	char		*text;
};

/* One entry of the "Read also" pane. */
struct render_related {
	char		*title;
	char		*url;		/* NULL when the source gave none */
};

struct render_doc {
	char		*title;
	struct render_line *lines;
	size_t		 nlines;
	struct render_link *links;
	size_t		 nlinks;
	char		**quotes;	/* each quotation's text, marks excluded */
	size_t		 nquotes;
	struct render_related *readalso;
	size_t		 nreadalso;
};

struct render_opts {
	int		 width;		/* columns, at least 10 */
	const char	*title;		/* copied to the doc, may be NULL */
	const char	*base_url;	/* resolves relative links, may be NULL */
	int		 is_text;	/* content is plain text, not HTML */
	/* The item's own related links (Atom rel="related"), added to the
	 * Read-also entries. */
	const struct feed_link *related;
	size_t		 nrelated;
};

int render_article(const char *content, size_t len,
    const struct render_opts *, struct render_doc **out, char **cause);
void render_doc_free(struct render_doc *);
const char *render_role_name(enum render_role);

#endif
