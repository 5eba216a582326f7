#!/bin/sh
# Crash safety: herald refresh killed with SIGKILL in the middle of a
# 200-feed refresh, three times.  After each kill the cache passes
# PRAGMA integrity_check, every article cached before is still there with
# its read and starred state, and the next refresh completes.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 90 --items 20

gen_urls 200 >"$URLS"
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "the first refresh completes"
is "$(q "SELECT count(*) FROM items")" 4000 "4000 items cached"
q "UPDATE items SET read = 1 WHERE guid LIKE 'gen-1%'; UPDATE items SET starred = 1 WHERE guid LIKE 'gen-2%-3'"
read_before=$(q "SELECT count(*) FROM items WHERE read = 1")
starred_before=$(q "SELECT count(*) FROM items WHERE starred = 1")
q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/before"

refresh_pid=
kill_refresh() { [ -n "$refresh_pid" ] && kill -9 "$refresh_pid" 2>/dev/null; }
at_exit kill_refresh

# Each feed now answers after 40 ms, so a refresh takes seconds.
server_get '/delay?ms=40'
for delay in 0.3 0.6 0.9; do
	server_get /bump
	h refresh >"$TMPDIR_TEST/killed.out" 2>&1 &
	refresh_pid=$!
	sleep "$delay"
	kill -9 "$refresh_pid" 2>/dev/null
	wait "$refresh_pid" 2>/dev/null
	status=$?
	refresh_pid=
	done_feeds=$(grep -c '^updated' "$TMPDIR_TEST/killed.out")
	# A kill that came too late proves nothing: say so rather than pass.
	ok "killed mid-way after ${delay} s (status $status, $done_feeds of 200 feeds done)" \
		test "$status" -eq 137 -a "$done_feeds" -lt 200
	is "$(q "PRAGMA integrity_check")" ok "after the kill at ${delay} s: integrity_check ok"
	q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/after"
	is "$(comm -23 "$TMPDIR_TEST/before" "$TMPDIR_TEST/after" | wc -l | tr -d ' ')" 0 \
		"after the kill at ${delay} s: every article cached before is there"
	is "$(q "SELECT count(*) FROM items WHERE read = 1")" "$read_before" \
		"after the kill at ${delay} s: read state kept"
	is "$(q "SELECT count(*) FROM items WHERE starred = 1")" "$starred_before" \
		"after the kill at ${delay} s: starred state kept"
done

server_get '/delay?ms=0'
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "the next refresh completes"
like "$out" "^200 feeds: [0-9]+ updated .*, 0 failed" "with no failure"
is "$(q "SELECT count(*) FROM items")" 4600 "every feed has its 3 new items (4600)"
is "$(q "PRAGMA integrity_check")" ok "integrity_check ok at the end"
done_testing
