#!/bin/sh
# Two processes on one cache: while herald refresh writes 200 feeds, a
# second process marks articles read (sqlite3, as the reader would) and
# herald search and herald list read.  Nobody is told "database is
# locked", everybody succeeds, and the refresh keeps the read marks.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 90 --items 20

gen_urls 200 >"$URLS"
h refresh >/dev/null 2>&1
is "$(q "SELECT count(*) FROM items")" 4000 "4000 items cached"

refresh_pid=
stop_refresh() { [ -n "$refresh_pid" ] && kill "$refresh_pid" 2>/dev/null; }
at_exit stop_refresh
server_get '/delay?ms=20'
server_get /bump
h refresh >"$TMPDIR_TEST/refresh.out" 2>&1 &
refresh_pid=$!

fails=0 rounds=0
: >"$TMPDIR_TEST/other.err"
while [ $rounds -lt 40 ] && kill -0 "$refresh_pid" 2>/dev/null; do
	rounds=$((rounds + 1))
	q "UPDATE items SET read = 1 WHERE guid = 'gen-$rounds-1'" 2>>"$TMPDIR_TEST/other.err" ||
		fails=$((fails + 1))
	h search harbour >/dev/null 2>>"$TMPDIR_TEST/other.err" || fails=$((fails + 1))
	h list --unread >/dev/null 2>>"$TMPDIR_TEST/other.err" || fails=$((fails + 1))
done
wait "$refresh_pid"; rc=$?
refresh_pid=
ok "the other process ran while the refresh did ($rounds rounds)" \
	test "$rounds" -ge 3
is "$fails" 0 "every mark, search and list succeeded"
is "$(grep -ci 'locked' "$TMPDIR_TEST/other.err" "$TMPDIR_TEST/refresh.out" | awk -F: '{s += $NF} END {print s}')" 0 \
	"nobody was told the database is locked"
is "$rc" 0 "the refresh succeeded"
like "$(cat "$TMPDIR_TEST/refresh.out")" "^200 feeds: 200 updated \(200 new items\), 0 unchanged, 0 failed" \
	"every feed landed"
is "$(q "SELECT count(*) FROM items WHERE read = 1 AND guid LIKE 'gen-%-1'")" "$rounds" \
	"the read marks made during the refresh are kept"
is "$(q "PRAGMA integrity_check")" ok "integrity_check ok"
done_testing
