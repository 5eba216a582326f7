/* Unit tests for themes: colour words, style specs, whole files with bad
 * lines reported by file:line, downgrading to the terminal's colours, the
 * SGR helper, and every shipped theme parsing cleanly. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "util.h"

#include "../tap.h"

static void
test_colours(void)
{
	static const struct {
		const char	*word;
		int		 ok;
		int		 want;
	} cases[] = {
		{ "default", 0, THEME_COLOUR_DEFAULT },
		{ "black", 0, 0 },
		{ "red", 0, 1 },
		{ "Yellow", 0, 3 },
		{ "white", 0, 7 },
		{ "brightblack", 0, 8 },
		{ "brightred", 0, 9 },
		{ "brightwhite", 0, 15 },
		{ "grey", 0, 8 },
		{ "colour0", 0, 0 },
		{ "colour255", 0, 255 },
		{ "color42", 0, 42 },
		{ "#ff8000", 0, THEME_RGB(255, 128, 0) },
		{ "#00AbCd", 0, THEME_RGB(0, 0xab, 0xcd) },
		{ "colour256", -1, 0 },
		{ "colour-1", -1, 0 },
		{ "colour", -1, 0 },
		{ "colour1x", -1, 0 },
		{ "#fff", -1, 0 },
		{ "#ff80001", -1, 0 },
		{ "#gg0000", -1, 0 },
		{ "purple", -1, 0 },
		{ "brightpurple", -1, 0 },
		{ "", -1, 0 },
	};
	size_t i;
	int c, r;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		c = 12345;
		r = theme_parse_colour(cases[i].word, &c);
		is_int(r, cases[i].ok, "colour '%s' %s", cases[i].word,
		    cases[i].ok == 0 ? "accepted" : "refused");
		if (cases[i].ok == 0)
			is_int(c, cases[i].want, "colour '%s' value",
			    cases[i].word);
		else
			is_int(c, 12345, "colour '%s' left untouched",
			    cases[i].word);
	}
}

static void
test_styles(void)
{
	static const struct {
		const char	*spec;
		int		 ok;
		int		 fg, bg;
		unsigned	 attrs;
		const char	*err;
	} cases[] = {
		{ "fg=yellow", 0, 3, THEME_COLOUR_DEFAULT, 0, NULL },
		{ "fg=yellow,bg=default,bold,italic", 0, 3,
		  THEME_COLOUR_DEFAULT, THEME_ATTR_BOLD | THEME_ATTR_ITALIC,
		  NULL },
		{ " fg=red , bold ", 0, 1, THEME_COLOUR_DEFAULT,
		  THEME_ATTR_BOLD, NULL },
		{ "bg=#102030 , underline", 0, THEME_COLOUR_DEFAULT,
		  THEME_RGB(0x10, 0x20, 0x30), THEME_ATTR_UNDERLINE, NULL },
		{ "reverse,dim", 0, THEME_COLOUR_DEFAULT, THEME_COLOUR_DEFAULT,
		  THEME_ATTR_REVERSE | THEME_ATTR_DIM, NULL },
		{ "bold,none", 0, THEME_COLOUR_DEFAULT, THEME_COLOUR_DEFAULT,
		  0, NULL },
		{ "fg=colour200", 0, 200, THEME_COLOUR_DEFAULT, 0, NULL },
		{ "fg=mauve", -1, 0, 0, 0, "unknown colour 'mauve'" },
		{ "blinking", -1, 0, 0, 0, "unknown attribute 'blinking'" },
		{ "bold,,italic", -1, 0, 0, 0, "empty word in 'bold,,italic'" },
		{ "", -1, 0, 0, 0, "empty word in ''" },
	};
	struct theme_style s;
	char *cause;
	size_t i;
	int r;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		cause = NULL;
		memset(&s, 0x5a, sizeof s);
		r = theme_parse_style(cases[i].spec, &s, &cause);
		is_int(r, cases[i].ok, "style '%s' result", cases[i].spec);
		if (cases[i].ok == 0) {
			is_int(s.fg, cases[i].fg, "style '%s' fg",
			    cases[i].spec);
			is_int(s.bg, cases[i].bg, "style '%s' bg",
			    cases[i].spec);
			is_int(s.attrs, cases[i].attrs, "style '%s' attrs",
			    cases[i].spec);
		} else
			is_str(cause, cases[i].err, "style '%s' message",
			    cases[i].spec);
		free(cause);
	}
}

static void
test_files(void)
{
	static const struct {
		const char	*text;
		const char	*err;	/* NULL: parses */
	} cases[] = {
		{ "# a comment\n\nquote = fg=yellow\n", NULL },
		{ "quote=fg=red\r\nlink = underline\n", NULL },
		{ "quote = fg=yellow\nbogus = bold\n",
		  "t.theme:2: unknown role 'bogus'" },
		{ "\n\n\nquote yellow\n",
		  "t.theme:4: expected 'role = style', got 'quote yellow'" },
		{ "quote fg=yellow\n", "t.theme:1: unknown role 'quote fg'" },
		{ "title = bold\nquote = fg=chartreuse\n",
		  "t.theme:2: quote: unknown colour 'chartreuse'" },
		{ "status = fg=#12345\n",
		  "t.theme:1: status: unknown colour '#12345'" },
		{ "link = underline\n\x1b[31m = bold\n",
		  "t.theme:2: unknown role '\x1b[31m'" },
	};
	const struct theme_style *q;
	struct theme *t;
	char *cause;
	size_t i;
	int r;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		t = theme_new_mono();
		cause = NULL;
		r = theme_parse(t, cases[i].text, strlen(cases[i].text),
		    "t.theme", &cause);
		is_int(r, cases[i].err == NULL ? 0 : -1, "file %zu result", i);
		is_str(cause, cases[i].err, "file %zu message", i);
		free(cause);
		theme_free(t);
	}

	t = theme_new_mono();
	r = theme_parse(t, "quote = fg=red,bold\n", 20, "t", NULL);
	q = theme_style(t, THEME_QUOTE);
	is_int(q->fg, 1, "parsed quote fg");
	is_int(q->attrs, THEME_ATTR_BOLD, "parsed quote attrs replace mono's");
	is_int(theme_style(t, THEME_SELECTED)->attrs, THEME_ATTR_REVERSE,
	    "a role the file omits keeps the mono style");
	theme_free(t);

	t = theme_new_mono();
	cause = NULL;
	r = theme_parse(t, "quote = bold\nli\0nk = bold\n", 25, "n.theme",
	    &cause);
	is_int(r, -1, "a NUL byte is refused");
	is_str(cause, "n.theme:2: a NUL byte", "and its line is named");
	free(cause);
	theme_free(t);
}

