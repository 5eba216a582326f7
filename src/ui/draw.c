/* ui/draw.c: colours from the theme, text measured in columns, and the
 * screen drawn from the state in one place.
 *
 * Colour pairs are made on demand, one per (fg, bg) the theme uses,
 * after downgrading each colour to what the terminal has.  Text is drawn
 * as wide characters: the width of each is utf8_cp_width, so CJK, emoji
 * and combining marks line up, and anything too wide ends with "…". */
#include "config.h"

#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "utf8.h"
#include "util.h"

#define PAIRS_MAX	256

static struct {
	int		 fg, bg;
} pairs[PAIRS_MAX];
static int npairs;

void
ui_colours_init(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");

	npairs = 0;
	ui->ncolours = 0;
	if ((nc != NULL && *nc != '\0') || !has_colors())
		return;
	if (start_color() == ERR)
		return;
	use_default_colors();
	ui->ncolours = COLORS >= 256 ? 256 : COLORS;
}

/* The pair for fg/bg, made on first use; 0 when out of pairs. */
static short
pair_for(int fg, int bg)
{
	int i;

	if (fg == THEME_COLOUR_DEFAULT && bg == THEME_COLOUR_DEFAULT)
		return 0;
	for (i = 0; i < npairs; i++) {
		if (pairs[i].fg == fg && pairs[i].bg == bg)
			return (short)(i + 1);
	}
	if (npairs >= PAIRS_MAX || npairs + 1 >= COLOR_PAIRS)
		return 0;
	if (init_pair((short)(npairs + 1), (short)fg, (short)bg) == ERR)
		return 0;
	pairs[npairs].fg = fg;
	pairs[npairs].bg = bg;
	return (short)(++npairs);
}

void
ui_set_style_raw(struct ui *ui, const struct theme_style *s)
{
	attr_t a = A_NORMAL;
	short pair = 0;

	if (s->attrs & THEME_ATTR_BOLD)
		a |= A_BOLD;
	if (s->attrs & THEME_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (s->attrs & THEME_ATTR_REVERSE)
		a |= A_REVERSE;
	if (s->attrs & THEME_ATTR_DIM)
		a |= A_DIM;
	/* Where the terminal has no italic, underline keeps the role
	 * visible (mono quotes above all). */
	if (s->attrs & THEME_ATTR_ITALIC)
		a |= (term_attrs() & WA_ITALIC) ? A_ITALIC : A_UNDERLINE;
	if (ui->ncolours > 0)
		pair = pair_for(theme_colour_downgrade(s->fg, ui->ncolours),
		    theme_colour_downgrade(s->bg, ui->ncolours));
	attr_set(a, pair, NULL);
}

void
ui_set_style(struct ui *ui, enum theme_role role)
{
	ui_set_style_raw(ui, theme_style(ui->theme, role));
}

/* Decode s into wide characters that fit cols columns, "…" ending what
 * was cut.  Returns how many went into out (at most max) and sets *used
 * to the columns. */
static size_t
fit(const char *s, size_t len, int cols, wchar_t *out, size_t max,
    int *used)
{
	size_t i = 0, n = 0, cut_n = 0;
	int w = 0, cw, cut_w = 0;
	uint32_t cp;

	*used = 0;
	while (i < len && n + 1 < max) {
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == '\t')
			cp = ' ';
		if (utf8_is_control(cp))
			continue;
		cw = utf8_cp_width(cp);
		if (cw < 0)
			cw = 1;
		if (w + cw > cols) {
			/* Back off to where "…" still fits. */
			n = cut_n;
			w = cut_w;
			if (w + 1 <= cols && n + 1 < max) {
				out[n++] = L'\u2026';
				w++;
			}
			*used = w;
			return n;
		}
		out[n++] = (wchar_t)cp;
		w += cw;
		/* The last place where "…" would still fit after. */
		if (w + 1 <= cols) {
			cut_n = n;
			cut_w = w;
		}
	}
	*used = w;
	return n;
}

int
ui_put(struct ui *ui, int y, int x, const char *s, int cols)
{
	wchar_t buf[1024];
	size_t n;
	int used;

	if (s == NULL || cols <= 0)
		return 0;
	n = fit(s, strlen(s), cols, buf, ARRAYSIZE(buf), &used);
	if (n > 0)
		mvaddnwstr(y, x, buf, (int)n);
	return used;
}

void
ui_fill(int y, int x, int n)
{
	if (n > 0)
		mvhline(y, x, ' ', n);
}

/* Byte offset to character index in s. */
static size_t
char_index(const char *s, size_t byte)
{
	size_t i = 0, n = 0;
	uint32_t cp;

	while (i < byte && s[i] != '\0') {
		i += utf8_decode(s + i, byte - i, &cp);
		n++;
	}
	return n;
}

/* Mark the characters of each case-insensitive match of m in text. */
static void
mark_matches(const char *text, const char *m, unsigned char *marks,
    size_t nchars)
{
	const char *p = text, *hit;
	size_t a, b, mlen = strlen(m), k;

	if (mlen == 0)
		return;
	while ((hit = strcasestr(p, m)) != NULL) {
		a = char_index(text, (size_t)(hit - text));
		b = char_index(text, (size_t)(hit - text) + mlen);
		for (k = a; k < b && k < nchars; k++)
			marks[k] = 1;
		p = hit + mlen;
	}
}

