#!/bin/sh
# Crash safety, repeated: herald refresh of 200 feeds killed with SIGKILL
# at up to 50 random moments (seeded; the seed is printed; as many as fit
# in 20 s), some runs writing new items, all updating every feed's row.
# After every kill the cache passes PRAGMA integrity_check, every article
# cached before that run is still there, and the read and starred marks
# are as they were.  (tests/integ/refresh-crash.sh kills three times at
# fixed moments; this one is the repeated, random one.)
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 120 --items 5

gen_urls 200 >"$URLS"
out=$(h refresh 2>&1)
like "$out" "^200 feeds: 200 updated \(1000 new items\)" "the first refresh fills the cache"
q "UPDATE items SET read = 1 WHERE guid LIKE 'gen-1%'; UPDATE items SET starred = 1 WHERE guid LIKE 'gen-2%-3'"
marks=$(q "SELECT sum(read) || ' ' || sum(starred) FROM items")
q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/before"

refresh_pid=
kill_refresh() { [ -n "$refresh_pid" ] && kill -9 "$refresh_pid" 2>/dev/null; }
at_exit kill_refresh

seed=${SEC_KILL_SEED:-$$}
delays=$(awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 50; i++) printf "%.2f\n", 0.03 + rand() * 0.3 }')
server_get '/delay?ms=30'
kills=0 bad_integrity=0 lost=0 bad_marks=0 runs=0 bumps=0
deadline=$(( $(date +%s) + 20 ))
for d in $delays; do
	[ "$(date +%s)" -ge "$deadline" ] && break
	runs=$((runs + 1))
	# New items every fifth run (asking the server costs a Python
	# start); the runs between still write each feed's row.
	if [ $((runs % 5)) -eq 1 ]; then server_get /bump; bumps=$((bumps + 1)); fi
	h refresh >/dev/null 2>&1 &
	refresh_pid=$!
	sleep "$d"
	kill -9 "$refresh_pid" 2>/dev/null
	wait "$refresh_pid" 2>/dev/null
	[ $? -eq 137 ] && kills=$((kills + 1))
	refresh_pid=
	# One sqlite3 run per kill: the checks, then every guid.
	q "PRAGMA integrity_check; SELECT sum(read) || ' ' || sum(starred) FROM items;
	   SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/after"
	[ "$(sed -n 1p "$TMPDIR_TEST/after")" = ok ] || bad_integrity=$((bad_integrity + 1))
	[ "$(sed -n 2p "$TMPDIR_TEST/after")" = "$marks" ] || bad_marks=$((bad_marks + 1))
	sed -i 1,2d "$TMPDIR_TEST/after"
	n=$(comm -23 "$TMPDIR_TEST/before" "$TMPDIR_TEST/after" | wc -l | tr -d ' ')
	[ "$n" -eq 0 ] || lost=$((lost + n))
	mv "$TMPDIR_TEST/after" "$TMPDIR_TEST/before"
done
echo "# seed $seed: $runs runs, $kills killed mid-refresh"
# 50 runs where the machine allows; the time bound wins on a slow or
# busy one (the sanitizer build), but never fewer than 15.
ok "$runs refreshes killed at random moments, $kills of them mid-way (seed $seed)" \
	test "$runs" -ge 15 -a "$kills" -ge $((runs * 3 / 4))
is "$bad_integrity" 0 "integrity_check ok after every kill"
is "$lost" 0 "no article cached before a kill was lost"
is "$bad_marks" 0 "read and starred marks kept through every kill"

server_get '/delay?ms=0'
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "the next refresh completes"
like "$out" "^200 feeds: .*, 0 failed" "no feed fails"
is "$(q "SELECT count(*) FROM items")" "$(( 1000 + bumps * 200 ))" \
	"every feed has all its items ($bumps bumps of one item each)"
is "$(q 'PRAGMA integrity_check')" ok "integrity_check ok at the end"
done_testing
