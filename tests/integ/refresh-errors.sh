#!/bin/sh
# Feeds that worked once, then break in every way the network can: each
# failure is told in words and kept on the feed's row, and not one cached
# article is lost.  A 429's Retry-After is honoured on the next run.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 60

names="e404 e410 e429 e500 malformed stall big refused"
set --
for n in $names; do set -- "$@" "$BASE/flip/$n.xml"; done
urls "$@" "$BASE/flip/works.xml"
echo "max-bytes = 1M" >"$CONFIG"

out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "every feed works at first"
is "$(q "SELECT count(*) FROM items")" 27 "27 items cached"
q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/before"

for mode in 404 410 429 500; do server_get "/set/e$mode?mode=$mode"; done
for mode in malformed stall big; do server_get "/set/$mode?mode=$mode"; done
# The refused one now points at a port nobody listens on.
sed -i "s|$BASE/flip/refused.xml|http://127.0.0.1:1/flip/refused.xml|" "$URLS"

start=$(date +%s)
out=$(h refresh --timeout 4 2>&1); rc=$?
took=$(( $(date +%s) - start ))
is "$rc" 0 "one feed still works: exit 0"
line() { printf '%s\n' "$out" | grep "$1"; }
is "$(line /e404.xml)" "failed $BASE/flip/e404.xml: 404 Not Found" "404 told"
is "$(line /e410.xml)" "failed $BASE/flip/e410.xml: 410 Gone: consider removing this feed" "410 told"
is "$(line /e429.xml)" "failed $BASE/flip/e429.xml: 429 Too Many Requests: retry after 300 s" "429 told"
is "$(line /e500.xml)" "failed $BASE/flip/e500.xml: 500 Internal Server Error" "500 told"
like "$(line /malformed.xml)" "^(failed|updated) $BASE/flip/malformed.xml: .+" "a malformed feed: told something"
like "$(line /stall.xml)" "^failed $BASE/flip/stall.xml: (stalled|timed out)" "a stall: told"
is "$(line /big.xml)" "failed $BASE/flip/big.xml: the body is larger than the 1 MiB limit: stopped" \
	"over the cap: told"
like "$(line /refused.xml)" "^failed http://127.0.0.1:1/flip/refused.xml: cannot connect" \
	"connection refused: told"
like "$(line /works.xml)" "^unchanged $BASE/flip/works.xml" "the good feed is not held up"
ok "bounded by the timeout (${took} s)" test "$took" -le 12

q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/after"
is "$(comm -23 "$TMPDIR_TEST/before" "$TMPDIR_TEST/after" | wc -l | tr -d ' ')" 0 \
	"no cached article was lost"
is "$(q "SELECT last_error FROM feeds WHERE url = '$BASE/flip/e410.xml'")" \
	"410 Gone: consider removing this feed" "the failure is kept on the feed's row"
is "$(q "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = '$BASE/flip/big.xml'")" 3 \
	"the oversized feed keeps its 3 items"
is "$(q "SELECT last_error IS NULL FROM feeds WHERE url = '$BASE/flip/works.xml'")" 1 \
	"a working feed has no error"

: >"$SERVER_LOG"
out=$(h refresh --feed "$BASE/flip/e429.xml" 2>&1); rc=$?
like "$out" "^skipped $BASE/flip/e429.xml: not asked: the server said to retry after (29[0-9]|300) s more" \
	"429: not asked again before its time"
is "$(server_requests 'e429')" 0 "429: no request made"
is "$rc" 1 "nothing fetched: exit 1"
like "$out" "nothing fetched: every feed asked to be left alone" "and why"

urls "$BASE/flip/e404.xml" "$BASE/flip/e500.xml"
out=$(h refresh 2>&1); rc=$?
is "$rc" 1 "every feed failed: exit 1"
like "$out" "herald: nothing could be fetched: every feed failed" "and the reason"
like "$out" "^2 feeds: 0 updated \(0 new items\), 0 unchanged, 2 failed" "summary"
done_testing
