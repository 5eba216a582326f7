/* keys.c: the key map as data.
 *
 * The default bindings are one static table; the live map is a copy in
 * bind order, so the help lists keys in the order people expect (j before
 * Down).  Rebinding replaces a key's entry; a key has one action. */
#include "config.h"

#include "keys.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "util.h"

struct keys_binding {
	int		 key;
	enum keys_action action;
};

struct keys {
	struct keys_binding *b;
	size_t		 n;
};

/* Each action's config name and help sentence, in enum order. */
static const struct {
	const char	*name;
	const char	*help;
} actions[] = {
	[KEYS_NONE] = { "none", "unbound" },
	[KEYS_UP] = { "up", "move up; scroll up in an article" },
	[KEYS_DOWN] = { "down", "move down; scroll down in an article" },
	[KEYS_PAGE_UP] = { "page-up", "one page up" },
	[KEYS_PAGE_DOWN] = { "page-down", "one page down" },
	[KEYS_TOP] = { "top", "first row, top of the article" },
	[KEYS_BOTTOM] = { "bottom", "last row, end of the article" },
	[KEYS_OPEN] = { "open", "open the feed, the article, the entry" },
	[KEYS_BACK] = { "back", "back to where you came from" },
	[KEYS_QUIT] = { "quit", "back; quit on the feed list" },
	[KEYS_QUIT_ALL] = { "quit-all", "quit from anywhere" },
	[KEYS_NEXT_UNREAD] = { "next-unread",
	    "next unread (next match after a search)" },
	[KEYS_PREV_UNREAD] = { "prev-unread",
	    "previous unread (previous match after a search)" },
	[KEYS_NEXT_ARTICLE] = { "next-article", "next article while reading" },
	[KEYS_PREV_ARTICLE] = { "prev-article",
	    "previous article while reading" },
	[KEYS_FOCUS] = { "focus", "move focus between body and Read-also pane" },
	[KEYS_TOGGLE_READALSO] = { "toggle-readalso",
	    "show or hide the Read-also pane" },
	[KEYS_SEARCH] = { "search", "search the cache (text in an article)" },
	[KEYS_REFRESH] = { "refresh", "refresh this feed" },
	[KEYS_REFRESH_ALL] = { "refresh-all", "refresh all feeds" },
	[KEYS_BROWSER] = { "open-browser", "open in the browser" },
	[KEYS_STAR] = { "star", "star or unstar" },
	[KEYS_TOGGLE_READ] = { "toggle-read", "mark read or unread" },
	[KEYS_MARK_FEED_READ] = { "mark-feed-read",
	    "mark the whole feed read" },
	[KEYS_TAG] = { "tag", "show only feeds with a tag" },
	[KEYS_REDRAW] = { "redraw", "redraw the screen" },
	[KEYS_HELP] = { "help", "this help" },
	[KEYS_LINK1] = { "link-1", "follow link 1" },
	[KEYS_LINK2] = { "link-2", "follow link 2" },
	[KEYS_LINK3] = { "link-3", "follow link 3" },
	[KEYS_LINK4] = { "link-4", "follow link 4" },
	[KEYS_LINK5] = { "link-5", "follow link 5" },
	[KEYS_LINK6] = { "link-6", "follow link 6" },
	[KEYS_LINK7] = { "link-7", "follow link 7" },
	[KEYS_LINK8] = { "link-8", "follow link 8" },
	[KEYS_LINK9] = { "link-9", "follow link 9" },
};
_Static_assert(ARRAYSIZE(actions) == KEYS_ACTION_LAST, "actions table");

#define CTRL(c)	((c) & 0x1f)

