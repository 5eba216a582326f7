#!/bin/sh
# bench/search.sh: full-text search latency on a generated cache.
#
#   bench/search.sh [HERALD] [N_ARTICLES]
#
# Builds a cache of N_ARTICLES (default 100000) generated articles in 200
# feeds (once; kept in bench/.search-cache/), then times `herald search`
# for a spread of queries: each is run 21 times and the median and the
# slowest wall-clock times of the whole command (process start, opening
# the cache, the ranked query, printing 50 rows) are reported.  Figures,
# not a test: see bench/README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
herald=${1:-$here/../build/herald}
n=${2:-100000}
dir=$here/.search-cache
cache=$dir/cache-$n.db

mkdir -p "$dir"
if [ ! -s "$cache" ]; then
	echo "generating $n articles into $cache ..."
	rm -f "$cache" "$cache-wal" "$cache-shm" "$dir/urls"
	start=$(date +%s)
	"$herald" --urls "$dir/urls" --cache "$cache" add https://seed.example/ >/dev/null
	python3 "$here/search-gen.py" "$cache" "$n"
	echo "generated in $(( $(date +%s) - start )) s"
fi
printf 'cache: %s articles, %s MB\n' \
	"$(sqlite3 "$cache" 'SELECT count(*) FROM items')" \
	"$(( $(stat -c %s "$cache") / 1048576 ))"

# In the process: store_rows alone, the cache already open.
build=$(dirname "$herald")
if [ -f "$build/libherald.a" ] && [ -f "$build/config.h" ]; then
	cc -O2 -I"$build" -I"$here/../include" -o "$dir/search-bench" \
		"$here/search-bench.c" "$build/libherald.a" \
		$(pkg-config --libs sqlite3 libxml-2.0 libcurl ncursesw) -lm
	echo
	echo "in the process, cache open, first page of 50, 21 runs each (ms):"
	echo "  ranked = herald search (median, max, median CPU);"
	echo "  by date = the reader's list filtered by a search; count = its total"
	printf '%-20s %5s %8s %8s %8s %8s %8s\n' query hits ranked max cpu \
		"by date" count
	"$dir/search-bench" "$cache" 21 zeppelin '"harbour master"' ka 'lo*' \
		'sti AND gle' 'harb*' nosuchword
fi

echo
echo "herald search, the whole command, 21 runs each:"
python3 - "$herald" "$cache" <<'PY'
import statistics, subprocess, sys, time
herald, cache = sys.argv[1], sys.argv[2]
queries = [
    ("zeppelin", "rare word (1 in 1000 articles)"),
    ('"harbour master"', "phrase (1 in 100)"),
    ("ka", "most common word (most articles)"),
    ("lo*", "prefix, very common"),
    ("sti AND gle", "two common words"),
    ("nosuchword", "no match"),
]
print("%-22s %-34s %7s %8s %8s" % ("query", "", "hits", "median", "max"))
for q, what in queries:
    times = []
    for _ in range(21):
        t = time.perf_counter()
        p = subprocess.run([herald, "--cache", cache, "search", q],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1000)
    hits = len(p.stdout.splitlines())
    print("%-22s %-34s %7d %6.1fms %6.1fms" %
          (q, what, hits, statistics.median(times), max(times)))
t = time.perf_counter()
for _ in range(21):
    subprocess.run([herald, "--version"], stdout=subprocess.DEVNULL)
print("(herald --version alone, the cost of starting the process: %.1f ms)"
      % ((time.perf_counter() - t) * 1000 / 21))
PY

echo
printf 'herald list, every article to /dev/null: '
/usr/bin/time -f '%e s wall, %U s user, %M KB peak RSS' \
	"$herald" --cache "$cache" list >/dev/null
