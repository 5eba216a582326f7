#!/bin/sh
# A refresh inside the reader from a loopback server, one feed answering
# slowly: progress on the status line, a key sent during the refresh is
# answered before the refresh ends, and the lists update when feeds land.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"

server_start --lifetime 60
U=$TMPDIR_TEST/urls
C=$TMPDIR_TEST/cache.db
printf '%s/feed.xml quick\n%s/gen/7.xml?items=20&delay=2500 slow\n' \
	"$BASE" "$BASE" >"$U"

tui_start 120 40 -- --urls "$U" --cache "$C"
ok_wait "the reader starts with the feeds not yet fetched" '0/0 +http://127'
keys R
ok_wait "R starts a refresh shown on the status line" 'refreshing [0-9]/2'
keys '?'
ok_wait "a key sent during the refresh is answered" 'j, Down +move down' 2
s=$(screen)
like "$s" 'refreshing [01]/2' "while the refresh still runs"
ok "the slow feed has not been answered yet" \
	[ "$(grep -c 'GET /gen/7.xml' "$SERVER_LOG")" -le 1 ]
keys Escape
ok_wait "the refresh ends" 'refreshed 2 feeds: 23 new, 0 failed' 15
s=$(screen)
like "$s" '3/3 ' "the quick feed's items are listed"
like "$s" '20/20 ' "and the slow feed's"
like "$s" '23/23 +All unread' "All unread counts them all"
keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
