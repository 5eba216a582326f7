#!/bin/sh
# bench/refresh.sh: herald refresh against newsboat, side by side.
#
#   bench/refresh.sh [HERALD]        (default: build/herald)
#   FEEDS=200 ITEMS=50 REPS=3 bench/refresh.sh
#
# FEEDS generated feeds of ITEMS items each are served by the loopback test
# server (tests/integ/server.py, bodies made once and kept, so the server
# costs every client the same).  Each client refreshes into an empty
# cache REPS times, then again with nothing changed REPS times, the
# clients taking turns in each round.  Wall time is taken around each run
# to the millisecond (GNU time's %e counts hundredths, too coarse for a
# 60 ms run); CPU time (user + system) and peak RSS come from GNU time;
# each figure is the median run.  newsboat runs with reload-threads 1
# and 8 when it is installed.  Prints a Markdown table.  Figures, not a
# pass/fail test.
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

# Clients are numbered: label_N, cache_N and the command in cmd_N (a
# line for eval, so it can set HOME).  Rounds go client by client, so a
# noisy moment of the machine falls on every client alike rather than on
# whichever ran then.
nclients=0
client() {
	nclients=$((nclients + 1))
	eval "label_$nclients=\$1 cache_$nclients=\$2 cmd_$nclients=\$3"
}
clear_cache() { rm -f "$1" "$1"-wal "$1"-shm "$1".lock; }

# timed N PHASE: one run of client N, appended to its PHASE's runs.
timed() {
	eval "label=\$label_$1 cmd=\$cmd_$1"
	start=$(date +%s%N)
	if ! eval "\"$TIME\" -f '%U %S %M' -o \"$work/t\" $cmd" >"$work/out" 2>&1; then
		echo "refresh.sh: $label failed:" >&2
		tail -5 "$work/out" >&2
	fi
	end=$(date +%s%N)
	echo "$(( (end - start) / 1000 )) $(tail -1 "$work/t")" >>"$work/runs-$1-$2"
}

# median N PHASE WORDS: the table row of client N's median run.
median() {
	eval "label=\$label_$1"
	sort -n "$work/runs-$1-$2" | awk -v n="$REPS" -v label="$label, $3" '
		NR == int((n + 1) / 2) {
			printf "| %s | %.3f | %.2f | %.1f |\n", label, $1 / 1e6, $2 + $3, $4 / 1024
		}'
}

q() { printf "'%s'" "$1"; }
: >"$work/config"
client herald "$work/herald.db" "$(q "$HERALD") --urls $(q "$work/urls") \
	--cache $(q "$work/herald.db") --config $(q "$work/config") refresh"
# Every feed here is on one host, so herald's default of 4 transfers per
# host sets its pace; newsboat with 8 threads opens 8.  Same footing:
printf 'max-connections-per-host = 8\n' >"$work/config8"
client "herald, 8 per host" "$work/herald8.db" "$(q "$HERALD") \
	--urls $(q "$work/urls") --cache $(q "$work/herald8.db") \
	--config $(q "$work/config8") refresh"
if command -v newsboat >/dev/null 2>&1; then
	for threads in 1 8; do
		printf 'reload-threads %s\n' "$threads" >"$work/nb-$threads.conf"
		client "newsboat, reload-threads $threads" "$work/nb-$threads.db" \
		    "env HOME=$(q "$work") newsboat -u $(q "$work/urls") \
		    -c $(q "$work/nb-$threads.db") -C $(q "$work/nb-$threads.conf") \
		    -x reload"
	done
fi

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
echo "$FEEDS feeds x $ITEMS items, loopback; $(nproc) cores, load average $load at the start; median of $REPS, clients taking turns"
echo
echo "| run | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|"
# rounds PHASE [clear]: REPS rounds of every client's run, each into an
# empty cache when asked.
rounds() {
	r=0
	while [ $r -lt "$REPS" ]; do
		n=1
		while [ $n -le $nclients ]; do
			[ -z "${2:-}" ] || eval "clear_cache \"\$cache_$n\""
			timed $n "$1"
			n=$((n + 1))
		done
		r=$((r + 1))
	done
}
rounds first clear
# Each cache filled once more, then the runs with nothing changed.
n=1
while [ $n -le $nclients ]; do
	eval "clear_cache \"\$cache_$n\"; eval \"\$cmd_$n\"" >/dev/null 2>&1 || true
	n=$((n + 1))
done
rounds same
n=1
while [ $n -le $nclients ]; do
	median $n first "empty cache"
	median $n same "nothing changed"
	n=$((n + 1))
done
items=$(sqlite3 "$work/herald.db" 'SELECT count(*) FROM items' 2>/dev/null || echo '?')
if command -v newsboat >/dev/null 2>&1; then
	nbitems=$(sqlite3 "$work/nb-8.db" 'SELECT count(*) FROM rss_item' 2>/dev/null || echo '?')
else
	echo "| newsboat | not installed | | |"
	nbitems=-
fi
echo
echo "items cached: herald $items, newsboat $nbitems"
