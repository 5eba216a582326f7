/* cmd-render.c: `herald render FILE|URL [--item N] [--width W]
 * [--ansi | --json]` — one article as the reader draws it.
 *
 * The input is a feed (item N is rendered, the first by default) or a
 * bare article, HTML or plain text.  Output is plain text with the
 * Read-also entries after a separator, the same with SGR colours per
 * role, or the JSON shape DESIGN.md fixes for scripts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "feed.h"
#include "json.h"
#include "render.h"
#include "theme.h"
#include "utf8.h"
#include "util.h"

#define RENDER_INPUT_CAP	(64u * 1024 * 1024)

/* --ansi assumes a terminal of 256 colours; themes downgrade to it. */
#define ANSI_COLOURS	256

enum out_mode { OUT_PLAIN, OUT_ANSI, OUT_JSON };

struct args {
	const char	*input;
	long		 item;
	int		 width;
	enum out_mode	 mode;
};

static int
collect(const char *data, size_t len, void *arg)
{
	return buf_add(arg, data, len);
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 10)
		return ws.ws_col;
	return 80;
}

/* A number option's value, from "--opt N" or "--opt=N". */
static int
number_arg(int argc, char **argv, int *i, const char *name, long *out)
{
	size_t n = strlen(name);
	const char *v;
	char *end;

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=')
		v = argv[*i] + n + 1;
	else if (argv[*i][n] == '\0' && *i + 1 < argc)
		v = argv[++*i];
	else
		return -1;
	*out = strtol(v, &end, 10);
	return (*end == '\0' && end != v) ? 1 : -1;
}

static int
parse_args(int argc, char **argv, struct args *a)
{
	long w = 0;
	int i, r;

	memset(a, 0, sizeof *a);
	a->item = 1;
	for (i = 1; i < argc; i++) {
		if ((r = number_arg(argc, argv, &i, "--item", &a->item)) != 0 ||
		    (r = number_arg(argc, argv, &i, "--width", &w)) != 0) {
			if (r == -1) {
				cli_error("%s needs a number", argv[i]);
				return -1;
			}
		} else if (strcmp(argv[i], "--ansi") == 0)
			a->mode = OUT_ANSI;
		else if (strcmp(argv[i], "--json") == 0)
			a->mode = OUT_JSON;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error("render: unknown option %s", argv[i]);
			return -1;
		} else if (a->input == NULL)
			a->input = argv[i];
		else {
			cli_error("render: one FILE or URL only");
			return -1;
		}
	}
	if (a->input == NULL || a->item < 1 || (w != 0 && (w < 10 ||
	    w > 1000))) {
		cli_error("usage: herald render FILE|URL [--item N] "
		    "[--width W (10-1000)] [--ansi | --json]");
		return -1;
	}
	a->width = w != 0 ? (int)w : terminal_width();
	return 0;
}

/* Whether the document's first element is a feed's (rss, feed, RDF). */
static int
looks_like_feed(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && s[i] != '<')
			i++;
		if (i + 1 >= len)
			return 0;
		if (s[i + 1] == '?' || s[i + 1] == '!') {
			i++;
			continue;
		}
		i++;
		return strncasecmp(s + i, "rss", 3) == 0 ||
		    strncasecmp(s + i, "feed", 4) == 0 ||
		    strncasecmp(s + i, "rdf:RDF", 7) == 0 ||
		    strncasecmp(s + i, "RDF", 3) == 0;
	}
	return 0;
}

