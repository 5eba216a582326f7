/* theme.c: roles to styles, read from *.theme files.
 *
 * A theme starts as the monochrome base (attributes only) and a file's
 * lines override one role each, so a file that forgets a role still draws
 * it legibly.  Colours are kept as written (palette index or RGB) and only
 * downgraded when drawn, to what the terminal says it has. */
#include "config.h"

#include "theme.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define THEME_FILE_MAX	(256 * 1024)

struct theme {
	char		*name;
	struct theme_style styles[THEME_LAST];
};

/* Names as they appear in theme files, in enum order. */
static const char *const role_names[] = {
	"text", "title", "unread", "read", "selected", "quote", "readalso",
	"link", "linknum", "heading", "bold", "italic", "underline", "code",
	"image", "rule", "note", "status", "error", "star", "header", "border",
	"help", "date", "feed", "tag", "match", "cached",
};
_Static_assert(ARRAYSIZE(role_names) == THEME_LAST, "role_names");

#define D	THEME_COLOUR_DEFAULT
#define B	THEME_ATTR_BOLD
#define I	THEME_ATTR_ITALIC
#define U	THEME_ATTR_UNDERLINE
#define R	THEME_ATTR_REVERSE
#define M	THEME_ATTR_DIM

/* Monochrome: every role readable with attributes alone. */
static const struct theme_style mono_styles[] = {
	[THEME_TEXT] = { D, D, 0 },	[THEME_TITLE] = { D, D, B },
	[THEME_UNREAD] = { D, D, B },	[THEME_READ] = { D, D, 0 },
	[THEME_SELECTED] = { D, D, R },	[THEME_QUOTE] = { D, D, I },
	[THEME_READALSO] = { D, D, 0 },	[THEME_LINK] = { D, D, U },
	[THEME_LINKNUM] = { D, D, B },	[THEME_HEADING] = { D, D, B | U },
	[THEME_BOLD] = { D, D, B },	[THEME_ITALIC] = { D, D, I },
	[THEME_UNDERLINE] = { D, D, U }, [THEME_CODE] = { D, D, 0 },
	[THEME_IMAGE] = { D, D, M },	[THEME_RULE] = { D, D, M },
	[THEME_NOTE] = { D, D, M },	[THEME_STATUS] = { D, D, R },
	[THEME_ERROR] = { D, D, B },	[THEME_STAR] = { D, D, B },
	[THEME_HEADER] = { D, D, R | B }, [THEME_BORDER] = { D, D, 0 },
	[THEME_HELP] = { D, D, 0 },	[THEME_DATE] = { D, D, 0 },
	[THEME_FEED] = { D, D, 0 },	[THEME_TAG] = { D, D, 0 },
	[THEME_MATCH] = { D, D, R },	[THEME_CACHED] = { D, D, B },
};
_Static_assert(ARRAYSIZE(mono_styles) == THEME_LAST, "mono_styles");

/* The built-in default, the same as themes/default.theme: used when no
 * theme file can be found at all. */
static const struct theme_style builtin_styles[] = {
	[THEME_TEXT] = { D, D, 0 },	[THEME_TITLE] = { 15, D, B },
	[THEME_UNREAD] = { 15, D, B },	[THEME_READ] = { 7, D, 0 },
	[THEME_SELECTED] = { 0, 6, 0 },	[THEME_QUOTE] = { 3, D, 0 },
	[THEME_READALSO] = { 6, D, 0 },	[THEME_LINK] = { 4, D, U },
	[THEME_LINKNUM] = { 12, D, B },	[THEME_HEADING] = { 15, D, B },
	[THEME_BOLD] = { D, D, B },	[THEME_ITALIC] = { D, D, I },
	[THEME_UNDERLINE] = { D, D, U }, [THEME_CODE] = { 2, D, 0 },
	[THEME_IMAGE] = { 5, D, 0 },	[THEME_RULE] = { 8, D, 0 },
	[THEME_NOTE] = { 8, D, I },	[THEME_STATUS] = { 15, 4, 0 },
	[THEME_ERROR] = { 9, D, B },	[THEME_STAR] = { 11, D, B },
	[THEME_HEADER] = { 15, 4, B },	[THEME_BORDER] = { 8, D, 0 },
	[THEME_HELP] = { D, D, 0 },	[THEME_DATE] = { 8, D, 0 },
	[THEME_FEED] = { 6, D, 0 },	[THEME_TAG] = { 5, D, 0 },
	[THEME_MATCH] = { 0, 11, 0 },	[THEME_CACHED] = { 2, D, B },
};
_Static_assert(ARRAYSIZE(builtin_styles) == THEME_LAST, "builtin_styles");

