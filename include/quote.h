/* quote.h: quotations in paragraphs of rendered text.
 *
 * Quotation marks are paired the way a reader pairs them: “…”, „…“, „…”,
 * ”…”, «…», »…«, ‹…›, 「…」, 『…』, straight "…" within a paragraph, and
 * ‘…’ / '…' only where they are clearly marks rather than apostrophes
 * (Ukraine’s, ’90s, rock ’n’ roll, don't, students’ union) or inch marks
 * (12").  A quotation nested in another is part of the outer one.  An
 * unbalanced opening mark ends at its paragraph's end; a quotation whose
 * opening mark starts each paragraph and whose closing mark ends only the
 * last one is a single quotation.  Pure: offsets are bytes of UTF-8. */
#ifndef HERALD_QUOTE_H
#define HERALD_QUOTE_H

#include <stddef.h>
#include <stdint.h>

/* A range that is a quotation whatever marks it holds (<q>): start..end
 * includes the marks, inner_start..inner_end the words. */
struct quote_range {
	size_t		 start;
	size_t		 end;
	size_t		 inner_start;
	size_t		 inner_end;
};

/* One top-level quotation of a paragraph. */
struct quote_span {
	size_t		 start;		/* bytes, the opening mark included */
	size_t		 end;		/* exclusive, the closing mark included */
	size_t		 inner_start;	/* the quoted words, marks excluded */
	size_t		 inner_end;
	uint32_t	 open;		/* the opening mark; 0 for a forced one */
	int		 closed;	/* 0: ran unclosed to the paragraph end */
};

/* A paragraph handed to quote_scan. */
struct quote_para {
	const char	*text;
	size_t		 len;
	const struct quote_range *forced;	/* sorted by start, may nest */
	size_t		 nforced;
	int		 group;		/* > 0: part of blockquote number group,
					   wholly a quotation */
	/* Text herald generated (link numbers) left out of the quotations'
	 * text; sorted by start, start..end used. */
	const struct quote_range *skip;
	size_t		 nskip;
	/* Filled by quote_scan, freed by quote_para_clear. */
	struct quote_span *spans;
	size_t		 nspans;
};

/* The top-level quotations of one paragraph, in order; *out is malloc'd
 * (NULL when none). */
void quote_find(const char *text, size_t len,
    const struct quote_range *forced, size_t nforced,
    struct quote_span **out, size_t *n);

/* Finds the quotations of an article's paragraphs, in order, joining
 * multi-paragraph quotations and blockquote groups, and lists the text of
 * each (marks excluded, whitespace normalised) in *quotes (malloc'd). */
void quote_scan(struct quote_para *, size_t n, char ***quotes,
    size_t *nquotes);
void quote_para_clear(struct quote_para *);

/* True for a character that is a quotation mark of any kind. */
int quote_is_mark(uint32_t cp);

#endif