/* Whether a bare article is HTML rather than plain text. */
static int
looks_like_html(const char *s, size_t len)
{
	size_t i;

	if (len > 65536)
		len = 65536;
	for (i = 0; i + 2 < len; i++) {
		if (s[i] == '<' && ((s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
		    (s[i + 1] >= 'A' && s[i + 1] <= 'Z') || s[i + 1] == '!' ||
		    s[i + 1] == '/') && memchr(s + i, '>', len - i) != NULL)
			return 1;
	}
	return 0;
}

/* The roles active at each character of a line, as bit masks. */
static unsigned *
line_masks(const struct render_line *l, size_t nchars)
{
	unsigned *m = xcalloc(nchars + 1, sizeof *m);
	size_t s, c;

	for (s = 0; s < l->nspans; s++)
		for (c = l->spans[s].start; c < l->spans[s].end && c < nchars;
		    c++)
			m[c] |= 1u << l->spans[s].role;
	return m;
}

/* The style of a set of roles: each role's theme style over the text's,
 * in role order (a bold word in a quotation is bold and quote-coloured). */
static void
print_sgr(const struct theme *t, unsigned mask)
{
	struct theme_style st = *theme_style(t, THEME_TEXT);
	struct buf b;
	int r;

	if (mask == 0) {
		fputs("\033[0m", stdout);
		return;
	}
	for (r = 1; r < ROLE_LAST_RENDER; r++)
		if (mask & (1u << r))
			st = theme_style_over(&st, theme_style(t,
			    theme_render_role((enum render_role)r)));
	buf_init(&b, 0);
	theme_sgr(&st, ANSI_COLOURS, &b);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* Text in one theme role, then back to plain. */
static void
print_styled(const struct theme *t, enum theme_role role, const char *s)
{
	struct buf b;

	buf_init(&b, 0);
	theme_sgr(theme_style(t, role), ANSI_COLOURS, &b);
	fwrite(b.data, 1, b.len, stdout);
	fputs(s, stdout);
	fputs("\033[0m", stdout);
	buf_free(&b);
}

/* A line with an SGR sequence wherever the set of roles changes. */
static void
print_ansi_line(const struct theme *t, const struct render_line *l)
{
	size_t len = strlen(l->text), i, n, c = 0, nchars = 0;
	unsigned *m, cur = 0;
	uint32_t cp;

	for (i = 0; i < len; i += n, nchars++)
		n = utf8_decode(l->text + i, len - i, &cp);
	m = line_masks(l, nchars);
	for (i = 0; i < len; i += n, c++) {
		n = utf8_decode(l->text + i, len - i, &cp);
		if (m[c] != cur) {
			print_sgr(t, m[c]);
			cur = m[c];
		}
		fwrite(l->text + i, 1, n, stdout);
	}
	if (cur != 0)
		fputs("\033[0m", stdout);
	fputc('\n', stdout);
	free(m);
}

static void
print_rule(const struct theme *t, int width)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < width; i++)
		buf_adds(&b, "\xe2\x94\x80");
	if (t != NULL)
		print_styled(t, THEME_RULE, b.data);
	else
		fputs(b.data, stdout);
	fputc('\n', stdout);
	buf_free(&b);
}

/* Words wrapped at width after a prefix, continued under it. */
static void
print_wrapped(const char *prefix, const char *text, int width)
{
	size_t pw = utf8_width(prefix, strlen(prefix)), col = pw, n, ww;
	const char *p = text, *e;

	fputs(prefix, stdout);
	while (*p != '\0') {
		p += strspn(p, " ");
		e = p + strcspn(p, " ");
		if (e == p)
			break;
		n = (size_t)(e - p);
		ww = utf8_width(p, n);
		if (col > pw && col + 1 + ww > (size_t)width) {
			printf("\n%*s", (int)pw, "");
			col = pw;
		} else if (col > pw) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, n, stdout);
		col += ww;
		p = e;
	}
	putchar('\n');
}

/* The article as plain text, or with SGR colours from theme t. */
static void
print_text(const struct render_doc *d, int width, const struct theme *t)
{
	size_t i;

	if (d->title != NULL && d->title[0] != '\0') {
		if (t != NULL)
			print_styled(t, THEME_TITLE, d->title);
		else
			fputs(d->title, stdout);
		fputs("\n\n", stdout);
	}
	for (i = 0; i < d->nlines; i++) {
		if (t != NULL)
			print_ansi_line(t, &d->lines[i]);
		else
			printf("%s\n", d->lines[i].text);
	}
	if (d->nlinks > 0) {
		printf("\nLinks:\n");
		for (i = 0; i < d->nlinks; i++)
			printf("[%d] %s\n", d->links[i].n, d->links[i].url);
	}
	if (d->nreadalso == 0)
		return;
	putchar('\n');
	print_rule(t, width);
	printf("Read also:\n");
	for (i = 0; i < d->nreadalso; i++) {
		print_wrapped("- ", d->readalso[i].title, width);
		if (d->readalso[i].url != NULL)
			printf("  <%s>\n", d->readalso[i].url);
	}
}

