/* Unit tests for the key map: the default bindings issue 5 lists, key and
 * action names, rebinding from config lines (good and bad), and the help
 * text generated from the table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "utf8.h"
#include "util.h"

#include "../tap.h"

#define CTRL(c)	((c) & 0x1f)

static void
test_defaults(void)
{
	static const struct {
		int		 key;
		enum keys_action want;
	} cases[] = {
		{ 'j', KEYS_DOWN }, { KEYS_K_DOWN, KEYS_DOWN },
		{ 'k', KEYS_UP }, { KEYS_K_UP, KEYS_UP },
		{ KEYS_K_PGUP, KEYS_PAGE_UP }, { KEYS_K_PGDN, KEYS_PAGE_DOWN },
		{ ' ', KEYS_PAGE_DOWN },
		{ 'g', KEYS_TOP }, { 'G', KEYS_BOTTOM },
		{ KEYS_K_HOME, KEYS_TOP }, { KEYS_K_END, KEYS_BOTTOM },
		{ KEYS_K_ENTER, KEYS_OPEN }, { 'l', KEYS_OPEN },
		{ KEYS_K_RIGHT, KEYS_OPEN },
		{ 'q', KEYS_QUIT }, { 'h', KEYS_BACK }, { KEYS_K_LEFT, KEYS_BACK },
		{ KEYS_K_BACKSPACE, KEYS_BACK },
		{ 'n', KEYS_NEXT_UNREAD }, { 'N', KEYS_PREV_UNREAD },
		{ 'J', KEYS_NEXT_ARTICLE }, { 'K', KEYS_PREV_ARTICLE },
		{ KEYS_K_TAB, KEYS_FOCUS }, { 'a', KEYS_TOGGLE_READALSO },
		{ '/', KEYS_SEARCH }, { 'r', KEYS_REFRESH },
		{ 'R', KEYS_REFRESH_ALL }, { 'o', KEYS_BROWSER },
		{ '1', KEYS_LINK1 }, { '5', KEYS_LINK5 }, { '9', KEYS_LINK9 },
		{ 's', KEYS_STAR }, { 'm', KEYS_TOGGLE_READ },
		{ 'A', KEYS_MARK_FEED_READ }, { 't', KEYS_TAG },
		{ CTRL('l'), KEYS_REDRAW }, { 'Q', KEYS_QUIT_ALL },
		{ '?', KEYS_HELP },
		{ 'z', KEYS_NONE }, { '0', KEYS_NONE },
	};
	struct keys *k = keys_new();
	char name[32];
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		keys_key_name(cases[i].key, name, sizeof name);
		is_str(keys_action_name(keys_lookup(k, cases[i].key)),
		    keys_action_name(cases[i].want), "default %s", name);
	}
	keys_free(k);
}

static void
test_key_names(void)
{
	static const struct {
		const char	*name;
		int		 key;
		const char	*back;	/* keys_key_name of it */
	} cases[] = {
		{ "j", 'j', "j" },
		{ "J", 'J', "J" },
		{ "/", '/', "/" },
		{ "\xd0\xb6", 0x436, "\xd0\xb6" },	/* Cyrillic zhe */
		{ "Space", ' ', "Space" },
		{ "SPACE", ' ', "Space" },
		{ "Tab", KEYS_K_TAB, "Tab" },
		{ "enter", KEYS_K_ENTER, "Enter" },
		{ "Return", KEYS_K_ENTER, "Enter" },
		{ "PgDn", KEYS_K_PGDN, "PgDn" },
		{ "PageUp", KEYS_K_PGUP, "PgUp" },
		{ "Home", KEYS_K_HOME, "Home" },
		{ "esc", KEYS_K_ESC, "Esc" },
		{ "C-l", CTRL('l'), "Ctrl-L" },
		{ "^L", CTRL('l'), "Ctrl-L" },
		{ "c-x", CTRL('x'), "Ctrl-X" },
		{ "F1", KEYS_K_F1, "F1" },
		{ "F12", KEYS_K_F12, "F12" },
		{ "F13", -1, NULL },
		{ "F0", -1, NULL },
		{ "C-1", -1, NULL },
		{ "", -1, NULL },
		{ "Hyper", -1, NULL },
		{ "\x1b", -1, NULL },
		{ "\xff", -1, NULL },
		{ "jk", -1, NULL },
	};
	char name[32];
	size_t i;
	int key;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		key = keys_parse_key(cases[i].name);
		is_int(key, cases[i].key, "key name '%s'", cases[i].name);
		if (cases[i].back == NULL)
			continue;
		keys_key_name(key, name, sizeof name);
		is_str(name, cases[i].back, "name of '%s'", cases[i].name);
	}
}

