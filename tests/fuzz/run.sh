#!/bin/sh
# tests/fuzz/run.sh SECONDS [BUILDDIR]: run every fuzz target for SECONDS,
# keeping what it learns in tests/fuzz/corpus/NAME (new inputs are added
# there) and any crash in tests/fuzz/crashes/.  Build first with
#   mkdir build-fuzz && cd build-fuzz && ../configure CC=clang --enable-fuzzing && make check TESTS=
set -eu
secs=${1:?usage: tests/fuzz/run.sh SECONDS [BUILDDIR]}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$top/build-fuzz}
mkdir -p "$top/tests/fuzz/crashes"
for t in "$build"/tests/fuzz/fuzz-*; do
	[ -x "$t" ] || continue
	case $t in *.o|*.c) continue ;; esac
	name=${t##*/fuzz-}
	mkdir -p "$top/tests/fuzz/corpus/$name"
	echo "== $name ($secs s)"
	"$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$top/tests/fuzz/crashes/$name-" \
	    "$top/tests/fuzz/corpus/$name" 2>&1 | grep -E '^(stat::|#[0-9]+ *DONE|==.*ERROR)' || true
done
