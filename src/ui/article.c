/* ui/article.c: one article, laid out by render_article at the body's
 * width and drawn with its quotes in the theme's quote colour.
 *
 * What scrolls is one column of lines: the header (title, feed, author,
 * date, link), the body, then the list of links.  The layout is redone
 * whenever the body's width changes (a resize, the pane shown or hidden),
 * and the scroll position is kept as a fraction of the whole. */
#include "config.h"

#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "utf8.h"
#include "util.h"

/* Kinds of the lines that scroll. */
enum line_kind { L_HEAD_TITLE, L_HEAD_META, L_HEAD_LINK, L_BLANK, L_BODY,
	L_LINKS_HEADING, L_LINK };

struct vline {
	enum line_kind	 kind;
	size_t		 index;
};

void
ui_article_geometry(struct ui *ui, int *body_w, int *body_h, int *pane_x,
    int *pane_y, int *pane_w, int *pane_h)
{
	int h = LINES - 2, pw, ph;

	*body_w = COLS;
	*body_h = h;
	*pane_w = *pane_h = 0;
	*pane_x = *pane_y = 0;
	if (!ui->pane || ui->nrelated == 0)
		return;
	if (COLS >= UI_PANE_RIGHT) {
		pw = COLS / 3;
		if (pw > 48)
			pw = 48;
		*pane_w = pw;
		*pane_h = h;
		*pane_x = COLS - pw;
		*pane_y = 1;
		*body_w = COLS - pw - 1;
		return;
	}
	ph = (int)ui->nrelated + 1;
	if (ph > h / 3)
		ph = h / 3;
	if (ph < 2)
		ph = 2;
	*pane_w = COLS;
	*pane_h = ph;
	*pane_x = 0;
	*pane_y = 1 + h - ph;
	*body_h = h - ph;
}

static void
free_head(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->nhead; i++)
		free(ui->head[i]);
	free(ui->head);
	ui->head = NULL;
	ui->nhead = 0;
}

static void
add_head(struct ui *ui, char *line)
{
	ui->head = xreallocarray(ui->head, ui->nhead + 1, sizeof *ui->head);
	ui->head[ui->nhead++] = line;
}

/* Word-wrap s into header lines of at most width columns. */
static void
wrap_head(struct ui *ui, const char *s, int width)
{
	const char *p = s, *line = s, *space = NULL;
	uint32_t cp;
	size_t w = 0, n;

	while (*p != '\0') {
		if (*p == ' ')
			space = p;
		n = utf8_decode(p, strlen(p), &cp);
		w += (size_t)utf8_cp_width(cp);
		if ((int)w > width && space != NULL && space > line) {
			add_head(ui, xstrndup(line, (size_t)(space - line)));
			line = space + 1;
			p = line;
			space = NULL;
			w = 0;
			continue;
		}
		p += n;
	}
	if (*line != '\0')
		add_head(ui, xstrdup(line));
}

/* The lines above the body: title (wrapped), then feed, author, date. */
static void
build_head(struct ui *ui, int width)
{
	const struct store_item *it = ui->item;
	char date[64] = "", *meta;
	time_t t = (time_t)it->row.published;
	struct tm tm;
	size_t ntitle;

	free_head(ui);
	wrap_head(ui, it->row.title != NULL ? it->row.title : "", width);
	ntitle = ui->nhead;
	if (it->row.published != FEED_NO_DATE && it->row.published > 0) {
		localtime_r(&t, &tm);
		strftime(date, sizeof date, "%a %d %b %Y, %H:%M", &tm);
	}
	xasprintf(&meta, "%s%s%s%s%s",
	    it->row.feed_title != NULL ? it->row.feed_title : "",
	    it->author != NULL && *it->author ? " · " : "",
	    it->author != NULL ? it->author : "",
	    *date != '\0' ? " · " : "", date);
	add_head(ui, meta);
	if (it->row.link != NULL)
		add_head(ui, xstrdup(it->row.link));
	ui->nhead_title = ntitle;
}

static size_t
nlines(struct ui *ui)
{
	size_t n = ui->nhead + 1;

	if (ui->doc != NULL) {
		n += ui->doc->nlines;
		if (ui->doc->nlinks > 0)
			n += ui->doc->nlinks + 2;
	}
	return n;
}

