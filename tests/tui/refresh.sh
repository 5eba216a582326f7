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
printf '%s/feed.xml quick\n%s/gen/7.xml?items=20&delay=2500 slow\n%s\n' \
	"$BASE" "$BASE" "$BASE/status/500" >"$U"

tui_start 120 40 -- --urls "$U" --cache "$C"
ok_wait "the reader starts with the feeds not yet fetched" '0/0 +http://127'
keys R
ok_wait "R starts a refresh shown on the status line" 'refreshing [0-9]/3'
keys '?'
ok_wait "a key sent during the refresh is answered" 'j, Down +move down' 2
s=$(screen)
like "$s" 'refreshing [012]/3' "while the refresh still runs"
ok "the slow feed has not been answered yet" \
	[ "$(grep -c 'GET /gen/7.xml' "$SERVER_LOG")" -le 1 ]
keys Escape
ok_wait "the refresh ends" 'refreshed 3 feeds: 23 new, 1 failed' 15
s=$(screen)
like "$s" '3/3 ' "the quick feed's items are listed"
like "$s" '20/20 ' "and the slow feed's"
like "$s" '23/23 +All unread' "All unread counts them all"
like "$s" '^ ! +0/0 +http://127.0.0.1:[0-9]+/status/500' \
	"the failed feed carries a mark"
keys G
ok_wait "selected, its reason is on the status line" \
	'last refresh failed: .*500'

# New items while a list is open: the selection stays on its article.
keys k Enter
ok_wait "the slow feed's list" '· 20 unread of 20'
keys j j j j
title=$(screen | sed -n 6p | grep -o 'Feed 7, story [0-9]*')
ok "the fifth row is selected ($title)" wait_style "$title" 'bg=6'
python3 -c "import urllib.request; urllib.request.urlopen('$BASE/bump').read()"
keys r
ok_wait "r refreshes this feed and the new item lands" '· 21 unread of 21' 15
ok "the selection is still on the same article" wait_style "$title" 'bg=6'
like "$(screen | sed -n 2p)" '2025-[0-9][0-9]-[0-9][0-9] +Feed 7, story 20' \
	"a date of another year is shown whole"

keys Q
is "$(wait_exit)" 0 "Q quits"

tui_start 120 40 -- --urls "$U" --cache "$C" --offline
ok_wait "--offline: the cache is read at once" '24/24 +All unread'
like "$(screen)" 'offline · \? help' "the top bar says offline"
n=$(grep -c GET "$SERVER_LOG")
keys R
ok_wait "--offline: R touches no network" \
	'refreshed 3 feeds: 0 new, 0 failed, the rest skipped \(offline\)' 5
is "$(grep -c GET "$SERVER_LOG")" "$n" "no request reached the server"
keys Enter
ok_wait "--offline: articles can be read" 'All unread · 24 unread of 24'
keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
