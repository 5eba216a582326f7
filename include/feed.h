/* feed.h: RSS and Atom documents parsed into items, incrementally.
 *
 * The parser is fed bytes as they arrive (feed_parser_push) and hands each
 * finished item to a callback, so a feed of any size is parsed in bounded
 * memory.  Every string it produces is valid UTF-8 with control characters
 * removed; titles are plain text; links are absolute. */
#ifndef HERALD_FEED_H
#define HERALD_FEED_H

#include <stddef.h>
#include <stdint.h>

/* No date, or none that could be read. */
#define FEED_NO_DATE INT64_MIN

enum feed_format {
	FEED_UNKNOWN = 0,
	FEED_RSS090,
	FEED_RSS091,
	FEED_RSS092,
	FEED_RSS093,
	FEED_RSS094,
	FEED_RSS10,
	FEED_RSS20,
	FEED_ATOM03,
	FEED_ATOM10,
};

struct feed_enclosure {
	char		*url;
	char		*type;		/* may be NULL */
	int64_t		 length;	/* bytes, 0 when unknown */
};

/* A link to another article (Atom rel="related" and friends). */
struct feed_link {
	char		*url;
	char		*title;		/* may be NULL */
};

struct feed_item {
	char		*title;		/* plain text, never NULL after parse */
	char		*link;		/* absolute, or NULL */
	char		*guid;		/* never NULL after parse */
	char		*author;	/* or NULL */
	int64_t		 published;	/* Unix seconds, UTC, or FEED_NO_DATE */
	int64_t		 updated;	/* likewise */
	char		*content;	/* HTML (or text: see content_is_text) */
	int		 content_is_text;
	char		*summary;	/* or NULL */
	char		*thumbnail;	/* or NULL */
	char		*duration;	/* itunes:duration as given, or NULL */
	char		**categories;
	size_t		 ncategories;
	struct feed_enclosure *enclosures;
	size_t		 nenclosures;
	struct feed_link *related;
	size_t		 nrelated;
};

/* What the feed says of itself. */
struct feed_meta {
	enum feed_format format;
	char		*title;		/* plain text or NULL */
	char		*link;		/* the site, absolute, or NULL */
	char		*description;
	char		*author;
	char		*image;
	int64_t		 updated;
};

/* Called for each finished item.  The item belongs to the parser and lives
 * only for the call; the callback may steal fields by setting them to NULL.
 * Returning -1 stops the parse (feed_parser_push then fails). */
typedef int (*feed_item_cb)(struct feed_item *, void *arg);

struct feed_parser;

/* base_url resolves relative links (the feed's own URL, or NULL). */
struct feed_parser *feed_parser_new(const char *base_url, feed_item_cb,
    void *arg);
int feed_parser_push(struct feed_parser *, const char *, size_t,
    char **cause);
/* End of input.  Fails for a document that is not a feed. */
int feed_parser_finish(struct feed_parser *, char **cause);
/* The feed's own data so far (complete after finish). */
const struct feed_meta *feed_parser_meta(const struct feed_parser *);
/* Problems that were recovered from, one sentence each. */
const char *const *feed_parser_warnings(const struct feed_parser *,
    size_t *n);
void feed_parser_free(struct feed_parser *);
/* Bytes a feed may have before the parse fails (default 1 GiB). */
void feed_parser_set_max_bytes(struct feed_parser *, long long);

/* A whole feed in memory, for callers that want every item at once. */
struct feed {
	struct feed_meta meta;
	struct feed_item **items;
	size_t		 nitems;
	char		**warnings;
	size_t		 nwarnings;
};

int feed_parse(const char *data, size_t len, const char *base_url,
    struct feed **out, char **cause);
void feed_free(struct feed *);
void feed_item_free(struct feed_item *);
void feed_meta_clear(struct feed_meta *);
const char *feed_format_name(enum feed_format);

/* Dates as feeds write them (RFC 822/2822, RFC 3339, W3CDTF, and common
 * malformed variants) to Unix seconds UTC, or FEED_NO_DATE. */
int64_t feed_parse_date(const char *);
/* Room for feed_format_date's text. */
#define FEED_DATE_MAX	64
/* t as RFC 3339 UTC ("2025-04-25T09:30:00Z") into s; -1 for
 * FEED_NO_DATE or a time the C library cannot show. */
int feed_format_date(int64_t t, char *s, size_t size);

#endif
