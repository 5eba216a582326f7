/* ui.h: what the files of src/ui/ share.  Only src/ui/ includes this
 * header, and only src/ui/ includes curses.
 *
 * The reader is one struct ui: the cache, the theme, the key map, and the
 * state of the three views (feeds, articles, one article) stacked like a
 * browser's pages.  Everything is drawn from that state by ui_draw(); keys
 * change the state and mark the screen dirty.  Article lists are paged
 * from SQLite a window at a time, never loaded whole. */
#ifndef HERALD_UI_H
#define HERALD_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "keys.h"
#include "render.h"
#include "store.h"
#include "theme.h"
#include "util.h"

struct refresh;
struct settings;

#define UI_MIN_COLS	40
#define UI_MIN_LINES	10
#define UI_PANE_RIGHT	110	/* columns from which the pane goes right */
#define UI_HISTORY_MAX	64

enum ui_view {
	UI_FEEDS = 0,
	UI_ARTICLES,
	UI_ARTICLE,
};

/* Rows of the feed list: two fixed entries, then the feeds. */
enum ui_entry_kind {
	UI_ENTRY_UNREAD,	/* All unread */
	UI_ENTRY_STARRED,
	UI_ENTRY_FEED,
};

struct ui_entry {
	enum ui_entry_kind kind;
	size_t		 feed;		/* index into ui.feeds */
	int64_t		 unread;
	int64_t		 total;
};

/* One Read-also entry with where it leads. */
struct ui_related {
	char		*title;		/* copies: the doc is laid out anew */
	char		*url;		/* on each resize; may be NULL */
	int64_t		 id;		/* in the cache, else 0 */
};

/* A page of the history stack: where an article was left. */
struct ui_place {
	int64_t		 id;
	int		 scroll;
	int		 pane_sel;
	int		 focus;
};

/* A question on the status line: search text, or yes/no. */
enum ui_prompt_kind {
	UI_PROMPT_NONE = 0,
	UI_PROMPT_SEARCH,
	UI_PROMPT_BROWSER,	/* open prompt_url in the browser? y/n */
};

struct ui {
	const struct herald_opts *opts;
	struct settings	*settings;
	struct store	*store;
	struct theme	*theme;
	struct keys	*keys;
	int		 ncolours;	/* 0: mono */
	int		 demo;
	int		 welcome;	/* no feeds file: the welcome screen */
	char		*demo_dir;	/* the demo's temporary folder */
	int		 quit;
	int		 dirty;
	int		 help;		/* the help overlay is up */
	int		 help_top;
	char		*message;	/* the status line's message */
	int		 message_error;

	enum ui_view	 view;

	/* Feed list. */
	struct store_feed *feeds;
	size_t		 nfeeds;
	struct ui_entry	*entries;
	size_t		 nentries;
	int		 feed_sel;
	int		 feed_top;
	char		*tag;		/* the tag filter, or NULL */

	/* Article list: a window of rows paged from the cache. */
	struct store_query query;
	char		*query_tag;	/* owned strings of query */
	char		*query_search;
	char		*list_title;
	int64_t		 list_total;
	int64_t		 list_unread;
	struct store_row *rows;
	size_t		 nrows;
	int64_t		 rows_off;	/* index of rows[0] */
	int64_t		 art_sel;
	int64_t		 art_top;

	/* The article being read. */
	struct store_item *item;
	struct render_doc *doc;
	int		 doc_width;	/* width doc was laid out at */
	char		**head;		/* header lines (title, feed, ...) */
	size_t		 nhead;
	size_t		 nhead_title;	/* the first lines are the title */
	int		 scroll;
	int		 pane;		/* the Read-also pane is shown */
	int		 focus;		/* 0 body, 1 pane */
	int		 pane_sel;
	int		 pane_rows[64];	/* screen row of each entry drawn, -1 */
	struct ui_related *related;
	size_t		 nrelated;
	char		*find;		/* text search in the article */
	int		 find_line;	/* line of the current match, -1 */
	struct ui_place	 history[UI_HISTORY_MAX];
	int		 nhistory;

	/* The status line's question. */
	enum ui_prompt_kind prompt;
	char		 prompt_buf[256];
	size_t		 prompt_len;
	char		*prompt_url;

	/* A refresh running in the event loop (src/ui/refresh.c). */
	struct refresh	*refresh;
	char		*refresh_line;
	int		 refresh_landed;	/* lists need counting again */

