#!/bin/sh
# Run every built fuzz target briefly over its seed corpus (FUZZ_SECONDS
# each, default 3): a regression in CI shows as a crash here.  TAP output.
. "$TOP_SRCDIR/tests/lib.sh"
secs=${FUZZ_SECONDS:-3}
found=0
for t in "$TOP_BUILDDIR"/tests/fuzz/fuzz-*; do
	[ -x "$t" ] || continue
	case $t in *.o|*.c) continue ;; esac
	found=1
	name=${t##*/fuzz-}
	work="$TMPDIR_TEST/$name"
	mkdir -p "$work"
	seeds="$TOP_SRCDIR/tests/fuzz/corpus/$name"
	if "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$work/" "$work" "$seeds" \
	    >"$work/log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
		tap_result 0 "fuzz $name: ${runs:-?} runs, no crash"
	else
		tap_result 1 "fuzz $name crashed"
		grep -E 'ERROR|SUMMARY|artifact' "$work/log" | head -10 | sed 's/^/# /'
	fi
done
[ "$found" = 1 ] || skip_all "no fuzz targets built (configure --enable-fuzzing)"
done_testing
