#!/bin/sh
# bench/load.sh refresh|cache|all [HERALD]: herald under load.  Figures,
# not a test: see bench/README.md ("load").
#
#   refresh  2,000 feeds from the loopback test server in one refresh:
#            1,800 answer at once, 100 after 2 s, 50 with 500, 30 with
#            404, 10 stall mid-body, 10 are malformed.  Wall time, the
#            summary line, failures counted, peak RSS (GNU time %M).
#   cache    a 1,000,000-article cache (bench/load-cache.sql: short
#            generated articles, about a minute to make; kept in
#            bench/.search-cache/load-1000000.db): `herald list` to the
#            first 50 rows and in full, `herald search` for a rare, a
#            common and a missing word, each run 5 times (median, max); then the reader in tmux: time until the article list of
#            "All unread" is drawn, and paging: 200 PgDn, End, Home.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
what=${1:-all}
herald=${2:-$top/build/herald}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-load.XXXXXX")
server=
sock=herald-load-$$
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

ms() { date +%s%N | cut -c1-13; }

load_refresh() {
	python3 "$top/tests/integ/server.py" --lifetime 600 --items 20 >"$tmp/port" &
	server=$!
	while [ ! -s "$tmp/port" ]; do sleep 0.1; done
	base=http://127.0.0.1:$(head -1 "$tmp/port")
	{
		i=1
		while [ $i -le 1800 ]; do echo "$base/gen/$i.xml"; i=$((i + 1)); done
		while [ $i -le 1900 ]; do echo "$base/gen/$i.xml?delay=2000"; i=$((i + 1)); done
		while [ $i -le 1950 ]; do echo "$base/status/500?n=$i"; i=$((i + 1)); done
		while [ $i -le 1980 ]; do echo "$base/status/404?n=$i"; i=$((i + 1)); done
		while [ $i -le 1990 ]; do echo "$base/stall.xml?n=$i"; i=$((i + 1)); done
		while [ $i -le 2000 ]; do echo "$base/malformed.xml?n=$i"; i=$((i + 1)); done
	} >"$tmp/urls"
	# All 2,000 are on one host here; PER_HOST raises herald's per-host
	# limit (default 4) to show what the slow ones cost through it.
	: >"$tmp/config"
	[ -n "${PER_HOST:-}" ] && echo "max-connections-per-host = $PER_HOST" >"$tmp/config"
	echo "== refresh: 2000 feeds (1800 fast, 100 slow, 50 x 500, 30 x 404, 10 stalled, 10 malformed)"
	for run in cold warm; do
		start=$(ms)
		/usr/bin/time -f '%M' -o "$tmp/rss" "$herald" --urls "$tmp/urls" \
			--cache "$tmp/cache.db" --config "$tmp/config" refresh \
			--timeout 10 >"$tmp/out" 2>&1 || true
		took=$(( $(ms) - start ))
		printf '%s: %d.%03d s, peak RSS %.1f MB\n' "$run" $((took / 1000)) \
			$((took % 1000)) "$(echo "$(cat "$tmp/rss") / 1024" | bc -l)"
		tail -1 "$tmp/out" | sed 's/^/  /'
		printf '  failure lines: %s (500: %s, 404: %s, stalled/timed out: %s, malformed: %s)\n' \
			"$(grep -c '^failed' "$tmp/out" || true)" \
			"$(grep -c '^failed.*500' "$tmp/out" || true)" \
			"$(grep -c '^failed.*404' "$tmp/out" || true)" \
			"$(grep -Ec '^failed.*(timed out|stalled)' "$tmp/out" || true)" \
			"$(grep -c '^[a-z]* .*malformed' "$tmp/out" || true)"
	done
	printf '  cache: %s items, %s MB\n' "$(sqlite3 "$tmp/cache.db" 'SELECT count(*) FROM items')" \
		"$(( $(stat -c %s "$tmp/cache.db") / 1048576 ))"
	kill "$server" 2>/dev/null; server=
}

