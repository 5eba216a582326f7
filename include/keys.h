/* keys.h: the key map, a table of {key, action} with a help sentence per
 * action.
 *
 * Keys are Unicode code points ('j', 'ж'), control characters (Ctrl-L is
 * 12) or one of the KEYS_* codes below for keys that are not characters;
 * the UI translates curses' codes to these, so this module knows nothing
 * of curses.  The config's "bind KEY ACTION" lines rebind keys; "bind KEY
 * none" unbinds one.  Key names: a character (j, G, /, ?), SPACE, TAB,
 * ENTER, ESC, BACKSPACE, UP, DOWN, LEFT, RIGHT, PGUP, PGDN, HOME, END,
 * DELETE, F1-F12, and C-x or ^X for control keys. */
#ifndef HERALD_KEYS_H
#define HERALD_KEYS_H

#include <stddef.h>

enum keys_action {
	KEYS_NONE = 0,
	KEYS_UP,
	KEYS_DOWN,
	KEYS_PAGE_UP,
	KEYS_PAGE_DOWN,
	KEYS_TOP,
	KEYS_BOTTOM,
	KEYS_OPEN,
	KEYS_BACK,		/* h, Left, Backspace: never quits */
	KEYS_QUIT,		/* q: back, or quit on the feed list */
	KEYS_QUIT_ALL,		/* Q */
	KEYS_NEXT_UNREAD,	/* n: also the next search match */
	KEYS_PREV_UNREAD,
	KEYS_NEXT_ARTICLE,
	KEYS_PREV_ARTICLE,
	KEYS_FOCUS,
	KEYS_TOGGLE_READALSO,
	KEYS_SEARCH,
	KEYS_REFRESH,
	KEYS_REFRESH_ALL,
	KEYS_BROWSER,
	KEYS_STAR,
	KEYS_TOGGLE_READ,
	KEYS_MARK_FEED_READ,
	KEYS_TAG,
	KEYS_REDRAW,
	KEYS_HELP,
	KEYS_LINK1,		/* follow link 1 ... 9: consecutive */
	KEYS_LINK2,
	KEYS_LINK3,
	KEYS_LINK4,
	KEYS_LINK5,
	KEYS_LINK6,
	KEYS_LINK7,
	KEYS_LINK8,
	KEYS_LINK9,
	KEYS_ACTION_LAST
};

/* Keys that are not characters, above the Unicode range. */
#define KEYS_SPECIAL	0x200000
enum {
	KEYS_K_UP = KEYS_SPECIAL,
	KEYS_K_DOWN,
	KEYS_K_LEFT,
	KEYS_K_RIGHT,
	KEYS_K_PGUP,
	KEYS_K_PGDN,
	KEYS_K_HOME,
	KEYS_K_END,
	KEYS_K_ENTER,
	KEYS_K_TAB,
	KEYS_K_BACKSPACE,
	KEYS_K_DELETE,
	KEYS_K_ESC,
	KEYS_K_BTAB,
	KEYS_K_F1,		/* ... F12: consecutive */
	KEYS_K_F12 = KEYS_K_F1 + 11,
	KEYS_K_LAST
};

struct keys;

/* The default map. */
struct keys *keys_new(void);
void keys_free(struct keys *);

/* "j" -> 'j', "PgDn" -> KEYS_K_PGDN, "C-l" -> 12; -1 when unknown.
 * Names are case-insensitive but for single characters. */
int keys_parse_key(const char *name);
/* The name of a key, for help: into out (at least 16 bytes). */
void keys_key_name(int key, char *out, size_t size);
/* "next-unread" -> KEYS_NEXT_UNREAD; -1 when unknown. */
int keys_parse_action(const char *name);
const char *keys_action_name(enum keys_action);
const char *keys_action_help(enum keys_action);

/* Bind key to action (KEYS_NONE unbinds). */
void keys_set(struct keys *, int key, enum keys_action);
/* The arguments of a config line "bind KEY ACTION", checked; the map is
 * left as it was on failure. */
int keys_bind(struct keys *, const char *key, const char *action,
    char **cause);
/* A whole "bind KEY ACTION" line (the word bind optional). */
int keys_bind_line(struct keys *, const char *line, char **cause);

enum keys_action keys_lookup(const struct keys *, int key);
/* The keys bound to an action, up to max, in the order they were bound;
 * returns how many there are. */
size_t keys_for(const struct keys *, enum keys_action, int *out, size_t max);

/* The help text: one line per action that has keys, "keys  sentence",
 * keys padded to a column.  A NULL-terminated array; free with
 * keys_help_free. */
char **keys_help(const struct keys *);
void keys_help_free(char **);

#endif
