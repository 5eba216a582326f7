#!/bin/sh
# bench/store-write.sh [BUILD] [FEEDS ITEMS]: the cost of writing refreshes
# into the cache (store_feed_update), without network or parser; see
# bench/README.md, section "search" (store writes).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
feeds=${2:-200}
items=${3:-50}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -O2 -I"$build" -I"$here/../include" -o "$dir/store-write" \
	"$here/store-write.c" "$build/libherald.a" \
	$(pkg-config --libs sqlite3 libxml-2.0 libcurl ncursesw) -lm
echo "$feeds feeds x $items items, about 2 KB of text each:"
"$dir/store-write" "$dir/cache.db" "$feeds" "$items"
