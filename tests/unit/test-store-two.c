/* Two processes on one cache: one writes feed updates back to back (as
 * herald refresh does) while the other marks articles read, stars them and
 * searches (as the reader does).  Both must succeed every time: no
 * "database is locked" reaches anyone. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "feed.h"
#include "store.h"
#include "util.h"

#include "../tap.h"

#define FEEDS		20
#define ITEMS		50
#define ROUNDS		20

static char tmpdir[] = "/tmp/herald-test-two.XXXXXX";

/* A feed document of ITEMS items; round changes some contents so updates
 * write, not only skip. */
static struct feed *
make_feed(int feed, int round)
{
	struct feed *f = xcalloc(1, sizeof *f);
	struct feed_item *it;
	int i;

	f->meta.title = xstrdup("Feed");
	f->items = xcalloc(ITEMS, sizeof *f->items);
	for (i = 0; i < ITEMS; i++) {
		it = xcalloc(1, sizeof *it);
		xasprintf(&it->guid, "f%d-i%d", feed, i);
		xasprintf(&it->title, "Report %d from the coast %d", i, feed);
		xasprintf(&it->link, "https://f%d.example/%d", feed, i);
		xasprintf(&it->content, "<p>Round %d: the tide and the "
		    "lighthouse, article %d.</p>", i % 5 == 0 ? round : 0, i);
		it->published = 1700000000 + feed * 1000 + i;
		it->updated = FEED_NO_DATE;
		f->items[f->nitems++] = it;
	}
	return f;
}

static void
free_feed(struct feed *f)
{
	size_t i;

	for (i = 0; i < f->nitems; i++) {
		free(f->items[i]->guid);
		free(f->items[i]->title);
		free(f->items[i]->link);
		free(f->items[i]->content);
		free(f->items[i]);
	}
	free(f->items);
	free(f->meta.title);
	free(f);
}

/* The reader writes a byte here after each of its rounds; half-way the
 * writer waits for three, so the two surely overlap however fast the
 * writer has become. */
static int go[2] = { -1, -1 };

static void
wait_for_reader(int rounds)
{
	char c;

	while (rounds > 0 && read(go[0], &c, 1) == 1)
		rounds--;
}

/* The writer: every feed, ROUNDS times.  Exit status = failures. */
static int
writer(const char *path)
{
	struct store *s;
	struct feed *f;
	char *cause = NULL;
	int r, i, fails = 0, added;

	if (store_open(path, 0, &s, &cause) == -1) {
		fprintf(stderr, "writer: %s\n", cause);
		return 100;
	}
	for (r = 0; r < ROUNDS; r++) {
		if (r == ROUNDS / 2)
			wait_for_reader(3);
		for (i = 0; i < FEEDS; i++) {
			f = make_feed(i, r);
			if (store_feed_update(s, i + 1, f, "etag", NULL, &added,
			    &cause) == -1) {
				printf("# writer: %s\n", cause);
				free(cause);
				cause = NULL;
				fails++;
			}
			free_feed(f);
		}
	}
	store_close(&s);
	return fails > 99 ? 99 : fails;
}

/* The reader's side, one round of what a person does. */
static int
reader_round(struct store *s, int n, char **cause)
{
	struct store_query q;
	struct store_row *rows;
	size_t nrows;
	int64_t total;

	memset(&q, 0, sizeof q);
	q.unread_only = n % 2;
	if (store_rows(s, &q, (n * 7) % 200, 40, &rows, &nrows, cause) == -1)
		return -1;
	if (nrows > 0 && (store_set_read(s, rows[0].id, 1, cause) == -1 ||
	    store_set_starred(s, rows[nrows - 1].id, n % 2, cause) == -1)) {
		store_rows_free(rows, nrows);
		return -1;
	}
	store_rows_free(rows, nrows);
	q.unread_only = 0;
	q.search = n % 2 ? "lighthouse" : "\"from the coast\"";
	if (store_count(s, &q, &total, NULL, cause) == -1)
		return -1;
	return store_mark_feed_read(s, 1 + n % FEEDS, cause);
}

