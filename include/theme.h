/* theme.h: colours as roles, themes as data.
 *
 * Drawing code asks for a role (THEME_QUOTE, THEME_SELECTED, ...) and gets
 * a style: a foreground, a background and attributes.  A theme file maps
 * roles to styles, one "role = spec" a line:
 *
 *	# comment
 *	quote    = fg=yellow,italic
 *	selected = fg=black,bg=#87afd7,bold
 *
 * Colours are names (black red green yellow blue magenta cyan white, each
 * also bright...), colourN / colorN (0-255), #rrggbb, or default.  Colours
 * are downgraded to what the terminal has (256, 16, 8, none).
 *
 * Pure but for theme_load, which reads a file: no terminal here.  The SGR
 * helper writes escape sequences into a buffer for the render command's
 * --ansi output and for tests. */
#ifndef HERALD_THEME_H
#define HERALD_THEME_H

#include <stddef.h>

#include "render.h"
#include "util.h"

enum theme_role {
	THEME_TEXT = 0,		/* body text, list rows */
	THEME_TITLE,		/* an article's title in its header */
	THEME_UNREAD,		/* unread rows */
	THEME_READ,		/* read rows */
	THEME_SELECTED,		/* the cursor row */
	THEME_QUOTE,		/* quoted speech */
	THEME_READALSO,		/* Read-also entries */
	THEME_LINK,
	THEME_LINKNUM,		/* [n] */
	THEME_HEADING,
	THEME_BOLD,
	THEME_ITALIC,
	THEME_UNDERLINE,
	THEME_CODE,
	THEME_IMAGE,
	THEME_RULE,
	THEME_NOTE,		/* herald's own remarks in a body */
	THEME_STATUS,		/* the status line */
	THEME_ERROR,		/* failed feeds, error messages */
	THEME_STAR,
	THEME_HEADER,		/* the top bar and article headers */
	THEME_BORDER,		/* pane separators */
	THEME_HELP,		/* the help overlay */
	THEME_DATE,
	THEME_FEED,		/* feed names in merged lists */
	THEME_TAG,
	THEME_MATCH,		/* search matches in an article */
	THEME_CACHED,		/* a Read-also entry found in the cache */
	THEME_LAST
};

/* Colour values: THEME_COLOUR_DEFAULT, 0-255, or THEME_RGB(r,g,b). */
#define THEME_COLOUR_DEFAULT	(-1)
#define THEME_COLOUR_RGB	0x1000000
#define THEME_RGB(r, g, b) \
	(THEME_COLOUR_RGB | ((r) << 16) | ((g) << 8) | (b))

#define THEME_ATTR_BOLD		0x01
#define THEME_ATTR_ITALIC	0x02
#define THEME_ATTR_UNDERLINE	0x04
#define THEME_ATTR_REVERSE	0x08
#define THEME_ATTR_DIM		0x10

struct theme_style {
	int		 fg;
	int		 bg;
	unsigned	 attrs;
};

struct theme;

/* The built-in theme used when no file is found: the default colours. */
struct theme *theme_new_builtin(void);
/* The built-in monochrome theme (NO_COLOR, terminals without colour). */
struct theme *theme_new_mono(void);
void theme_free(struct theme *);
const char *theme_name(const struct theme *);

/* Read theme NAME from the first of theme_dirs that has NAME.theme. */
int theme_load(const char *name, struct theme **, char **cause);
/* Parse a theme's text into t (over what it has).  file names the source
 * in messages: "file:line: ...". */
int theme_parse(struct theme *t, const char *text, size_t len,
    const char *file, char **cause);

/* Where themes are looked for, in order: $XDG_CONFIG_HOME/herald/themes
 * (else ~/.config/herald/themes), the installed $(pkgdatadir)/themes, the
 * source tree's themes/.  A NULL-terminated array the caller frees with
 * theme_dirs_free. */
char **theme_dirs(void);
void theme_dirs_free(char **);
/* The names of the themes found (sorted, unique); free with
 * theme_dirs_free. */
char **theme_list(void);

const struct theme_style *theme_style(const struct theme *, enum theme_role);
/* Combine b over a: b's colours where set, attributes added. */
struct theme_style theme_style_over(const struct theme_style *a,
    const struct theme_style *b);
/* The theme role that draws a render role. */
enum theme_role theme_render_role(enum render_role);
const char *theme_role_name(enum theme_role);
/* -1 when unknown. */
int theme_role_from_name(const char *);

/* "fg=yellow,bg=default,bold" into a style. */
int theme_parse_style(const char *spec, struct theme_style *, char **cause);
/* One colour word; -1 (and *colour untouched) when unknown. */
int theme_parse_colour(const char *word, int *colour);
/* The nearest colour the terminal has: 256, 16 and 8 map to palette
 * indexes, 0 gives THEME_COLOUR_DEFAULT.  RGB stays RGB with 1 << 24. */
int theme_colour_downgrade(int colour, int ncolours);
/* Append the SGR sequence for style (after a reset) to b. */
void theme_sgr(const struct theme_style *, int ncolours, struct buf *b);

#endif