#undef D
#undef B
#undef I
#undef U
#undef R
#undef M

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attr_names[] = {
	{ "bold", THEME_ATTR_BOLD },
	{ "italic", THEME_ATTR_ITALIC },
	{ "underline", THEME_ATTR_UNDERLINE },
	{ "reverse", THEME_ATTR_REVERSE },
	{ "dim", THEME_ATTR_DIM },
};

/* xterm's default values for the 16 basic colours. */
static const unsigned char basic_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

static const int cube_levels[6] = { 0, 95, 135, 175, 215, 255 };

static struct theme *
theme_from(const char *name, const struct theme_style *styles)
{
	struct theme *t = xcalloc(1, sizeof *t);

	t->name = xstrdup(name);
	memcpy(t->styles, styles, sizeof t->styles);
	return t;
}

struct theme *
theme_new_builtin(void)
{
	return theme_from("default", builtin_styles);
}

struct theme *
theme_new_mono(void)
{
	return theme_from("mono", mono_styles);
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t);
}

const char *
theme_name(const struct theme *t)
{
	return t->name;
}

const struct theme_style *
theme_style(const struct theme *t, enum theme_role role)
{
	if ((int)role < 0 || role >= THEME_LAST)
		role = THEME_TEXT;
	return &t->styles[role];
}

struct theme_style
theme_style_over(const struct theme_style *a, const struct theme_style *b)
{
	struct theme_style s = *a;

	if (b->fg != THEME_COLOUR_DEFAULT)
		s.fg = b->fg;
	if (b->bg != THEME_COLOUR_DEFAULT)
		s.bg = b->bg;
	s.attrs |= b->attrs;
	return s;
}

enum theme_role
theme_render_role(enum render_role r)
{
	static const enum theme_role map[] = {
		[ROLE_TEXT] = THEME_TEXT,
		[ROLE_HEADING] = THEME_HEADING,
		[ROLE_BOLD] = THEME_BOLD,
		[ROLE_ITALIC] = THEME_ITALIC,
		[ROLE_UNDERLINE] = THEME_UNDERLINE,
		[ROLE_LINK] = THEME_LINK,
		[ROLE_LINKNUM] = THEME_LINKNUM,
		[ROLE_QUOTE] = THEME_QUOTE,
		[ROLE_CODE] = THEME_CODE,
		[ROLE_IMAGE] = THEME_IMAGE,
		[ROLE_RULE] = THEME_RULE,
		[ROLE_NOTE] = THEME_NOTE,
	};
	_Static_assert(ARRAYSIZE(map) == ROLE_LAST_RENDER, "render roles");

	if ((int)r < 0 || r >= ROLE_LAST_RENDER)
		return THEME_TEXT;
	return map[r];
}

const char *
theme_role_name(enum theme_role r)
{
	if ((int)r < 0 || r >= THEME_LAST)
		return "?";
	return role_names[r];
}

