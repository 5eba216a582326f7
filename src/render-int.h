/* render-int.h: what the renderer's files share.
 *
 * The tree walk (render-walk.c) turns the parsed HTML into blocks: a
 * paragraph's text with whitespace collapsed, its inline spans and <q>
 * ranges as byte offsets, the margins it is drawn with.  Quotations are
 * then found over the blocks (quote.h) and the blocks are wrapped into
 * lines (render-wrap.c). */
#ifndef HERALD_RENDER_INT_H
#define HERALD_RENDER_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "quote.h"
#include "render.h"
#include "util.h"

/* Bounds that keep hostile articles cheap. */
#define RENDER_MAX_INPUT	(2u * 1024 * 1024)	/* bytes of HTML */
#define RENDER_MAX_TEXT		(1u * 1024 * 1024)	/* bytes of text */
#define RENDER_MAX_LINES	100000
#define RENDER_MAX_DEPTH	200	/* elements deep */
#define RENDER_MAX_WIDTH	1000
#define RENDER_MAX_LINKS	2000

enum block_kind {
	BLOCK_PARA = 0,
	BLOCK_PRE,		/* no reflow: clipped lines */
	BLOCK_RULE,		/* a line across */
};

/* A span of a block's text, in bytes. */
struct rspan {
	size_t		 start;
	size_t		 end;
	enum render_role role;
};

struct rblock {
	enum block_kind	 kind;
	char		*text;
	size_t		 len;
	struct rspan	*spans;
	size_t		 nspans;
	struct quote_range *forced;	/* <q> */
	size_t		 nforced;
	char		*margin;	/* drawn before every line */
	char		*first;		/* before the first line instead */
	int		 quote;		/* inside a blockquote: margin role */
	int		 group;		/* > 0: blockquote number */
	int		 compact;	/* > 0: no blank line between blocks
					   of the same number (a list) */
};

struct rblocks {
	struct rblock	*v;
	size_t		 n;
};

struct rlinks {
	struct render_link *v;
	size_t		 n;
};

/* Room for element n of an array that grows by doubling (its capacity
 * is implied by n, so it must only grow or shrink by counting down). */
static inline void *
render_grow(void *v, size_t n, size_t size)
{
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0))
		return xreallocarray(v, n == 0 ? 4 : n * 2, size);
	return v;
}

/* Eight bytes at s as one word, for loops that pass over runs of ASCII
 * eight bytes at a time.  The tests below only ask whether any byte is
 * of a kind, so the byte order does not matter, and each is exact. */
#define RENDER_ONES	0x0101010101010101ull
#define RENDER_HIGHS	0x8080808080808080ull

static inline uint64_t
render_load8(const char *s)
{
	uint64_t x;

	memcpy(&x, s, sizeof x);
	return x;
}

/* Whether every byte of x is in lo..hi (lo <= 128, hi <= 127). */
static inline int
render_all_in(uint64_t x, unsigned lo, unsigned hi)
{
	return (((x - RENDER_ONES * lo) & ~x) |
	    ((x + RENDER_ONES * (127 - hi)) | x)) & RENDER_HIGHS ? 0 : 1;
}

/* render-walk.c: the tree to blocks; links numbered into links. */
void render_walk(xmlNodePtr root, const struct render_opts *,
    struct rblocks *, struct rlinks *, int *truncated);
void render_blocks_free(struct rblocks *);
/* Adds a span to a block's list. */
void render_block_span(struct rblock *, size_t start, size_t end,
    enum render_role);

/* render-wrap.c: blocks to lines at width; appends to doc. */
void render_wrap(const struct rblocks *, int width, struct render_doc *,
    int *truncated);
/* Appends one line of herald's own text (a note) to doc. */
void render_note(struct render_doc *, const char *text, int width);

/* render-text.c: plain text as a tree of paragraphs with URLs as links. */
xmlDocPtr render_text_tree(const char *text, size_t len);

#endif
