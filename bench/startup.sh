#!/bin/sh
# bench/startup.sh: time to the first full screen on a 100,000-article
# cache, and resident memory once idle, for herald and newsboat on the
# same feeds; then opening a 5,000-item feed and key latency on it
# (200 Down keys sent at once, until the 201st row is on screen).
#
#   bench/startup.sh [FEEDS ITEMS]       (default 20 feeds x 5000 items)
#
# Environment: HERALD (default ./build/herald), BENCH_DIR (default
# /tmp/herald-bench; the feeds and caches are kept there between runs),
# RUNS (default 3), NEWSBOAT (default yes; "no" times herald alone,
# without building newsboat's caches).  Both readers run in a detached
# tmux of the script's own, 120x40, and the screen is polled with
# capture-pane: a time is from starting the command to the first capture
# showing the marker.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
HERALD=${HERALD:-$top/build/herald}
dir=${BENCH_DIR:-/tmp/herald-bench}
feeds=${1:-20} items=${2:-5000} runs=${RUNS:-3} newsboat=${NEWSBOAT:-yes}
sock=herald-bench-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1 || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# poll PATTERN LIMIT_S: until the screen matches; prints the time (ms).
poll() {
	end=$(( $(now_ms) + $2 * 1000 ))
	while :; do
		if tm capture-pane -p -t b 2>/dev/null | grep -Eq -- "$1"; then
			now_ms; return 0
		fi
		[ "$(now_ms)" -ge "$end" ] && { echo timeout; return 1; }
		sleep 0.002
	done
}

rss_kb() {
	pid=$(tm display-message -p -t b '#{pane_pid}')
	awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"
}

# stop: the server, waiting until it is gone.
stop() {
	tm kill-server >/dev/null 2>&1 || return 0
	while tm list-sessions >/dev/null 2>&1; do sleep 0.01; done
}

# start CMD: a fresh server with CMD in a 120x40 pane; prints t0.
start() {
	stop
	t0=$(now_ms)
	tm new-session -d -x 120 -y 40 -s b "exec env TERM=tmux-256color $1"
	echo "$t0"
}

make_caches() {
	d=$1 nf=$2 ni=$3
	if [ ! -f "$d/feeds/urls" ]; then
		python3 "$top/bench/mkcache.py" "$d/feeds" "$nf" "$ni"
	fi
	if [ ! -f "$d/herald.db" ]; then
		t=$(now_ms)
		"$HERALD" --urls "$d/feeds/urls" --cache "$d/herald.db" \
			--config /dev/null --offline refresh >/dev/null
		echo "  herald refresh of $((nf * ni)) items: $(( $(now_ms) - t )) ms"
	fi
	[ "$newsboat" = no ] && return 0
	if [ ! -f "$d/newsboat.db" ]; then
		t=$(now_ms)
		newsboat -u "$d/feeds/urls" -c "$d/newsboat.db" -C /dev/null \
			-x reload >/dev/null 2>&1
		echo "  newsboat reload of $((nf * ni)) items: $(( $(now_ms) - t )) ms"
	fi
	if [ ! -f "$d/newsboat-analyzed.db" ]; then
		cp "$d/newsboat.db" "$d/newsboat-analyzed.db"
		sqlite3 "$d/newsboat-analyzed.db" ANALYZE
	fi
}

herald_cmd() { echo "$HERALD --urls $1/feeds/urls --cache $1/herald.db --config /dev/null --offline"; }
newsboat_cmd() { echo "newsboat -u $1/feeds/urls -c $2 -C /dev/null"; }

# first_screen NAME CMD MARKER LIMIT: RUNS runs, each time and idle RSS.
first_screen() {
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(start "$2")
		t1=$(poll "$3" "$4") || { echo "  $1: no first screen in $4 s"; return; }
		sleep 1
		echo "  $1: first screen $(( t1 - t0 )) ms, idle RSS $(rss_kb) kB"
		i=$((i + 1))
	done
}

# open_feed NAME CMD FIRST OPEN-KEYS LISTMARKER LASTMARKER
open_feed() {
	i=0
	while [ $i -lt "$runs" ]; do
		start "$2" >/dev/null
		poll "$3" 120 >/dev/null || { echo "  $1: no start"; return; }
		t0=$(now_ms)
		# shellcheck disable=SC2086
		tm send-keys -t b $4
		t1=$(poll "$5" 30) || { echo "  $1: the feed did not open"; return; }
		sleep 1
		r=$(rss_kb)
		t2=$(now_ms)
		keys=$(printf 'Down %.0s' $(seq 1 200))
		# shellcheck disable=SC2086
		tm send-keys -t b $keys
		t3=$(poll "$6" 30) || { echo "  $1: keys not answered"; return; }
		echo "  $1: feed open $(( t1 - t0 )) ms, RSS $r kB;" \
			"200 x Down in $(( t3 - t2 )) ms ($(( (t3 - t2) * 1000 / 200 )) us a key)"
		i=$((i + 1))
	done
}

nb=$([ "$newsboat" = no ] || newsboat -v | head -1)
echo "herald $("$HERALD" --version | cut -d' ' -f2), ${nb:-no newsboat}, tmux $(tmux -V | cut -d' ' -f2)"
echo "$(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MB"

big=$dir/big-$feeds-$items
echo "caches: $feeds feeds x $items items in $big"
make_caches "$big" "$feeds" "$items"
echo "first full screen, $((feeds * items)) articles:"
first_screen "baseline (tmux and polling alone: sh printing the marker)" \
	"sh -c 'echo All unread; exec sleep 60'" 'All unread' 10
first_screen herald "$(herald_cmd "$big")" 'All unread.*' 30
[ "$newsboat" = no ] || first_screen "newsboat (ANALYZEd cache)" \
	"$(newsboat_cmd "$big" "$big/newsboat-analyzed.db")" 'q:Quit' 120
[ "$newsboat" = no ] || RUNS=1 runs=1 first_screen "newsboat (cache as reload left it)" \
	"$(newsboat_cmd "$big" "$big/newsboat.db")" 'q:Quit' 120

one=$dir/one-1-5000
echo "caches: 1 feed x 5000 items in $one"
make_caches "$one" 1 5000
echo "opening a 5,000-item feed, then 200 x Down:"
open_feed herald "$(herald_cmd "$one")" 'Enter open' 'j j Enter' \
	'5000 unread of 5000' 'story 200:'
[ "$newsboat" = no ] || open_feed newsboat "$(newsboat_cmd "$one" "$one/newsboat.db")" 'q:Quit' \
	'Enter' 'Articles in feed' 'story 200:'
