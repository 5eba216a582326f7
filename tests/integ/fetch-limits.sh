#!/bin/sh
# The fetcher's bounds: bodies over the cap (with a length, chunked,
# endless, a gzip bomb), a server that stalls or trickles while another
# answers at once, and 200 feeds in one go.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
PROBE=$TOP_BUILDDIR/tests/integ/fetch-probe
server_start --lifetime 60

probe() { "$PROBE" "$@" 2>&1; }
line() { printf '%s\n' "$out" | grep "^$1 "; }
field() { printf '%s\n' "$1" | sed -n "s/.* $2=\([^ ]*\).*/\1/p"; }
error_of() { printf '%s\n' "$1" | sed -n 's/.* error=//p'; }

cap='the body is larger than the 1 MiB limit: stopped'
out=$(probe --max-bytes 1048576 "$BASE/big.xml?mb=3" "$BASE/chunked-big.xml?mb=3" \
	"$BASE/endless.xml" "$BASE/gzip-bomb.xml?mb=8" "$BASE/chunked-big.xml?mb=1")
is "$(error_of "$(line 1)")" "$cap" "a length over the cap: stopped, in words"
is "$(field "$(line 1)" bytes)" 0 "a length over the cap: not even started"
is "$(error_of "$(line 2)")" "$cap" "a chunked body over the cap: stopped"
is "$(field "$(line 2)" bytes)" 1048576 "a chunked body: exactly the cap delivered"
is "$(error_of "$(line 3)")" "$cap" "an endless body: stopped"
is "$(error_of "$(line 4)")" "$cap" "a gzip bomb: stopped on decoded bytes"
like "$(line 5)" "status=ok code=200 bytes=1048576 " "a body of exactly the cap is fine"

# A server that stalls mid-body, one that trickles a byte a second, and a
# good feed, at once: the good one is not held up, the others end in time.
start=$(date +%s)
out=$(probe --timeout 5 --low-speed-time 1 "$BASE/stall.xml" \
	"$BASE/trickle.xml?n=600" "$BASE/feed.xml")
took=$(( $(date +%s) - start ))
like "$(line 3)" "status=ok code=200" "the good feed arrives"
ms=$(field "$(line 3)" ms)
ok "the good feed is not held up by the stalled ones (${ms} ms)" test "$ms" -lt 3000
like "$(printf '%s\n' "$out" | head -1)" '^3 ' "the good feed finishes first"
like "$(error_of "$(line 1)")" '^(stalled: less than 1 byte/s for 1 s|timed out after 5 s)' \
	"the stalled body: said so"
like "$(error_of "$(line 2)")" '^(stalled: less than 1 byte/s for 1 s|timed out after 5 s)' \
	"the trickle: stopped at the time limit"
ok "both within the limits (${took} s)" test "$took" -le 10

# 200 feeds at once, default limits.
set --
i=1
while [ $i -le 200 ]; do set -- "$@" "$BASE/gen/$i.xml?items=5"; i=$((i + 1)); done
: >"$SERVER_LOG"
out=$(probe "$@")
is "$(printf '%s\n' "$out" | grep -c 'status=ok code=200')" 200 "200 feeds: all fetched"
is "$(server_requests '^GET /gen/')" 200 "200 feeds: one request each"
is "$(sed -n 's/^GET \(\/gen\/[0-9]*\).*/\1/p' "$SERVER_LOG" | sort -u | wc -l | tr -d ' ')" 200 \
	"200 feeds: no feed asked twice"
done_testing
