/* opml.h: OPML 1.0 and 2.0 feed lists, in and out.
 *
 * Import reads outlines with an xmlUrl as feeds; the outlines they sit in
 * (folders) become their tags, as do the entries of a category attribute.
 * The document is parsed without network access and without expanding
 * entities; a URL with a scheme herald does not fetch (exec:, filter:, ...)
 * is skipped with a warning, so no attribute ever becomes a command.
 * Export writes each feed inside a folder named after its first tag, with
 * every tag in category, so that export then import gives the same list. */
#ifndef HERALD_OPML_H
#define HERALD_OPML_H

#include <stddef.h>
#include <stdio.h>

struct opml_feed {
	char		*url;
	char		*title;		/* the title attribute: a name the person
					 * gave it (herald's export writes one
					 * only for a custom title), or NULL */
	char		*text;		/* the text attribute, or NULL */
	char		**tags;
	size_t		 ntags;
};

struct opml {
	char		*title;		/* head/title, or NULL */
	struct opml_feed *v;
	size_t		 n;
	size_t		 duplicates;	/* outlines skipped as already listed */
	size_t		 refused;	/* outlines skipped for their URL */
	char		**warnings;	/* one sentence each */
	size_t		 nwarnings;
};

/* Parse a document (name is used in messages).  Fails when it is not XML
 * or not OPML. */
int opml_parse(const char *data, size_t len, const char *name,
    struct opml **, char **cause);
void opml_free(struct opml *);

/* One feed to export: title is what the list shows, custom_title the
 * person's own name for it (or NULL). */
struct opml_out {
	const char	*url;
	const char	*title;
	const char	*custom_title;
	char *const	*tags;
	size_t		 ntags;
};

/* Writes an OPML 2.0 document. */
int opml_write(FILE *, const char *title, const struct opml_out *,
    size_t n);

#endif
