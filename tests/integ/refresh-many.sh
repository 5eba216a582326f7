#!/bin/sh
# 200 feeds at once: all of them land, a second run costs only 304s, and
# after the server adds an item to each the third run gets exactly those.
# Then one feed of 10,004 items: the refresh keeps 10,000 of them.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 90 --items 10

gen_urls 200 " gen" >"$URLS"

out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "200 feeds: exit 0"
is "$(printf '%s\n' "$out" | grep -c '^updated .*: 10 new, 10 items$')" 200 "200 feeds: each told 10 new"
like "$out" "^200 feeds: 200 updated \(2000 new items\), 0 unchanged, 0 failed" "200 feeds: summary"
is "$(q "SELECT count(*) FROM items")" 2000 "2000 items cached"
is "$(q "SELECT count(DISTINCT feed_id) FROM items")" 200 "from 200 feeds"
is "$(server_requests '^GET /gen/')" 200 "one request per feed"

: >"$SERVER_LOG"
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "no change: exit 0"
like "$out" "^200 feeds: 0 updated \(0 new items\), 200 unchanged, 0 failed" "no change: 200 unchanged"
is "$(server_requests '^GET /gen/[0-9]+.xml inm="gen-')" 200 "no change: every request conditional"

server_get /bump
out=$(h refresh --jobs 4 2>&1); rc=$?
like "$out" "^200 feeds: 200 updated \(200 new items\)" "after a bump: one new item each"
is "$(q "SELECT count(*) FROM items")" 2200 "2200 items cached"
is "$(q "SELECT count(*) FROM items WHERE guid = 'gen-17-11'")" 1 "the new item of feed 17 is there"

# A feed of more items than anyone reads: the first 10000 are kept, and
# the person is told how many were dropped.
awk 'BEGIN {
	print "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>"
	for (i = 1; i <= 10004; i++) print "<item><title>t" i "</title><guid>h" i "</guid></item>"
	print "</channel></rss>" }' >"$TMPDIR_TEST/huge.xml"
urls "$TMPDIR_TEST/huge.xml"
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "a huge feed: exit 0"
like "$out" "^updated $TMPDIR_TEST/huge.xml: 10000 new, 10000 items: only the first 10000 items were kept \\(4 more were dropped\\)$" \
	"a huge feed: capped, and said so"
done_testing