static const struct keys_binding defaults[] = {
	{ 'j', KEYS_DOWN }, { KEYS_K_DOWN, KEYS_DOWN },
	{ 'k', KEYS_UP }, { KEYS_K_UP, KEYS_UP },
	{ KEYS_K_PGDN, KEYS_PAGE_DOWN }, { ' ', KEYS_PAGE_DOWN },
	{ KEYS_K_PGUP, KEYS_PAGE_UP }, { 'b', KEYS_PAGE_UP },
	{ 'g', KEYS_TOP }, { KEYS_K_HOME, KEYS_TOP },
	{ 'G', KEYS_BOTTOM }, { KEYS_K_END, KEYS_BOTTOM },
	{ KEYS_K_ENTER, KEYS_OPEN }, { 'l', KEYS_OPEN },
	{ KEYS_K_RIGHT, KEYS_OPEN },
	{ 'h', KEYS_BACK }, { KEYS_K_LEFT, KEYS_BACK },
	{ KEYS_K_BACKSPACE, KEYS_BACK }, { KEYS_K_ESC, KEYS_BACK },
	{ 'q', KEYS_QUIT }, { 'Q', KEYS_QUIT_ALL },
	{ 'n', KEYS_NEXT_UNREAD }, { 'N', KEYS_PREV_UNREAD },
	{ 'J', KEYS_NEXT_ARTICLE }, { 'K', KEYS_PREV_ARTICLE },
	{ KEYS_K_TAB, KEYS_FOCUS }, { 'a', KEYS_TOGGLE_READALSO },
	{ '/', KEYS_SEARCH },
	{ 'r', KEYS_REFRESH }, { 'R', KEYS_REFRESH_ALL },
	{ 'o', KEYS_BROWSER }, { 's', KEYS_STAR },
	{ 'm', KEYS_TOGGLE_READ }, { 'A', KEYS_MARK_FEED_READ },
	{ 't', KEYS_TAG }, { CTRL('l'), KEYS_REDRAW },
	{ '?', KEYS_HELP }, { KEYS_K_F1, KEYS_HELP },
	{ '1', KEYS_LINK1 }, { '2', KEYS_LINK2 }, { '3', KEYS_LINK3 },
	{ '4', KEYS_LINK4 }, { '5', KEYS_LINK5 }, { '6', KEYS_LINK6 },
	{ '7', KEYS_LINK7 }, { '8', KEYS_LINK8 }, { '9', KEYS_LINK9 },
};

/* Names of the keys that are not characters. */
static const struct {
	const char	*name;
	int		 key;
} key_names[] = {
	{ "Up", KEYS_K_UP }, { "Down", KEYS_K_DOWN },
	{ "Left", KEYS_K_LEFT }, { "Right", KEYS_K_RIGHT },
	{ "PgUp", KEYS_K_PGUP }, { "PgDn", KEYS_K_PGDN },
	{ "PageUp", KEYS_K_PGUP }, { "PageDown", KEYS_K_PGDN },
	{ "Home", KEYS_K_HOME }, { "End", KEYS_K_END },
	{ "Enter", KEYS_K_ENTER }, { "Return", KEYS_K_ENTER },
	{ "Tab", KEYS_K_TAB }, { "BTab", KEYS_K_BTAB },
	{ "Backspace", KEYS_K_BACKSPACE }, { "BS", KEYS_K_BACKSPACE },
	{ "Delete", KEYS_K_DELETE }, { "Del", KEYS_K_DELETE },
	{ "Esc", KEYS_K_ESC }, { "Escape", KEYS_K_ESC },
	{ "Space", ' ' },
};

struct keys *
keys_new(void)
{
	struct keys *k = xcalloc(1, sizeof *k);

	k->n = ARRAYSIZE(defaults);
	k->b = xreallocarray(NULL, k->n, sizeof *k->b);
	memcpy(k->b, defaults, sizeof defaults);
	return k;
}

void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	free(k->b);
	free(k);
}

int
keys_parse_key(const char *name)
{
	uint32_t cp;
	size_t i, len = strlen(name), used;
	char *end;
	long f;
	int c;

	if (len == 0)
		return -1;
	used = utf8_decode(name, len, &cp);
	if (used == len) {
		if (cp == UTF8_REPLACEMENT && strcmp(name, "\xef\xbf\xbd"))
			return -1;
		if (utf8_is_control(cp))
			return -1;
		return (int)cp;
	}
	if ((len == 3 && (strncasecmp(name, "C-", 2) == 0)) ||
	    (len == 2 && name[0] == '^')) {
		c = (unsigned char)name[len - 1];
		if (isalpha(c) || (c != '\0' && strchr("[\\]^_@", c) != NULL))
			return CTRL(toupper(c));
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
		f = strtol(name + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 12)
			return KEYS_K_F1 + (int)f - 1;
		return -1;
	}
	for (i = 0; i < ARRAYSIZE(key_names); i++) {
		if (strcasecmp(name, key_names[i].name) == 0)
			return key_names[i].key;
	}
	return -1;
}

void
keys_key_name(int key, char *out, size_t size)
{
	char u[5];
	size_t i;

	if (key == ' ') {
		snprintf(out, size, "Space");
		return;
	}
	if (key >= KEYS_K_F1 && key <= KEYS_K_F12) {
		snprintf(out, size, "F%d", key - KEYS_K_F1 + 1);
		return;
	}
	for (i = 0; i < ARRAYSIZE(key_names); i++) {
		if (key_names[i].key == key) {
			snprintf(out, size, "%s", key_names[i].name);
			return;
		}
	}
	if (key > 0 && key < 0x20) {
		snprintf(out, size, "Ctrl-%c", key + '@');
		return;
	}
	if (key > 0 && key < KEYS_SPECIAL && !utf8_is_control((uint32_t)key)) {
		u[utf8_encode((uint32_t)key, u)] = '\0';
		snprintf(out, size, "%s", u);
		return;
	}
	snprintf(out, size, "?");
}