# median5 CMD...: run CMD 5 times, print "median max" in ms.
median5() {
	for k in 1 2 3 4 5; do
		s=$(ms); "$@" >/dev/null 2>&1 || true; echo $(( $(ms) - s ))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%d ms (max %d ms)", v[3], v[5] }'
}

# tui_wait PATTERN: poll the reader's screen; prints ms waited.
tui_wait() {
	s=$(ms)
	while ! tmux -L "$sock" capture-pane -p -t t 2>/dev/null | grep -Eq -- "$1"; do
		[ $(( $(ms) - s )) -gt 60000 ] && { echo "timeout"; return 0; }
		sleep 0.01
	done
	echo $(( $(ms) - s ))
}

load_cache() {
	dir=$here/.search-cache
	cache=$dir/load-1000000.db
	mkdir -p "$dir"
	if [ ! -s "$cache" ]; then
		echo "generating 1,000,000 articles into $cache (once) ..."
		s=$(date +%s)
		"$herald" --urls "$dir/load-urls" --cache "$cache" add https://seed.example/ >/dev/null
		sqlite3 "$cache" <"$here/load-cache.sql" >/dev/null
		# The reader keeps the cache's feeds in line with the urls file.
		i=1
		while [ $i -le 200 ]; do echo "https://bench$i.example/feed"; i=$((i + 1)); done >>"$dir/load-urls"
		echo "generated in $(( $(date +%s) - s )) s"
	fi
	echo "== cache: $(sqlite3 "$cache" 'SELECT count(*) FROM items') articles, $(( $(stat -c %s "$cache") / 1048576 )) MB"
	h() { "$herald" --urls "$dir/load-urls" --cache "$cache" --config /dev/null "$@"; }
	echo "list, first 50 rows:      $(median5 sh -c "\"$herald\" --cache '$cache' --config /dev/null list | head -50")"
	echo "list, all rows (to wc):   $(median5 sh -c "\"$herald\" --cache '$cache' --config /dev/null list | wc -l")"
	echo "search, rare word:        $(median5 h search zeppelin)"
	echo "search, common word:      $(median5 h search harbour)"
	echo "search, no match:         $(median5 h search nosuchword)"
	command -v tmux >/dev/null 2>&1 || return 0
	s=$(ms)
	LC_ALL=C.UTF-8 tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 -s t \
		"env TERM=tmux-256color LC_ALL=C.UTF-8 '$herald' --urls '$dir/load-urls' --cache '$cache' --config /dev/null"
	echo "reader: feed list drawn after $(tui_wait 'All unread') ms"
	tmux -L "$sock" send-keys -t t Enter
	echo "reader: All unread (666,666 rows) listed after $(tui_wait 'Story 1000000:') ms"
	s=$(ms)
	k=0
	while [ $k -lt 200 ]; do tmux -L "$sock" send-keys -t t NPage; k=$((k + 1)); done
	echo "reader: 200 PgDn sent in $(( $(ms) - s )) ms"
	s=$(ms)
	tmux -L "$sock" send-keys -t t End
	echo "reader: End (the oldest, Story 1) drawn after $(tui_wait 'Story 1:') ms"
	tmux -L "$sock" send-keys -t t Home
	echo "reader: Home (the newest again) drawn after $(tui_wait 'Story 1000000:') ms"
	tmux -L "$sock" send-keys -t t Enter
	echo "reader: the newest article opened after $(tui_wait 'A quotation') ms"
	printf 'reader RSS: %s MB\n' "$(ps -o rss= -C herald | sort -n | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')"
	tmux -L "$sock" send-keys -t t Q
}

case $what in
refresh) load_refresh ;;
cache) load_cache ;;
all) load_refresh; load_cache ;;
*) echo "usage: bench/load.sh refresh|cache|all [HERALD]" >&2; exit 2 ;;
esac