static void
test_roles(void)
{
	int i;

	for (i = 0; i < THEME_LAST; i++)
		if (theme_role_from_name(theme_role_name(i)) != i)
			break;
	is_int(i, THEME_LAST, "every role name reads back");
	is_int(theme_role_from_name("quote"), THEME_QUOTE, "quote by name");
	is_int(theme_role_from_name("Quote"), -1, "role names are exact");
	is_int(theme_render_role(ROLE_QUOTE), THEME_QUOTE, "render quote");
	is_int(theme_render_role(ROLE_LINKNUM), THEME_LINKNUM,
	    "render linknum");
	is_int(theme_render_role(ROLE_NOTE), THEME_NOTE, "render note");
	is_int(theme_render_role(ROLE_LAST_RENDER), THEME_TEXT,
	    "out of range render role is text");
}

static void
test_downgrade(void)
{
	static const struct {
		int		 colour;
		int		 ncolours;
		int		 want;
	} cases[] = {
		{ 3, 256, 3 },
		{ 3, 8, 3 },
		{ 11, 16, 11 },
		{ 11, 8, 3 },			/* bright yellow to yellow */
		{ 196, 256, 196 },
		{ 196, 16, 9 },			/* #ff0000 to bright red */
		{ 196, 8, 1 },
		{ THEME_RGB(255, 0, 0), 256, 196 },
		{ THEME_RGB(0x87, 0xaf, 0xd7), 256, 110 },
		{ THEME_RGB(0x30, 0x30, 0x30), 256, 236 },
		{ THEME_RGB(250, 250, 250), 16, 15 },
		{ THEME_RGB(0, 0, 0), 8, 0 },
		{ THEME_RGB(1, 2, 3), 1 << 24, THEME_RGB(1, 2, 3) },
		{ 5, 0, THEME_COLOUR_DEFAULT },
		{ 5, 2, THEME_COLOUR_DEFAULT },
		{ THEME_COLOUR_DEFAULT, 256, THEME_COLOUR_DEFAULT },
	};
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++)
		is_int(theme_colour_downgrade(cases[i].colour,
		    cases[i].ncolours), cases[i].want,
		    "downgrade %#x to %d colours", cases[i].colour,
		    cases[i].ncolours);
}