/* What line i of the scrolling column is. */
static struct vline
vline_at(struct ui *ui, size_t i)
{
	struct vline v = { L_BLANK, 0 };
	size_t nt = ui->nhead_title, nb = ui->doc != NULL ? ui->doc->nlines : 0;

	if (i < ui->nhead) {
		v.kind = i < nt ? L_HEAD_TITLE : i == nt ? L_HEAD_META :
		    L_HEAD_LINK;
		v.index = i;
		return v;
	}
	i -= ui->nhead;
	if (i == 0)
		return v;
	i -= 1;
	if (i < nb) {
		v.kind = L_BODY;
		v.index = i;
		return v;
	}
	i -= nb;
	if (i == 0)
		return v;
	if (i == 1) {
		v.kind = L_LINKS_HEADING;
		return v;
	}
	v.kind = L_LINK;
	v.index = i - 2;
	return v;
}

/* The plain text of line i, for searching. */
static const char *
line_text(struct ui *ui, size_t i)
{
	struct vline v = vline_at(ui, i);

	switch (v.kind) {
	case L_HEAD_TITLE:
	case L_HEAD_META:
	case L_HEAD_LINK:
		return ui->head[v.index];
	case L_BODY:
		return ui->doc->lines[v.index].text;
	case L_LINK:
		return ui->doc->links[v.index].url;
	default:
		return "";
	}
}

void
ui_article_relayout(struct ui *ui)
{
	struct render_opts ro;
	struct render_doc *doc = NULL;
	char *cause = NULL;
	const char *c;
	int bw, bh, px, py, pw, ph, width;
	size_t old_total = ui->doc != NULL ? nlines(ui) : 0;

	ui_article_geometry(ui, &bw, &bh, &px, &py, &pw, &ph);
	width = bw - 2;
	if (width < 10)
		width = 10;
	if (ui->doc != NULL && width == ui->doc_width)
		return;
	memset(&ro, 0, sizeof ro);
	ro.width = width;
	ro.base_url = ui->item->row.link;
	ro.is_text = ui->item->content_is_text;
	ro.related = ui->item->related;
	ro.nrelated = ui->item->nrelated;
	c = ui->item->content != NULL ? ui->item->content : "";
	if (render_article(c, strlen(c), &ro, &doc, &cause) == -1) {
		ui_error(ui, "cannot lay the article out: %s", cause);
		free(cause);
		doc = NULL;
	}
	render_doc_free(ui->doc);
	ui->doc = doc;
	ui->doc_width = width;
	build_head(ui, width);
	if (old_total > 0 && ui->scroll > 0)
		ui->scroll = (int)((double)ui->scroll * nlines(ui) / old_total);
	ui->dirty = 1;
}

/* Mark the row in the list window read, so the list agrees. */
static void
mark_row_read(struct ui *ui, int64_t id)
{
	size_t i;

	for (i = 0; i < ui->nrows; i++) {
		if (ui->rows[i].id == id && !ui->rows[i].read) {
			ui->rows[i].read = 1;
			ui->list_unread--;
		}
	}
}