/* The style of character i: text, then each span over it, then a match. */
static struct theme_style
style_at(struct ui *ui, const struct render_line *l, size_t i, int marked)
{
	struct theme_style s = *theme_style(ui->theme, THEME_TEXT);
	size_t k;

	for (k = 0; k < l->nspans; k++) {
		if (i >= l->spans[k].start && i < l->spans[k].end)
			s = theme_style_over(&s, theme_style(ui->theme,
			    theme_render_role(l->spans[k].role)));
	}
	if (marked)
		s = theme_style_over(&s, theme_style(ui->theme, THEME_MATCH));
	return s;
}

void
ui_put_line(struct ui *ui, int y, int x, const struct render_line *l,
    int cols, const char *match)
{
	size_t len = strlen(l->text), nchars = 0, i = 0, k, start;
	unsigned char *marks;
	wchar_t *w;
	uint32_t cp;
	struct theme_style s, run;
	int width = 0, cw;

	w = xreallocarray(NULL, len + 1, sizeof *w);
	while (i < len) {
		i += utf8_decode(l->text + i, len - i, &cp);
		w[nchars++] = utf8_is_control(cp) ? L' ' : (wchar_t)cp;
	}
	marks = xcalloc(nchars + 1, 1);
	if (match != NULL)
		mark_matches(l->text, match, marks, nchars);
	move(y, x);
	for (start = 0; start < nchars; start = k) {
		run = style_at(ui, l, start, marks[start]);
		for (k = start; k < nchars; k++) {
			s = style_at(ui, l, k, marks[k]);
			if (memcmp(&s, &run, sizeof s) != 0)
				break;
			cw = utf8_cp_width((uint32_t)w[k]);
			if (width + cw > cols)
				break;
			width += cw;
		}
		if (k == start)
			break;
		ui_set_style_raw(ui, &run);
		addnwstr(w + start, (int)(k - start));
		if (width >= cols)
			break;
	}
	ui_set_style(ui, THEME_TEXT);
	free(marks);
	free(w);
}

void
ui_short_date(int64_t t, char *out, size_t size)
{
	time_t now = time(NULL), tt = (time_t)t;
	struct tm tm, tmnow;

	if (t == FEED_NO_DATE || t <= 0) {
		snprintf(out, size, "%s", "");
		return;
	}
	localtime_r(&tt, &tm);
	localtime_r(&now, &tmnow);
	if (tm.tm_year == tmnow.tm_year)
		strftime(out, size, "%b %d", &tm);
	else
		strftime(out, size, "%Y-%m-%d", &tm);
}

/* The centred message below the minimum size. */
static void
draw_too_small(struct ui *ui)
{
	static const char *const lines[] = { "terminal too small", "" };
	char need[64];
	int y = LINES / 2 - 1, x;

	snprintf(need, sizeof need, "need %dx%d, have %dx%d", UI_MIN_COLS,
	    UI_MIN_LINES, COLS, LINES);
	ui_set_style(ui, THEME_ERROR);
	x = (COLS - (int)strlen(lines[0])) / 2;
	ui_put(ui, y < 0 ? 0 : y, x < 0 ? 0 : x, lines[0], COLS);
	ui_set_style(ui, THEME_TEXT);
	x = (COLS - (int)strlen(need)) / 2;
	if (y + 1 < LINES)
		ui_put(ui, y + 1, x < 0 ? 0 : x, need, COLS);
}

/* The welcome screen of a first run: no feeds file yet. */
static void
draw_welcome(struct ui *ui)
{
	static const char *const text[] = {
		"Welcome to herald.",
		"",
		"You have no feeds yet.  To begin:",
		"",
		"  herald add https://example.org/feed.xml",
		"      add a feed (tags may follow the URL)",
		"  herald import subscriptions.opml",
		"      bring your feeds over from another reader",
		"  herald --demo",
		"      read the bundled demo feeds, offline",
		"",
		"Press d to open the demo now, or q to quit.",
	};
	int y, x = COLS > 60 ? (COLS - 56) / 2 : 1;
	size_t i;

	y = (LINES - (int)ARRAYSIZE(text)) / 2;
	if (y < 1)
		y = 1;
	for (i = 0; i < ARRAYSIZE(text) && y + (int)i < LINES - 1; i++) {
		ui_set_style(ui, i == 0 ? THEME_TITLE : i == 11 ?
		    THEME_UNREAD : THEME_TEXT);
		ui_put(ui, y + (int)i, x, text[i], COLS - x);
	}
	ui_set_style(ui, THEME_TEXT);
}

/* The text role's colours as the background that erase() paints, so a
 * theme with its own background (gruvbox, solarized) fills the screen. */
static void
set_background(struct ui *ui)
{
	const struct theme_style *s = theme_style(ui->theme, THEME_TEXT);
	short pair = 0;

	if (ui->ncolours > 0)
		pair = pair_for(theme_colour_downgrade(s->fg, ui->ncolours),
		    theme_colour_downgrade(s->bg, ui->ncolours));
	bkgdset((chtype)' ' | (chtype)COLOR_PAIR(pair));
}

void
ui_draw(struct ui *ui)
{
	set_background(ui);
	ui_set_style(ui, THEME_TEXT);
	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		draw_too_small(ui);
		refresh();
		ui->dirty = 0;
		return;
	}
	if (ui->welcome) {
		ui_title_draw(ui, "herald");
		draw_welcome(ui);
	} else if (ui->view == UI_FEEDS)
		ui_feeds_draw(ui);
	else if (ui->view == UI_ARTICLES)
		ui_articles_draw(ui);
	else
		ui_article_draw(ui);
	ui_status_draw(ui);
	if (ui->help)
		ui_help_draw(ui);
	refresh();
	ui->dirty = 0;
}
