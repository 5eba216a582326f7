#!/bin/sh
# bench/memory.sh [CYCLES] [FEEDS]: memory of one process over CYCLES
# refreshes (default 100) of FEEDS feeds (default 200) from the loopback
# test server, each cycle bringing one new item per feed (as a reader left
# open for days would see).  Uses the plain build in build/.  Prints RSS
# after cycles 1, 10, 50 and the last, the peak, and the growth from cycle
# 10 to the last (what a leak would show as).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
cycles=${1:-100}
feeds=${2:-200}
[ -f "$build/libherald.a" ] || { echo "build $build first (./quickstart)"; exit 1; }
out=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench.XXXXXX")
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT
# shellcheck disable=SC2046
${CC:-cc} -O2 -std=c11 -I"$build" -I"$top/include" "$top/bench/memory.c" \
	"$build/libherald.a" $(pkg-config --cflags --libs libxml-2.0 libcurl \
	sqlite3 ncursesw) -lm -o "$out/bench-memory"
python3 "$top/tests/integ/server.py" --lifetime 3600 --items 20 >"$out/port" &
server=$!
while [ ! -s "$out/port" ]; do sleep 0.1; done
base=http://127.0.0.1:$(head -1 "$out/port")
i=1
while [ "$i" -le "$feeds" ]; do echo "$base/gen/$i.xml"; i=$((i + 1)); done >"$out/urls"
start=$(date +%s)
"$out/bench-memory" "$out/urls" "$out/cache.db" "$cycles" "$base/bump" >"$out/log"
took=$(( $(date +%s) - start ))
awk -v took="$took" -v feeds="$feeds" -v cache="$(du -k "$out/cache.db" | cut -f1)" '
NR == 1 { next }
{ rss[$1] = $2; hwm = $3; items += $4; last = $1 }
END {
	printf "%d cycles of %d feeds in %d s, %d new items, cache %.1f MB\n",
	    last, feeds, took, items, cache / 1024
	printf "RSS after cycle 1: %.1f MB, 10: %.1f MB, 50: %.1f MB, %d: %.1f MB\n",
	    rss[1] / 1024, rss[10] / 1024, rss[50] / 1024, last, rss[last] / 1024
	printf "peak RSS (VmHWM): %.1f MB; growth from cycle 10 to %d: %+.1f MB\n",
	    hwm / 1024, last, (rss[last] - rss[10]) / 1024
}' "$out/log"