int
ui_article_open(struct ui *ui, int64_t id)
{
	struct store_item *it = NULL;
	char *cause = NULL;

	if (store_item_get(ui->store, id, &it, &cause) == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
		return -1;
	}
	if (!it->row.read) {
		if (store_set_read(ui->store, id, 1, &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
		} else
			mark_row_read(ui, id);
	}
	ui_article_close(ui);
	ui->item = it;
	ui->scroll = 0;
	ui->focus = 0;
	ui->pane_sel = 0;
	free(ui->find);
	ui->find = NULL;
	ui->find_line = -1;
	ui->doc_width = 0;
	ui->view = UI_ARTICLE;
	/* The pane's entries decide the geometry: resolve them from a first
	 * layout, then lay out again if the pane takes room. */
	ui_article_relayout(ui);
	ui_readalso_resolve(ui);
	ui_article_relayout(ui);
	free(ui->message);
	ui->message = NULL;
	ui->dirty = 1;
	return 0;
}

void
ui_article_close(struct ui *ui)
{
	render_doc_free(ui->doc);
	ui->doc = NULL;
	store_item_free(ui->item);
	ui->item = NULL;
	free_head(ui);
	ui_readalso_free(ui);
}

static void
draw_vline(struct ui *ui, int y, size_t i, int w)
{
	struct vline v = vline_at(ui, i);
	struct render_link *l;
	char *s;

	switch (v.kind) {
	case L_HEAD_TITLE:
		ui_set_style(ui, THEME_TITLE);
		ui_put(ui, y, 1, ui->head[v.index], w);
		break;
	case L_HEAD_META:
		ui_set_style(ui, THEME_DATE);
		ui_put(ui, y, 1, ui->head[v.index], w);
		break;
	case L_HEAD_LINK:
		ui_set_style(ui, THEME_LINK);
		ui_put(ui, y, 1, ui->head[v.index], w);
		break;
	case L_BODY:
		ui_put_line(ui, y, 1, &ui->doc->lines[v.index], w, ui->find);
		break;
	case L_LINKS_HEADING:
		ui_set_style(ui, THEME_HEADING);
		ui_put(ui, y, 1, "Links", w);
		break;
	case L_LINK:
		l = &ui->doc->links[v.index];
		ui_set_style(ui, THEME_LINKNUM);
		xasprintf(&s, "[%d] ", l->n);
		ui_put(ui, y, 1, s, w);
		ui_set_style(ui, THEME_LINK);
		ui_put(ui, y, 1 + (int)strlen(s), l->url, w - (int)strlen(s));
		free(s);
		break;
	default:
		break;
	}
	ui_set_style(ui, THEME_TEXT);
}

void
ui_article_draw(struct ui *ui)
{
	char title[512];
	int bw, bh, px, py, pw, ph, i, max, pct;
	size_t total;

	ui_article_relayout(ui);
	ui_article_geometry(ui, &bw, &bh, &px, &py, &pw, &ph);
	total = nlines(ui);
	max = (int)total - bh;
	if (ui->scroll > max)
		ui->scroll = max;
	if (ui->scroll < 0)
		ui->scroll = 0;
	pct = max <= 0 ? 100 : (int)((ui->scroll + bh) * 100 / (int)total);
	snprintf(title, sizeof title, "%s · %d%%%s",
	    ui->item->row.feed_title != NULL ? ui->item->row.feed_title : "",
	    pct > 100 ? 100 : pct,
	    ui->nhistory > 0 ? " · q: back to the previous article" : "");
	ui_title_draw(ui, title);
	for (i = 0; i < bh && (size_t)(ui->scroll + i) < total; i++)
		draw_vline(ui, 1 + i, (size_t)(ui->scroll + i), bw - 2);
	if (pw > 0)
		ui_readalso_draw(ui, py, px, pw, ph);
}

void
ui_article_find(struct ui *ui, const char *text, int dir)
{
	size_t total = nlines(ui);
	int i, start, bw, bh, px, py, pw, ph;

	if (text != ui->find) {
		free(ui->find);
		ui->find = xstrdup(text);
		ui->find_line = ui->scroll - 1;
	}
	ui_article_geometry(ui, &bw, &bh, &px, &py, &pw, &ph);
	start = ui->find_line;
	for (i = start + dir; i >= 0 && (size_t)i < total; i += dir) {
		if (strcasestr(line_text(ui, (size_t)i), ui->find) != NULL) {
			ui->find_line = i;
			if (i < ui->scroll || i >= ui->scroll + bh)
				ui->scroll = i > 2 ? i - 2 : 0;
			ui_message(ui, "'%s' found (n: next, N: previous)",
			    ui->find);
			ui->dirty = 1;
			return;
		}
	}
	ui_message(ui, "no %s match for '%s'", ui->find_line >= 0 ?
	    (dir > 0 ? "further" : "earlier") : "", ui->find);
}

/* J, K, n, N between articles: along the list the article came from. */
static void
step_article(struct ui *ui, int dir, int unread_only)
{
	struct store_row *r;

	if (!ui_articles_step(ui, dir, unread_only)) {
		ui_message(ui, unread_only ? "no more unread articles" :
		    dir > 0 ? "this is the last article" :
		    "this is the first article");
		return;
	}
	if ((r = ui_articles_row(ui, ui->art_sel)) == NULL)
		return;
	ui->nhistory = 0;
	ui_article_open(ui, r->id);
}

static void
open_link(struct ui *ui, int n)
{
	char *cause = NULL;
	size_t i;

	for (i = 0; ui->doc != NULL && i < ui->doc->nlinks; i++) {
		if (ui->doc->links[i].n != n)
			continue;
		if (ui_browser_open(ui, ui->doc->links[i].url, &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
		}
		return;
	}
	ui_message(ui, "this article has no link %d", n);
}

/* s, m, A while reading: the cache, then the list window. */
static void
set_state(struct ui *ui, enum keys_action a)
{
	struct store_row *row = &ui->item->row;
	char *cause = NULL;
	int rc;
	size_t i;

	if (a == KEYS_STAR)
		rc = store_set_starred(ui->store, row->id, !row->starred,
		    &cause);
	else if (a == KEYS_TOGGLE_READ)
		rc = store_set_read(ui->store, row->id, !row->read, &cause);
	else
		rc = store_mark_feed_read(ui->store, row->feed_id, &cause);
	if (rc == -1) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	if (a == KEYS_STAR)
		row->starred = !row->starred;
	else if (a == KEYS_TOGGLE_READ)
		row->read = !row->read;
	for (i = 0; i < ui->nrows; i++) {
		if (ui->rows[i].id != row->id && a != KEYS_MARK_FEED_READ)
			continue;
		if (a == KEYS_STAR)
			ui->rows[i].starred = row->starred;
		else if (a == KEYS_TOGGLE_READ) {
			ui->list_unread += row->read ? -1 : 1;
			ui->rows[i].read = row->read;
		} else if (ui->rows[i].feed_id == row->feed_id)
			ui->rows[i].read = 1;
	}
	ui_message(ui, "%s", a == KEYS_STAR ? (row->starred ? "starred" :
	    "unstarred") : a == KEYS_TOGGLE_READ ? (row->read ?
	    "marked read" : "marked unread") : "the whole feed marked read");
}

void
ui_article_key(struct ui *ui, enum keys_action a, int key)
{
	int bw, bh, px, py, pw, ph;
	char *cause = NULL;

	ui_article_geometry(ui, &bw, &bh, &px, &py, &pw, &ph);
	if (ui->focus && pw > 0 && (a == KEYS_UP || a == KEYS_DOWN ||
	    a == KEYS_OPEN || a == KEYS_TOP || a == KEYS_BOTTOM)) {
		ui_readalso_key(ui, a);
		return;
	}
	switch (a) {
	case KEYS_UP:
		ui->scroll--;
		break;
	case KEYS_DOWN:
		ui->scroll++;
		break;
	case KEYS_PAGE_UP:
		ui->scroll -= bh > 2 ? bh - 2 : 1;
		break;
	case KEYS_PAGE_DOWN:
		ui->scroll += bh > 2 ? bh - 2 : 1;
		break;
	case KEYS_TOP:
		ui->scroll = 0;
		break;
	case KEYS_BOTTOM:
		ui->scroll = (int)nlines(ui);
		break;
	case KEYS_QUIT:
	case KEYS_BACK:
		if (ui_history_pop(ui) == 0)
			return;
		ui_article_close(ui);
		ui->view = UI_ARTICLES;
		break;
	case KEYS_NEXT_ARTICLE:
	case KEYS_PREV_ARTICLE:
		step_article(ui, a == KEYS_NEXT_ARTICLE ? 1 : -1, 0);
		return;
	case KEYS_NEXT_UNREAD:
	case KEYS_PREV_UNREAD:
		if (ui->find != NULL)
			ui_article_find(ui, ui->find,
			    a == KEYS_NEXT_UNREAD ? 1 : -1);
		else
			step_article(ui, a == KEYS_NEXT_UNREAD ? 1 : -1, 1);
		return;
	case KEYS_FOCUS:
		if (ui->nrelated == 0) {
			ui_message(ui, "this article has no Read-also list");
			return;
		}
		if (!ui->pane) {
			ui->pane = 1;
			ui->focus = 1;
		} else
			ui->focus = !ui->focus;
		break;
	case KEYS_TOGGLE_READALSO:
		ui->pane = !ui->pane;
		if (!ui->pane)
			ui->focus = 0;
		break;
	case KEYS_SEARCH:
		ui_prompt_start(ui, UI_PROMPT_SEARCH, NULL);
		return;
	case KEYS_BROWSER:
		if (ui->item->row.link == NULL) {
			ui_message(ui, "this article has no link");
			return;
		}
		if (ui_browser_open(ui, ui->item->row.link, &cause) == -1) {
			ui_error(ui, "%s", cause);
			free(cause);
		}
		return;
	case KEYS_STAR:
	case KEYS_TOGGLE_READ:
	case KEYS_MARK_FEED_READ:
		set_state(ui, a);
		break;
	case KEYS_REFRESH:
		ui_refresh_start(ui, ui->item->feed_url);
		return;
	case KEYS_REFRESH_ALL:
		ui_refresh_start(ui, NULL);
		return;
	default:
		if (a >= KEYS_LINK1 && a <= KEYS_LINK9)
			open_link(ui, (int)(a - KEYS_LINK1) + 1);
		return;
	}
	ui->dirty = 1;
}