int
theme_role_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAYSIZE(role_names); i++) {
		if (strcmp(role_names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
theme_parse_colour(const char *w, int *colour)
{
	const char *rest;
	char *end;
	long n;
	size_t i;
	int v[6];

	if (strcasecmp(w, "default") == 0) {
		*colour = THEME_COLOUR_DEFAULT;
		return 0;
	}
	if (w[0] == '#') {
		for (i = 0; i < 6; i++) {
			if ((v[i] = hexval(w[1 + i])) == -1)
				return -1;
		}
		if (w[7] != '\0')
			return -1;
		*colour = THEME_RGB(v[0] * 16 + v[1], v[2] * 16 + v[3],
		    v[4] * 16 + v[5]);
		return 0;
	}
	if (strncasecmp(w, "colour", 6) == 0 || strncasecmp(w, "color", 5) == 0) {
		rest = w + (tolower((unsigned char)w[4]) == 'u' ? 6 : 5);
		if (!isdigit((unsigned char)*rest))
			return -1;
		errno = 0;
		n = strtol(rest, &end, 10);
		if (*end != '\0' || errno != 0 || n < 0 || n > 255)
			return -1;
		*colour = (int)n;
		return 0;
	}
	rest = w;
	if (strncasecmp(w, "bright", 6) == 0)
		rest = w + 6;
	for (i = 0; i < ARRAYSIZE(colour_names); i++) {
		if (strcasecmp(rest, colour_names[i]) == 0) {
			*colour = (int)i + (rest != w ? 8 : 0);
			return 0;
		}
	}
	if (strcasecmp(w, "grey") == 0 || strcasecmp(w, "gray") == 0) {
		*colour = 8;
		return 0;
	}
	return -1;
}

/* One comma-separated word of a style. */
static int
parse_style_word(const char *w, struct theme_style *s, char **cause)
{
	size_t i;

	if (strncmp(w, "fg=", 3) == 0 || strncmp(w, "bg=", 3) == 0) {
		if (theme_parse_colour(w + 3, w[0] == 'f' ? &s->fg : &s->bg)
		    == -1)
			return set_cause(cause, "unknown colour '%s'", w + 3);
		return 0;
	}
	if (strcmp(w, "none") == 0 || strcmp(w, "normal") == 0) {
		s->attrs = 0;
		return 0;
	}
	for (i = 0; i < ARRAYSIZE(attr_names); i++) {
		if (strcmp(w, attr_names[i].name) == 0) {
			s->attrs |= attr_names[i].attr;
			return 0;
		}
	}
	return set_cause(cause, "unknown attribute '%s'", w);
}

int
theme_parse_style(const char *spec, struct theme_style *out, char **cause)
{
	struct theme_style s = { THEME_COLOUR_DEFAULT, THEME_COLOUR_DEFAULT, 0 };
	char *copy, *p, *w, *end;
	int r = 0;

	copy = xstrdup(spec);
	for (p = copy; r == 0 && p != NULL; p = end) {
		if ((end = strchr(p, ',')) != NULL)
			*end++ = '\0';
		while (isspace((unsigned char)*p))
			p++;
		w = p + strlen(p);
		while (w > p && isspace((unsigned char)w[-1]))
			*--w = '\0';
		if (*p == '\0') {
			r = set_cause(cause, "empty word in '%s'", spec);
			break;
		}
		r = parse_style_word(p, &s, cause);
	}
	free(copy);
	if (r == 0)
		*out = s;
	return r;
}

/* Trim spaces at both ends of s in place. */
static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* One line: blank, a comment, or "role = spec". */
static int
parse_line(struct theme *t, char *line, char **cause)
{
	struct theme_style s;
	char *eq, *role, *spec, *why = NULL;
	int r;

	line = trim(line);
	if (*line == '\0' || *line == '#')
		return 0;
	if ((eq = strchr(line, '=')) == NULL)
		return set_cause(cause, "expected 'role = style', got '%s'",
		    line);
	*eq = '\0';
	role = trim(line);
	spec = trim(eq + 1);
	if ((r = theme_role_from_name(role)) == -1)
		return set_cause(cause, "unknown role '%s'", role);
	if (theme_parse_style(spec, &s, &why) == -1) {
		set_cause(cause, "%s: %s", role, why);
		free(why);
		return -1;
	}
	t->styles[r] = s;
	return 0;
}

int
theme_parse(struct theme *t, const char *text, size_t len, const char *file,
    char **cause)
{
	char *copy, *line, *nl, *why = NULL;
	const char *nul, *q;
	int lineno = 0, r = 0;

	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (q = text; q < nul; q++)
			lineno += *q == '\n';
		return set_cause(cause, "%s:%d: a NUL byte", file, lineno + 1);
	}
	copy = xstrndup(text, len);
	for (line = copy; r == 0 && line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		lineno++;
		if ((r = parse_line(t, line, &why)) == -1) {
			set_cause(cause, "%s:%d: %s", file, lineno, why);
			free(why);
		}
	}
	free(copy);
	return r;
}

/* A theme name is a plain file name: no slashes, no leading dot. */
static int
name_ok(const char *name)
{
	const char *p;

	if (*name == '\0' || *name == '.')
		return 0;
	for (p = name; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			return 0;
	}
	return 1;
}

char **
theme_dirs(void)
{
	char **dirs = xcalloc(4, sizeof *dirs);
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	size_t n = 0;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&dirs[n++], "%s/herald/themes", xdg);
	else if (home != NULL && *home != '\0')
		xasprintf(&dirs[n++], "%s/.config/herald/themes", home);
	dirs[n++] = xstrdup(HERALD_PKGDATADIR "/themes");
	dirs[n++] = xstrdup(HERALD_SRCDIR "/themes");
	return dirs;
}

void
theme_dirs_free(char **dirs)
{
	size_t i;

	if (dirs == NULL)
		return;
	for (i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
	free(dirs);
}

/* Read and parse one theme file over the monochrome base. */
static int
load_file(const char *path, const char *name, struct theme **out,
    char **cause)
{
	struct theme *t;
	char *text;
	size_t len;

	if (read_file(path, THEME_FILE_MAX, &text, &len, cause) == -1)
		return -1;
	t = theme_from(name, mono_styles);
	if (theme_parse(t, text, len, path, cause) == -1) {
		free(text);
		theme_free(t);
		return -1;
	}
	free(text);
	*out = t;
	return 0;
}

int
theme_load(const char *name, struct theme **out, char **cause)
{
	char **dirs, *path, *copy, *dot;
	const char *base;
	size_t i;
	int r = -1;
	FILE *f;

	if (strchr(name, '/') != NULL) {
		base = strrchr(name, '/') + 1;
		copy = xstrdup(base);
		if ((dot = strrchr(copy, '.')) != NULL &&
		    strcmp(dot, ".theme") == 0)
			*dot = '\0';
		r = load_file(name, copy, out, cause);
		free(copy);
		return r;
	}
	if (!name_ok(name))
		return set_cause(cause, "bad theme name '%s'", name);
	dirs = theme_dirs();
	for (i = 0; dirs[i] != NULL; i++) {
		xasprintf(&path, "%s/%s.theme", dirs[i], name);
		if ((f = fopen(path, "r")) != NULL) {
			fclose(f);
			r = load_file(path, name, out, cause);
			free(path);
			theme_dirs_free(dirs);
			return r;
		}
		free(path);
	}
	theme_dirs_free(dirs);
	return set_cause(cause, "no theme named '%s' (try one of the files "
	    "in %s/themes)", name, HERALD_PKGDATADIR);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
theme_list(void)
{
	char **dirs = theme_dirs(), **names = NULL, *n;
	size_t i, len, count = 0, out;
	struct dirent *de;
	DIR *d;

	for (i = 0; dirs[i] != NULL; i++) {
		if ((d = opendir(dirs[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (len <= 6 || strcmp(de->d_name + len - 6, ".theme"))
				continue;
			n = xstrndup(de->d_name, len - 6);
			if (!name_ok(n)) {
				free(n);
				continue;
			}
			names = xreallocarray(names, count + 2, sizeof *names);
			names[count++] = n;
		}
		closedir(d);
	}
	theme_dirs_free(dirs);
	if (names == NULL)
		return xcalloc(1, sizeof *names);
	qsort(names, count, sizeof *names, cmp_str);
	for (i = out = 0; i < count; i++) {
		if (out > 0 && strcmp(names[out - 1], names[i]) == 0)
			free(names[i]);
		else
			names[out++] = names[i];
	}
	names[out] = NULL;
	return names;
}

static void
colour_rgb(int c, int rgb[3])
{
	if (c & THEME_COLOUR_RGB) {
		rgb[0] = (c >> 16) & 0xff;
		rgb[1] = (c >> 8) & 0xff;
		rgb[2] = c & 0xff;
	} else if (c < 16) {
		rgb[0] = basic_rgb[c][0];
		rgb[1] = basic_rgb[c][1];
		rgb[2] = basic_rgb[c][2];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = cube_levels[c / 36];
		rgb[1] = cube_levels[(c / 6) % 6];
		rgb[2] = cube_levels[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + (c - 232) * 10;
	}
}

static int
dist2(const int a[3], const int b[3])
{
	int d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];

	return d0 * d0 + d1 * d1 + d2 * d2;
}

/* The index below limit whose colour is nearest to rgb. */
static int
nearest(const int rgb[3], int first, int limit)
{
	int best = first, bestd = -1, c, d, other[3];

	for (c = first; c < limit; c++) {
		colour_rgb(c, other);
		d = dist2(rgb, other);
		if (bestd == -1 || d < bestd) {
			best = c;
			bestd = d;
		}
	}
	return best;
}

int
theme_colour_downgrade(int colour, int ncolours)
{
	int rgb[3];

	if (colour == THEME_COLOUR_DEFAULT || ncolours < 8)
		return THEME_COLOUR_DEFAULT;
	if (ncolours >= (1 << 24))
		return colour;
	if (!(colour & THEME_COLOUR_RGB) && colour < ncolours &&
	    (ncolours >= 16 || colour < 8))
		return colour;
	if (!(colour & THEME_COLOUR_RGB) && ncolours < 16 && colour < 16)
		return colour - 8;	/* bright to plain */
	colour_rgb(colour, rgb);
	if (ncolours >= 256)
		return nearest(rgb, 16, 256);
	return nearest(rgb, 0, ncolours >= 16 ? 16 : 8);
}

static void
sgr_colour(struct buf *b, int c, int bg)
{
	if (c == THEME_COLOUR_DEFAULT)
		return;
	if (c & THEME_COLOUR_RGB)
		buf_printf(b, ";%d;2;%d;%d;%d", bg ? 48 : 38, (c >> 16) & 0xff,
		    (c >> 8) & 0xff, c & 0xff);
	else if (c < 8)
		buf_printf(b, ";%d", (bg ? 40 : 30) + c);
	else if (c < 16)
		buf_printf(b, ";%d", (bg ? 100 : 90) + c - 8);
	else
		buf_printf(b, ";%d;5;%d", bg ? 48 : 38, c);
}

void
theme_sgr(const struct theme_style *s, int ncolours, struct buf *b)
{
	static const struct {
		unsigned	 attr;
		int		 code;
	} codes[] = {
		{ THEME_ATTR_BOLD, 1 }, { THEME_ATTR_DIM, 2 },
		{ THEME_ATTR_ITALIC, 3 }, { THEME_ATTR_UNDERLINE, 4 },
		{ THEME_ATTR_REVERSE, 7 },
	};
	size_t i;

	buf_adds(b, "\033[0");
	for (i = 0; i < ARRAYSIZE(codes); i++) {
		if (s->attrs & codes[i].attr)
			buf_printf(b, ";%d", codes[i].code);
	}
	sgr_colour(b, theme_colour_downgrade(s->fg, ncolours), 0);
	sgr_colour(b, theme_colour_downgrade(s->bg, ncolours), 1);
	buf_addc(b, 'm');
}