static void
test_sgr(void)
{
	static const struct {
		struct theme_style s;
		int		 n;
		const char	*want;
	} cases[] = {
		{ { 3, THEME_COLOUR_DEFAULT, 0 }, 256, "\033[0;33m" },
		{ { 11, 4, THEME_ATTR_BOLD }, 256, "\033[0;1;93;44m" },
		{ { 11, 4, THEME_ATTR_BOLD }, 8, "\033[0;1;33;44m" },
		{ { 200, THEME_COLOUR_DEFAULT, THEME_ATTR_ITALIC |
		    THEME_ATTR_UNDERLINE }, 256, "\033[0;3;4;38;5;200m" },
		{ { THEME_RGB(1, 2, 3), THEME_RGB(4, 5, 6), 0 }, 1 << 24,
		  "\033[0;38;2;1;2;3;48;2;4;5;6m" },
		{ { 3, 4, THEME_ATTR_REVERSE }, 0, "\033[0;7m" },
	};
	struct buf b;
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		buf_init(&b, 0);
		theme_sgr(&cases[i].s, cases[i].n, &b);
		is_str(b.data, cases[i].want, "sgr case %zu", i);
		buf_free(&b);
	}
}

/* Every shipped theme parses, and gives the quote role a look of its own. */
static void
test_shipped(void)
{
	static const char *const names[] = {
		"default", "light", "solarized-dark", "gruvbox", "mono",
	};
	const struct theme_style *q, *x;
	struct theme *t;
	char *cause, *path, **list;
	size_t i, j;
	int found;

	for (i = 0; i < ARRAYSIZE(names); i++) {
		cause = NULL;
		xasprintf(&path, "%s/themes/%s.theme", HERALD_SRCDIR, names[i]);
		t = NULL;
		ok(theme_load(path, &t, &cause) == 0, "theme %s loads%s%s",
		    names[i], cause ? ": " : "", cause ? cause : "");
		free(cause);
		free(path);
		if (t == NULL)
			continue;
		is_str(theme_name(t), names[i], "theme %s named", names[i]);
		q = theme_style(t, THEME_QUOTE);
		x = theme_style(t, THEME_TEXT);
		ok(q->fg != x->fg || q->attrs != x->attrs,
		    "theme %s: quotes differ from text", names[i]);
		theme_free(t);
	}
	list = theme_list();
	for (i = 0; i < ARRAYSIZE(names); i++) {
		for (found = 0, j = 0; list[j] != NULL; j++)
			found |= strcmp(list[j], names[i]) == 0;
		ok(found, "theme_list has %s", names[i]);
	}
	theme_dirs_free(list);

	cause = NULL;
	is_int(theme_load(".hidden", &t, &cause), -1, "dot names refused");
	is_str(cause, "bad theme name '.hidden'", "and said so");
	free(cause);
	cause = NULL;
	is_int(theme_load("no-such-theme", &t, &cause), -1,
	    "unknown theme refused");
	ok(cause != NULL && strstr(cause, "no theme named 'no-such-theme'"),
	    "and named");
	free(cause);
}

int
main(void)
{
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	test_colours();
	test_styles();
	test_files();
	test_roles();
	test_downgrade();
	test_sgr();
	test_shipped();
	return done_testing();
}
