#!/bin/sh
# bench/render.sh [N]: render throughput on N generated articles (default
# 3000), CMS-shaped HTML of 2-200 KB with quotations, links, lists,
# blockquotes and a Read-also block.  Uses the plain build in build/
# (./quickstart makes it); prints articles/s, MB/s and ms per 10 KB.
# The goal: any article under 1 ms per 10 KB.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
[ -f "$build/libherald.a" ] || { echo "build $build first (./quickstart)"; exit 1; }
out=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2046
${CC:-cc} -O2 -std=c11 -I"$build" -I"$top/include" \
	"$top/bench/render-bench.c" "$build/libherald.a" \
	$(pkg-config --cflags --libs libxml-2.0 libcurl) -o "$out/render-bench"
"$out/render-bench" "${1:-3000}"