int
keys_parse_action(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAYSIZE(actions); i++) {
		if (strcmp(actions[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

const char *
keys_action_name(enum keys_action a)
{
	if ((int)a < 0 || a >= KEYS_ACTION_LAST)
		return "?";
	return actions[a].name;
}

const char *
keys_action_help(enum keys_action a)
{
	if ((int)a < 0 || a >= KEYS_ACTION_LAST)
		return "?";
	return actions[a].help;
}

void
keys_set(struct keys *k, int key, enum keys_action a)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (k->b[i].key == key) {
			memmove(&k->b[i], &k->b[i + 1],
			    (k->n - i - 1) * sizeof *k->b);
			k->n--;
			break;
		}
	}
	if (a == KEYS_NONE)
		return;
	k->b = xreallocarray(k->b, k->n + 1, sizeof *k->b);
	k->b[k->n].key = key;
	k->b[k->n].action = a;
	k->n++;
}

int
keys_bind(struct keys *k, const char *key, const char *action, char **cause)
{
	int code, a;

	if ((code = keys_parse_key(key)) == -1)
		return set_cause(cause, "unknown key '%s'", key);
	if ((a = keys_parse_action(action)) == -1)
		return set_cause(cause, "unknown action '%s'", action);
	keys_set(k, code, (enum keys_action)a);
	return 0;
}

int
keys_bind_line(struct keys *k, const char *line, char **cause)
{
	char *copy, *w[5], *save = NULL, *t;
	size_t n = 0, first = 0;
	int r;

	copy = xstrdup(line);
	for (t = strtok_r(copy, " \t\r\n", &save); t != NULL && n < 4;
	    t = strtok_r(NULL, " \t\r\n", &save))
		w[n++] = t;
	if (n > 0 && strcmp(w[0], "bind") == 0)
		first = 1;
	if (n - first != 2) {
		free(copy);
		return set_cause(cause, "expected 'bind KEY ACTION'");
	}
	r = keys_bind(k, w[first], w[first + 1], cause);
	free(copy);
	return r;
}

enum keys_action
keys_lookup(const struct keys *k, int key)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (k->b[i].key == key)
			return k->b[i].action;
	}
	return KEYS_NONE;
}

size_t
keys_for(const struct keys *k, enum keys_action a, int *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < k->n; i++) {
		if (k->b[i].action != a)
			continue;
		if (n < max)
			out[n] = k->b[i].key;
		n++;
	}
	return n;
}

/* The keys of an action as "j, Down"; NULL when it has none. */
static char *
keys_text(const struct keys *k, enum keys_action a)
{
	int keys[16];
	size_t n, i;
	char name[32];
	struct buf b;

	if ((n = keys_for(k, a, keys, ARRAYSIZE(keys))) == 0)
		return NULL;
	if (n > ARRAYSIZE(keys))
		n = ARRAYSIZE(keys);
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		keys_key_name(keys[i], name, sizeof name);
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", name);
	}
	return buf_steal(&b);
}

/* True when link-1 ... link-9 are exactly the digits 1 to 9. */
static int
links_are_digits(const struct keys *k)
{
	int key[2];
	int i;

	for (i = 0; i < 9; i++) {
		if (keys_for(k, KEYS_LINK1 + i, key, 2) != 1 ||
		    key[0] != '1' + i)
			return 0;
	}
	return 1;
}

char **
keys_help(const struct keys *k)
{
	char *left[KEYS_ACTION_LAST] = { NULL }, **out;
	const char *help[KEYS_ACTION_LAST];
	size_t i, n = 0, w, width = 0;
	int digits = links_are_digits(k);

	for (i = 1; i < KEYS_ACTION_LAST; i++) {
		if (digits && i >= KEYS_LINK1 && i <= KEYS_LINK9) {
			if (i == KEYS_LINK1) {
				left[n] = xstrdup("1-9");
				help[n++] = "follow link n";
			}
			continue;
		}
		if ((left[n] = keys_text(k, (enum keys_action)i)) != NULL)
			help[n++] = actions[i].help;
	}
	for (i = 0; i < n; i++) {
		w = utf8_width(left[i], strlen(left[i]));
		if (w > width)
			width = w;
	}
	if (width > 24)
		width = 24;
	out = xcalloc(n + 1, sizeof *out);
	for (i = 0; i < n; i++) {
		w = utf8_width(left[i], strlen(left[i]));
		xasprintf(&out[i], "%s%*s  %s", left[i],
		    (int)(w < width ? width - w : 0), "", help[i]);
		free(left[i]);
	}
	return out;
}

void
keys_help_free(char **lines)
{
	size_t i;

	if (lines == NULL)
		return;
	for (i = 0; lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}
