/* readalso.h: the "Read also" block of an article, lifted out of it.
 *
 * News sites close (or interrupt) an article with related links under a
 * label — "Read also:", "See also", "Related", "Читайте також", "Lesen Sie
 * auch", "Lire aussi", … — or put them in an <aside> or an element whose
 * class names "related".  readalso_extract finds these in the parsed HTML
 * tree, takes their entries and removes them from the tree, so the
 * renderer draws the body without them and the reader shows them in a
 * pane.  Pure: works on a libxml2 tree in memory. */
#ifndef HERALD_READALSO_H
#define HERALD_READALSO_H

#include <stddef.h>

#include <libxml/tree.h>

struct readalso_entry {
	char		*title;		/* plain text, never NULL */
	char		*url;		/* absolute, or NULL when none given */
};

struct readalso {
	struct readalso_entry *v;
	size_t		 n;
};

/* Moves every Read-also block under root into ra (appending, in document
 * order) and unlinks it from the tree.  base_url resolves relative links
 * and may be NULL. */
void readalso_extract(xmlNodePtr root, const char *base_url,
    struct readalso *ra);
/* Adds one entry (copied; whitespace normalised); an entry whose URL, or
 * whose title when it has no URL, is already listed is not added again.
 * An empty title with no URL is ignored. */
void readalso_add(struct readalso *, const char *title, const char *url);
/* True when text (UTF-8) is just a Read-also label, in any case, with or
 * without a colon or decoration around it. */
int readalso_is_label(const char *text, size_t len);
void readalso_clear(struct readalso *);

#endif