/* Processes opening a cache that does not exist yet: all create and
 * migrate it at once, each waits its turn, all succeed.  (Before the
 * WAL switch was retried and the version read in one snapshot, about one
 * round in six failed with "busy" or "not a herald cache".) */
#define OPENERS	6
#define ROUNDS_OPEN 10

static void
test_first_open(void)
{
	char *path, *cause = NULL;
	struct store *s;
	pid_t pids[OPENERS];
	int i, r, status, good = 0, whole = 0;

	for (r = 0; r < ROUNDS_OPEN; r++) {
		xasprintf(&path, "%s/fresh%d.db", tmpdir, r);
		fflush(stdout);
		for (i = 0; i < OPENERS; i++) {
			if ((pids[i] = fork()) != 0)
				continue;
			if (store_open(path, 0, &s, &cause) == -1) {
				printf("# first open: %s\n", cause);
				fflush(stdout);
				_exit(1);
			}
			store_close(&s);
			_exit(0);
		}
		for (i = 0; i < OPENERS; i++) {
			if (pids[i] > 0 && waitpid(pids[i], &status, 0) ==
			    pids[i] && WIFEXITED(status) &&
			    WEXITSTATUS(status) == 0)
				good++;
		}
		if (store_open(path, STORE_READONLY, &s, &cause) == 0)
			whole++;
		store_close(&s);
		free(path);
	}
	is_int(good, OPENERS * ROUNDS_OPEN, "%d processes create one cache at "
	    "once, %d times over: every open succeeds", OPENERS, ROUNDS_OPEN);
	is_int(whole, ROUNDS_OPEN, "and each cache is whole and current");
	free(cause);
}

int
main(void)
{
	struct store *s;
	char *path, *cause = NULL;
	pid_t pid;
	int i, status = -1, rounds = 0, fails = 0, locked = 0;

	if (mkdtemp(tmpdir) == NULL)
		return 1;
	xasprintf(&path, "%s/cache.db", tmpdir);
	ok(store_open(path, 0, &s, &cause) == 0, "open");
	for (i = 0; i < FEEDS; i++) {
		char *url;

		xasprintf(&url, "https://f%d.example/feed", i);
		store_feed_add(s, url, NULL, NULL, NULL, &cause);
		free(url);
	}
	fflush(stdout);
	if (pipe(go) == -1)
		return 1;
	signal(SIGPIPE, SIG_IGN);	/* the writer may be gone */
	if ((pid = fork()) == -1)
		return 1;
	if (pid == 0) {
		store_close(&s);	/* never share a connection over fork */
		close(go[1]);
		_exit(writer(path));
	}
	close(go[0]);
	fcntl(go[1], F_SETFL, O_NONBLOCK);
	/* The reader goes on until the writer is done. */
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (reader_round(s, rounds++, &cause) == -1) {
			printf("# reader: %s\n", cause);
			if (strstr(cause, "locked") || strstr(cause, "busy"))
				locked++;
			free(cause);
			cause = NULL;
			fails++;
		}
		if (write(go[1], "r", 1) == -1) {
			/* full, or the writer is gone: it has its three */
		}
	}
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the writer's %d updates all succeeded", FEEDS * ROUNDS);
	is_int(fails, 0, "the reader's %d rounds all succeeded", rounds);
	is_int(locked, 0, "nobody was told the cache is locked or busy");
	ok(rounds >= 3, "the reader ran while the writer wrote (%d rounds)",
	    rounds);
	{
		int64_t total;

		store_count(s, NULL, &total, NULL, &cause);
		is_int(total, FEEDS * ITEMS, "every article once");
	}
	store_close(&s);
	free(path);
	test_first_open();
	xasprintf(&path, "rm -rf '%s'", tmpdir);
	if (system(path) != 0)
		diag("cannot remove %s", tmpdir);
	free(path);
	free(cause);
	return done_testing();
}