	/* Mouse: the last click, for double clicks. */
	int		 click_y;
};

/* draw.c: colours, text in columns, the whole screen. */
void ui_colours_init(struct ui *);
void ui_set_style(struct ui *, enum theme_role);
void ui_set_style_raw(struct ui *, const struct theme_style *);
/* Draw UTF-8 text at most cols columns wide; returns the columns used.
 * Text wider than cols ends with "…". */
int ui_put(struct ui *, int y, int x, const char *s, int cols);
/* Spaces from x for n columns. */
void ui_fill(int y, int x, int n);
/* A rendered line with its spans in the theme's colours; match (may be
 * NULL) is a search term to mark. */
void ui_put_line(struct ui *, int y, int x, const struct render_line *,
    int cols, const char *match);
void ui_draw(struct ui *);
/* Date as "Nov 24" (this year) or "2025-11-24"; empty when unknown. */
void ui_short_date(int64_t t, char *out, size_t size);

/* status.c: the top bar, the status line, messages and prompts. */
void ui_message(struct ui *, const char *fmt, ...) PRINTFLIKE(2, 3);
void ui_error(struct ui *, const char *fmt, ...) PRINTFLIKE(2, 3);
void ui_status_draw(struct ui *);
void ui_title_draw(struct ui *, const char *left);
void ui_prompt_start(struct ui *, enum ui_prompt_kind, const char *url);
/* A key while a prompt is up. */
void ui_prompt_key(struct ui *, int key);

/* feeds.c */
int ui_feeds_load(struct ui *, char **cause);
void ui_feeds_draw(struct ui *);
void ui_feeds_key(struct ui *, enum keys_action, int key);
void ui_feeds_free(struct ui *);

/* articles.c */
void ui_articles_enter(struct ui *, const struct store_query *,
    const char *title);
void ui_articles_reload(struct ui *);
void ui_articles_draw(struct ui *);
void ui_articles_key(struct ui *, enum keys_action, int key);
/* The row at index i of the list (paging it in), or NULL. */
struct store_row *ui_articles_row(struct ui *, int64_t i);
/* Move the selection to the next (dir 1) or previous (-1) row that is
 * unread (unread_only) or any row; returns 0 when there is none. */
int ui_articles_step(struct ui *, int dir, int unread_only);
void ui_articles_free(struct ui *);

/* article.c */
int ui_article_open(struct ui *, int64_t id);
void ui_article_relayout(struct ui *);
void ui_article_draw(struct ui *);
void ui_article_key(struct ui *, enum keys_action, int key);
void ui_article_close(struct ui *);
/* The body's geometry: where the text goes and where the pane goes. */
void ui_article_geometry(struct ui *, int *body_w, int *body_h,
    int *pane_x, int *pane_y, int *pane_w, int *pane_h);
void ui_article_find(struct ui *, const char *text, int dir);

/* readalso.c: the pane. */
void ui_readalso_resolve(struct ui *);
void ui_readalso_free(struct ui *);
void ui_readalso_draw(struct ui *, int y, int x, int w, int h);
void ui_readalso_key(struct ui *, enum keys_action);
int ui_readalso_at(struct ui *, int y);
void ui_readalso_open(struct ui *);
void ui_history_push(struct ui *);
int ui_history_pop(struct ui *);

/* help.c */
void ui_help_draw(struct ui *);
void ui_help_key(struct ui *, enum keys_action);

/* browser.c: links go to $BROWSER or xdg-open, never through a shell. */
int ui_url_openable(const char *url);
int ui_browser_open(struct ui *, const char *url, char **cause);

/* demo.c: the bundled feeds in a temporary cache. */
char *ui_demo_find(void);
int ui_demo_load(const char *demo_dir, struct store **, char **tmpdir,
    char **cause);
void ui_demo_cleanup(char *tmpdir);

/* refresh.c: refresh inside the event loop. */
void ui_refresh_start(struct ui *, const char *match);
/* Fill fds (after slot 0, stdin) for poll; returns how many and sets the
 * timeout. */
size_t ui_refresh_fds(struct ui *, struct pollfd *fds, size_t max,
    int *timeout);
void ui_refresh_step(struct ui *, struct pollfd *fds, size_t n);
void ui_refresh_stop(struct ui *);

/* main.c */
void ui_restore_terminal(void);

#endif
