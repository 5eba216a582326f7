#!/bin/sh
# herald refresh into the cache: conditional GET on the second run, gzip,
# Atom, local files, a permanent redirect told once and saved, --offline,
# --feed, what a person is told and the exit status.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 60

LOCAL=$TMPDIR_TEST/local.xml
write_local() {	# write_local N: an RSS file of N items
	{
		echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local notes</title><link>https://example.org/local</link>'
		i=1
		while [ "$i" -le "$1" ]; do
			echo "<item><title>Local note $i</title><guid>local-$i</guid><description>“Note $i,” the clerk wrote.</description></item>"
			i=$((i + 1))
		done
		echo '</channel></rss>'
	} >"$LOCAL"
}
write_local 2
touch -d '2025-01-01 00:00:00' "$LOCAL"

urls "$BASE/etag.xml news" "$BASE/lm.xml" "$BASE/gzip.xml" "$BASE/atom.xml" \
	"$LOCAL local" "$BASE/redirect/301?to=/feed2.xml"
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "first refresh exits 0"
like "$out" "^updated $BASE/etag.xml: 3 new, 3 items$" "etag feed: told 3 new"
like "$out" "^updated $BASE/gzip.xml: 3 new, 3 items$" "gzip feed: told 3 new"
like "$out" "^updated $BASE/atom.xml: 2 new, 2 items$" "atom feed: told 2 new"
like "$out" "^updated $LOCAL: 2 new, 2 items$" "a local file: told 2 new"
like "$out" "^moved $BASE/redirect/301\?to=/feed2.xml -> $BASE/feed2.xml " "the permanent move is told"
like "$out" "^6 feeds: 6 updated \(16 new items\), 0 unchanged, 0 failed" "summary"
is "$(q "SELECT count(*) FROM items")" 16 "16 items in the cache"
is "$(q "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = '$BASE/gzip.xml'")" 3 \
	"the gzip feed's items are cached"
is "$(q "SELECT title FROM items WHERE guid = 'urn:herald:test:atom:1'")" "First entry" "an Atom entry's title"
is "$(q "SELECT etag FROM feeds WHERE url = '$BASE/etag.xml'")" '"etag-v1"' "the ETag is stored"
is "$(q "SELECT last_modified FROM feeds WHERE url = '$BASE/lm.xml'")" 'Fri, 25 Apr 2025 09:30:00 GMT' \
	"Last-Modified is stored"
is "$(q "SELECT count(*) FROM feeds WHERE url = '$BASE/feed2.xml'")" 1 "the moved feed has its new URL in the cache"
ok "the urls file has the new URL" grep -qx "$BASE/feed2.xml" "$URLS"
ok "and not the old one" test "$(grep -c redirect "$URLS")" -eq 0

: >"$SERVER_LOG"
# Marks only this test sets: a 304 must leave the etag feed's row alone,
# and clear the lm feed's old error (its one write).
q "UPDATE feeds SET last_attempt = 7, last_success = 7 WHERE url = '$BASE/etag.xml'" >/dev/null
q "UPDATE feeds SET last_error = 'an old failure', last_attempt = 7 WHERE url = '$BASE/lm.xml'" >/dev/null
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "second refresh exits 0"
is "$(q "SELECT last_attempt || ' ' || last_success FROM feeds WHERE url = '$BASE/etag.xml'")" "7 7" \
	"a 304 writes nothing"
is "$(q "SELECT coalesce(last_error, 'none') || ' ' || (last_attempt > 7) FROM feeds WHERE url = '$BASE/lm.xml'")" "none 1" \
	"a 304 after a failure clears the error"
like "$out" "^unchanged $BASE/etag.xml$" "etag feed: unchanged"
like "$out" "^unchanged $BASE/lm.xml$" "lm feed: unchanged"
like "$out" "^unchanged $BASE/feed2.xml$" "the moved feed: unchanged, at its new URL"
like "$out" "^unchanged $LOCAL$" "an untouched local file: unchanged"
unlike "$out" "^moved" "the move is told only once"
is "$(server_requests '^GET /etag.xml inm="etag-v1" ')" 1 "the ETag was sent back"
is "$(server_requests '^GET /lm.xml inm=- ims=Fri, 25 Apr 2025 09:30:00 GMT ')" 1 \
	"If-Modified-Since was sent back"
is "$(server_requests '^GET /redirect')" 0 "the old URL is not asked again"
is "$(q "SELECT count(*) FROM items")" 16 "still 16 items"

write_local 3
out=$(h refresh --feed local 2>&1); rc=$?
is "$rc" 0 "--feed TAG exits 0"
is "$out" "updated $LOCAL: 1 new, 3 items
1 feed: 1 updated (1 new item), 0 unchanged, 0 failed; $(printf '%s' "$out" | sed -n 's/.*failed; //p')" \
	"--feed TAG: only that feed, its new item told"

: >"$SERVER_LOG"
out=$(h refresh --feed "$BASE/atom.xml" 2>&1)
is "$(server_requests '^GET ')" 1 "--feed URL: one request"
like "$out" "^updated $BASE/atom.xml: 0 new, 2 items" "--feed URL: that feed"

out=$(h refresh --feed nothing-like-this 2>&1); rc=$?
is "$rc" 1 "--feed with no match exits 1"
like "$out" "no feed or tag matches 'nothing-like-this'" "and says so"

: >"$SERVER_LOG"
out=$(h --offline refresh 2>&1); rc=$?
is "$(server_requests '^GET ')" 0 "--offline: no request made"
like "$out" "^skipped $BASE/etag.xml: not fetched \(--offline\)" "--offline: network feeds skipped"
like "$out" "^unchanged $LOCAL$" "--offline: the local file is still read"
is "$rc" 0 "--offline with a local feed exits 0"
out=$(h --offline refresh --feed news 2>&1); rc=$?
is "$rc" 1 "--offline with only network feeds exits 1"
like "$out" "nothing fetched: --offline, and every feed is on the network" "and says why"

out=$(h refresh --jobs 0 2>&1); rc=$?
is "$rc" 2 "--jobs 0 is refused"
urls
out=$(h refresh 2>&1); rc=$?
is "$rc" 1 "no feeds: exit 1"
like "$out" "no feeds to refresh" "no feeds: said so"
done_testing