static void
test_actions(void)
{
	int i;

	for (i = 0; i < KEYS_ACTION_LAST; i++)
		if (keys_parse_action(keys_action_name(i)) != i)
			break;
	is_int(i, KEYS_ACTION_LAST, "every action name reads back");
	is_int(keys_parse_action("next-unread"), KEYS_NEXT_UNREAD,
	    "next-unread by name");
	is_int(keys_parse_action("toggle-readalso"), KEYS_TOGGLE_READALSO,
	    "toggle-readalso by name");
	is_int(keys_parse_action("Next-Unread"), -1, "action names are exact");
	is_int(keys_parse_action("explode"), -1, "unknown action");
	for (i = 1; i < KEYS_ACTION_LAST; i++)
		if (strlen(keys_action_help(i)) < 5)
			break;
	is_int(i, KEYS_ACTION_LAST, "every action has a help sentence");
}

static void
test_bind(void)
{
	static const struct {
		const char	*line;
		const char	*err;	/* NULL: accepted */
		int		 key;
		enum keys_action want;
	} cases[] = {
		{ "bind x star", NULL, 'x', KEYS_STAR },
		{ "bind  Down   page-down ", NULL, KEYS_K_DOWN,
		  KEYS_PAGE_DOWN },
		{ "z quit-all", NULL, 'z', KEYS_QUIT_ALL },
		{ "bind C-r refresh-all", NULL, CTRL('r'), KEYS_REFRESH_ALL },
		{ "bind j none", NULL, 'j', KEYS_NONE },
		{ "bind x", "expected 'bind KEY ACTION'", 'x', KEYS_STAR },
		{ "bind", "expected 'bind KEY ACTION'", 0, KEYS_NONE },
		{ "bind x star extra", "expected 'bind KEY ACTION'", 'x',
		  KEYS_STAR },
		{ "bind Hyper star", "unknown key 'Hyper'", 'k', KEYS_UP },
		{ "bind k explode", "unknown action 'explode'", 'k', KEYS_UP },
		{ "bind \x1b[A up", "unknown key '\x1b[A'", 'k', KEYS_UP },
	};
	struct keys *k = keys_new();
	char *cause;
	size_t i;
	int r;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		cause = NULL;
		r = keys_bind_line(k, cases[i].line, &cause);
		is_int(r, cases[i].err == NULL ? 0 : -1, "bind '%s' result",
		    cases[i].line);
		is_str(cause, cases[i].err, "bind '%s' message",
		    cases[i].line);
		free(cause);
		if (cases[i].key != 0)
			is_str(keys_action_name(keys_lookup(k, cases[i].key)),
			    keys_action_name(cases[i].want),
			    "after '%s'", cases[i].line);
	}
	is_int(keys_lookup(k, 'k'), KEYS_UP, "failed binds change nothing");
	keys_free(k);
}

/* The help is generated from the live map: rebinding shows in it. */
static void
test_help(void)
{
	struct keys *k = keys_new();
	char **lines;
	size_t i, n;
	int found_down = 0, found_links = 0, found_star = 0, aligned = 1;
	size_t col = 0;
	const char *p;

	lines = keys_help(k);
	for (n = 0; lines[n] != NULL; n++) {
		if (strncmp(lines[n], "j, Down ", 8) == 0 &&
		    strstr(lines[n], "move down"))
			found_down = 1;
		if (strncmp(lines[n], "1-9 ", 4) == 0)
			found_links = 1;
		p = strstr(lines[n], "  ");
		while (p != NULL && p[2] == ' ')
			p++;
		if (p == NULL || (col != 0 && (size_t)(p - lines[n]) != col))
			aligned = 0;
		else
			col = (size_t)(p - lines[n]);
	}
	ok(found_down, "help: j, Down move down");
	ok(found_links, "help: the digits collapse to 1-9");
	ok(aligned, "help: the sentences start in one column");
	ok(n > 20 && n < KEYS_ACTION_LAST, "help: one line per action (%zu)",
	    n);
	keys_help_free(lines);

	keys_bind_line(k, "bind * star", NULL);
	keys_bind_line(k, "bind 3 none", NULL);
	lines = keys_help(k);
	found_links = 0;
	for (i = 0; lines[i] != NULL; i++) {
		if (strncmp(lines[i], "s, * ", 5) == 0)
			found_star = 1;
		if (strncmp(lines[i], "1-9", 3) == 0 ||
		    strncmp(lines[i], "3 ", 2) == 0)
			found_links = -1;
		if (strncmp(lines[i], "4 ", 2) == 0 &&
		    strstr(lines[i], "follow link 4") && found_links == 0)
			found_links = 1;
	}
	ok(found_star, "help: a new binding shows");
	is_int(found_links, 1, "help: an unbound digit breaks the 1-9 line "
	    "into lines of their own, without it");
	keys_help_free(lines);
	keys_free(k);
}

int
main(void)
{
	utf8_init_locale();
	test_defaults();
	test_key_names();
	test_actions();
	test_bind();
	test_help();
	return done_testing();
}