static void
print_json(const struct render_doc *d)
{
	struct json j;
	size_t i, k;

	json_init(&j, stdout, 0);
	json_begin_object(&j);
	json_kv_string(&j, "title", d->title != NULL ? d->title : "");
	json_key(&j, "lines");
	json_begin_array(&j);
	for (i = 0; i < d->nlines; i++) {
		json_begin_object(&j);
		json_kv_string(&j, "text", d->lines[i].text);
		json_key(&j, "spans");
		json_begin_array(&j);
		for (k = 0; k < d->lines[i].nspans; k++) {
			json_begin_object(&j);
			json_kv_int(&j, "start",
			    (int64_t)d->lines[i].spans[k].start);
			json_kv_int(&j, "end", (int64_t)d->lines[i].spans[k].end);
			json_kv_string(&j, "role",
			    render_role_name(d->lines[i].spans[k].role));
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "links");
	json_begin_array(&j);
	for (i = 0; i < d->nlinks; i++) {
		json_begin_object(&j);
		json_kv_int(&j, "n", d->links[i].n);
		json_kv_string(&j, "url", d->links[i].url);
		json_kv_string(&j, "text", d->links[i].text);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "quotes");
	json_begin_array(&j);
	for (i = 0; i < d->nquotes; i++)
		json_string(&j, d->quotes[i]);
	json_end_array(&j);
	json_key(&j, "readalso");
	json_begin_array(&j);
	for (i = 0; i < d->nreadalso; i++) {
		json_begin_object(&j);
		json_kv_string(&j, "title", d->readalso[i].title);
		json_kv_string(&j, "url", d->readalso[i].url);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

/* Renders item a->item of a feed. */
static int
render_feed(const struct args *a, const char *data, size_t len,
    struct render_doc **doc, char **cause)
{
	struct render_opts ro;
	struct feed *f;
	struct feed_item *it;
	const char *content;
	int r;

	if (feed_parse(data, len, cli_is_url(a->input) ? a->input : NULL, &f,
	    cause) == -1)
		return -1;
	if ((size_t)a->item > f->nitems) {
		set_cause(cause, "%s: no item %ld (the feed has %zu)",
		    a->input, a->item, f->nitems);
		feed_free(f);
		return -1;
	}
	it = f->items[a->item - 1];
	content = it->content != NULL ? it->content : it->summary;
	memset(&ro, 0, sizeof ro);
	ro.width = a->width;
	ro.title = it->title;
	ro.base_url = it->link != NULL ? it->link : f->meta.link;
	ro.is_text = it->content != NULL ? it->content_is_text : 0;
	ro.related = it->related;
	ro.nrelated = it->nrelated;
	r = render_article(content != NULL ? content : "",
	    content != NULL ? strlen(content) : 0, &ro, doc, cause);
	feed_free(f);
	return r;
}

static int
render_input(const struct args *a, const char *data, size_t len,
    struct render_doc **doc, char **cause)
{
	struct render_opts ro;

	if (looks_like_feed(data, len))
		return render_feed(a, data, len, doc, cause);
	memset(&ro, 0, sizeof ro);
	ro.width = a->width;
	ro.base_url = cli_is_url(a->input) ? a->input : NULL;
	ro.is_text = !looks_like_html(data, len);
	return render_article(data, len, &ro, doc, cause);
}

/* The theme --ansi draws with: --theme NAME, else the built-in one. */
static int
load_theme(const struct herald_opts *opts, struct theme **t)
{
	char *cause = NULL;

	if (opts == NULL || opts->theme == NULL) {
		*t = theme_new_builtin();
		return 0;
	}
	if (theme_load(opts->theme, t, &cause) == -1) {
		cli_error("%s", cause != NULL ? cause : "no such theme");
		free(cause);
		return -1;
	}
	return 0;
}

int
cmd_render(const struct herald_opts *opts, int argc, char **argv)
{
	struct args a;
	struct buf in;
	struct render_doc *doc = NULL;
	struct theme *theme = NULL;
	char *cause = NULL;

	if (parse_args(argc, argv, &a) == -1)
		return 2;
	buf_init(&in, RENDER_INPUT_CAP);
	buf_add(&in, "", 0);
	if (cli_read_input(opts, a.input, collect, &in, &cause) == -1 ||
	    render_input(&a, in.data, in.len, &doc, &cause) == -1) {
		cli_error("%s", cause != NULL ? cause : "render failed");
		free(cause);
		buf_free(&in);
		return 1;
	}
	buf_free(&in);
	if (a.mode == OUT_JSON)
		print_json(doc);
	else if (a.mode == OUT_ANSI) {
		if (load_theme(opts, &theme) == -1) {
			render_doc_free(doc);
			return 1;
		}
		print_text(doc, a.width, theme);
		theme_free(theme);
	} else
		print_text(doc, a.width, NULL);
	render_doc_free(doc);
	return fflush(stdout) == 0 ? 0 : 1;
}
