#!/bin/sh
# bench/refresh.sh: herald refresh against newsboat, side by side.
#
#   bench/refresh.sh [HERALD]        (default: build/herald)
#   FEEDS=200 ITEMS=50 REPS=3 bench/refresh.sh
#
# FEEDS generated feeds of ITEMS items each are served by the loopback test
# server (tests/integ/server.py, bodies made once and kept, so the server
# costs every client the same).  Each client refreshes into an empty
# cache, then again with nothing changed.  Wall time is taken around
# each run to the millisecond (GNU time's %e counts hundredths, too
# coarse for a 60 ms run); CPU time (user + system) and peak RSS come
# from GNU time; with REPS > 1 each figure is the median run.  newsboat runs with reload-threads 1 and 8 when it is
# installed.  Prints a Markdown table.  Figures, not a pass/fail test.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
HERALD=${1:-$top/build/herald}
FEEDS=${FEEDS:-200}
ITEMS=${ITEMS:-50}
REPS=${REPS:-1}
TIME=/usr/bin/time

[ -x "$HERALD" ] || { echo "refresh.sh: no $HERALD: build first" >&2; exit 1; }
[ -x "$TIME" ] || { echo "refresh.sh: needs GNU time ($TIME)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench.XXXXXX")
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

python3 "$top/tests/integ/server.py" --lifetime 1800 --items "$ITEMS" \
	>"$work/port" &
server=$!
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(cat "$work/port")
i=1
while [ $i -le "$FEEDS" ]; do
	echo "http://127.0.0.1:$port/gen/$i.xml"
	i=$((i + 1))
done >"$work/urls"
# Warm the server: every body made once before anything is timed.
python3 - "$work/urls" <<'EOF'
import sys, urllib.request
for url in open(sys.argv[1]):
    urllib.request.urlopen(url.strip()).read()
EOF

# run NAME CACHE-TO-CLEAR COMMAND...: REPS timed runs, medians printed.
run() {
	label=$1 clear=$2; shift 2
	: >"$work/runs"
	r=0
	while [ $r -lt "$REPS" ]; do
		[ -n "$clear" ] && rm -f "$clear" "$clear"-wal "$clear"-shm "$clear".lock
		start=$(date +%s%N)
		if ! "$TIME" -f '%U %S %M' -o "$work/t" "$@" >"$work/out" 2>&1; then
			echo "refresh.sh: $label failed:" >&2
			tail -5 "$work/out" >&2
		fi
		end=$(date +%s%N)
		echo "$(( (end - start) / 1000 )) $(tail -1 "$work/t")" >>"$work/runs"
		r=$((r + 1))
	done
	sort -n "$work/runs" | awk -v n="$REPS" -v label="$label" '
		NR == int((n + 1) / 2) {
			printf "| %s | %.3f | %.2f | %.1f |\n", label, $1 / 1e6, $2 + $3, $4 / 1024
		}'
}

# first NAME CACHE COMMAND...: an empty cache each time, then one filled
# run left in place for the no-change runs that follow.
first_then_same() {
	who=$1 cache=$2; shift 2
	run "$who, empty cache" "$cache" "$@"
	rm -f "$cache" "$cache"-wal "$cache"-shm "$cache".lock
	"$@" >/dev/null 2>&1 || true
	run "$who, nothing changed" "" "$@"
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
echo "$FEEDS feeds x $ITEMS items, loopback; $(nproc) cores, load average $load at the start; median of $REPS"
echo
echo "| run | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|"
: >"$work/config"
first_then_same "herald" "$work/herald.db" \
	"$HERALD" --urls "$work/urls" --cache "$work/herald.db" \
	--config "$work/config" refresh
# Every feed here is on one host, so herald's default of 4 transfers per
# host sets its pace; newsboat with 8 threads opens 8.  Same footing:
printf 'max-connections-per-host = 8\n' >"$work/config8"
first_then_same "herald, 8 per host" "$work/herald8.db" \
	"$HERALD" --urls "$work/urls" --cache "$work/herald8.db" \
	--config "$work/config8" refresh
items=$(sqlite3 "$work/herald.db" 'SELECT count(*) FROM items' 2>/dev/null || echo '?')

if command -v newsboat >/dev/null 2>&1; then
	for threads in 1 8; do
		printf 'reload-threads %s\n' "$threads" >"$work/nb-$threads.conf"
		HOME=$work first_then_same "newsboat, reload-threads $threads" \
			"$work/nb-$threads.db" newsboat -u "$work/urls" \
			-c "$work/nb-$threads.db" -C "$work/nb-$threads.conf" \
			-x reload
	done
	nbitems=$(sqlite3 "$work/nb-8.db" 'SELECT count(*) FROM rss_item' 2>/dev/null || echo '?')
else
	echo "| newsboat | not installed | | |"
	nbitems=-
fi
echo
echo "items cached: herald $items, newsboat $nbitems"
