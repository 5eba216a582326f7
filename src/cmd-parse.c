/* cmd-parse.c: `herald parse FILE|URL --json` — one feed parsed and
 * printed as JSON, streamed: each item is written as the parser finishes
 * it, so a feed of any size takes little memory. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "feed.h"
#include "json.h"
#include "util.h"

/* The state of one run: the writer and what has been written. */
struct parse_out {
	struct json		 j;
	struct feed_parser	*p;
	int			 started;	/* the items array is open */
	int			 head;		/* title and link written */
	char			*cause;
};

/* A date as RFC 3339 UTC, or null. */
static void
parse_json_date(struct json *j, const char *key, int64_t t)
{
	char s[FEED_DATE_MAX];

	json_key(j, key);
	if (feed_format_date(t, s, sizeof s) == -1)
		json_null(j);
	else
		json_string(j, s);
}

static void
parse_json_strings(struct json *j, const char *key, char **v, size_t n)
{
	size_t i;

	json_key(j, key);
	json_begin_array(j);
	for (i = 0; i < n; i++)
		json_string(j, v[i]);
	json_end_array(j);
}

static void
parse_json_item(struct json *j, const struct feed_item *it)
{
	size_t i;

	json_begin_object(j);
	json_kv_string(j, "title", it->title);
	json_kv_string(j, "link", it->link);
	json_kv_string(j, "guid", it->guid);
	json_kv_string(j, "author", it->author);
	parse_json_date(j, "published", it->published);
	parse_json_date(j, "updated", it->updated);
	json_kv_string(j, "content", it->content);
	json_kv_string(j, "content_type", it->content_is_text ? "text" :
	    "html");
	json_kv_string(j, "summary", it->summary);
	json_kv_string(j, "thumbnail", it->thumbnail);
	json_kv_string(j, "duration", it->duration);
	parse_json_strings(j, "categories", it->categories, it->ncategories);
	json_key(j, "enclosures");
	json_begin_array(j);
	for (i = 0; i < it->nenclosures; i++) {
		json_begin_object(j);
		json_kv_string(j, "url", it->enclosures[i].url);
		json_kv_string(j, "type", it->enclosures[i].type);
		json_kv_int(j, "length", it->enclosures[i].length);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "related");
	json_begin_array(j);
	for (i = 0; i < it->nrelated; i++) {
		json_begin_object(j);
		json_kv_string(j, "url", it->related[i].url);
		json_kv_string(j, "title", it->related[i].title);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

/* Open the document: the feed's title and link first when known. */
static void
parse_json_start(struct parse_out *o)
{
	const struct feed_meta *m = feed_parser_meta(o->p);

	json_begin_object(&o->j);
	if (m->title != NULL) {
		json_kv_string(&o->j, "title", m->title);
		json_kv_string(&o->j, "link", m->link);
		o->head = 1;
	}
	json_kv_string(&o->j, "format", feed_format_name(m->format));
	json_key(&o->j, "items");
	json_begin_array(&o->j);
	o->started = 1;
}

/* Close the document with what the feed said of itself. */
static void
parse_json_end(struct parse_out *o, const char *error)
{
	const struct feed_meta *m = feed_parser_meta(o->p);
	const char *const *w;
	size_t i, n;

	json_end_array(&o->j);
	if (!o->head) {
		json_kv_string(&o->j, "title", m->title);
		json_kv_string(&o->j, "link", m->link);
	}
	json_kv_string(&o->j, "description", m->description);
	json_kv_string(&o->j, "author", m->author);
	json_kv_string(&o->j, "image", m->image);
	parse_json_date(&o->j, "updated", m->updated);
	w = feed_parser_warnings(o->p, &n);
	json_key(&o->j, "warnings");
	json_begin_array(&o->j);
	for (i = 0; i < n; i++)
		json_string(&o->j, w[i]);
	json_end_array(&o->j);
	if (error != NULL)
		json_kv_string(&o->j, "error", error);
	json_end_object(&o->j);
	json_finish(&o->j);
}

static int
parse_on_item(struct feed_item *it, void *arg)
{
	struct parse_out *o = arg;

	if (!o->started)
		parse_json_start(o);
	parse_json_item(&o->j, it);
	return ferror(stdout) ? -1 : 0;
}

/* cli_read_input's sink: bytes to the parser. */
static int
parse_on_data(const char *data, size_t len, void *arg)
{
	struct parse_out *o = arg;

	if (feed_parser_push(o->p, data, len, &o->cause) == -1)
		return -1;
	return 0;
}

static int
parse_usage(const char *why)
{
	cli_error("%s; usage: herald parse FILE|URL --json [--base URL]", why);
	return 2;
}

int
cmd_parse(const struct herald_opts *opts, int argc, char **argv)
{
	struct parse_out o;
	const char *input = NULL, *base = NULL;
	char *cause = NULL;
	int i, json = 0, r;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--base") == 0 && i + 1 < argc)
			base = argv[++i];
		else if (strncmp(argv[i], "--base=", 7) == 0)
			base = argv[i] + 7;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return parse_usage("unknown option");
		else if (input == NULL)
			input = argv[i];
		else
			return parse_usage("one feed at a time");
	}
	if (input == NULL)
		return parse_usage("parse needs a FILE or URL");
	if (!json)
		return parse_usage("parse prints JSON only: add --json");
	if (base == NULL && cli_is_url(input) && strncmp(input, "file:", 5))
		base = input;

	memset(&o, 0, sizeof o);
	/* Big writes: a feed's JSON is mostly long strings. */
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	json_init(&o.j, stdout, 0);
	json_hold(&o.j, 1);	/* nothing else writes to stdout */
	o.p = feed_parser_new(base, parse_on_item, &o);
	r = cli_read_input(opts, input, parse_on_data, &o, &cause);
	if (r == 0)
		r = feed_parser_finish(o.p, &o.cause);
	if (r == -1 && o.cause != NULL) {
		free(cause);
		cause = o.cause;
		o.cause = NULL;
	}
	if (r == 0 && !o.started)
		parse_json_start(&o);
	if (o.started)
		parse_json_end(&o, r == -1 ? cause : NULL);
	if (r == -1)
		cli_error("%s", cause != NULL ? cause : "parse failed");
	free(cause);
	free(o.cause);
	feed_parser_free(o.p);
	return r == -1 ? 1 : 0;
}
