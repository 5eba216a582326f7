#!/bin/sh
# tests/fuzz/run.sh SECONDS [BUILDDIR]: run every fuzz target for SECONDS
# (or only those named in $FUZZ_ONLY, e.g. FUZZ_ONLY="feed render").
# The committed seeds in tests/fuzz/corpus/NAME are read, never written:
# what a run learns goes to BUILDDIR/fuzz-corpus/NAME (kept between runs),
# its log to BUILDDIR/fuzz-logs/NAME.log and any crash to
# tests/fuzz/crashes/.  Build first with
#   mkdir build-fuzz && cd build-fuzz && ../configure CC=clang --enable-fuzzing && make check TESTS=
set -eu
secs=${1:?usage: tests/fuzz/run.sh SECONDS [BUILDDIR]}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$top/build-fuzz}
mkdir -p "$top/tests/fuzz/crashes" "$build/fuzz-logs"
for t in "$build"/tests/fuzz/fuzz-*; do
	[ -x "$t" ] || continue
	case $t in *.o|*.c) continue ;; esac
	name=${t##*/fuzz-}
	if [ -n "${FUZZ_ONLY:-}" ]; then
		case " $FUZZ_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	mkdir -p "$top/tests/fuzz/crashes"
	work="$build/fuzz-corpus/$name"
	mkdir -p "$work"
	echo "== $name ($secs s)"
	"$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$top/tests/fuzz/crashes/$name-" \
	    "$work" "$top/tests/fuzz/corpus/$name" >"$build/fuzz-logs/$name.log" 2>&1 || true
	grep -E '^(stat::|#[0-9]+ *DONE|==.*ERROR|fuzz invariant)' \
	    "$build/fuzz-logs/$name.log" || true
done
