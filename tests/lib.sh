# lib.sh: TAP for shell tests.  Source it, call ok/is/like, end with
# done_testing.  $HERALD, $TOP_SRCDIR, $FIXTURES come from the test harness.
tap_n=0
tap_failed=0
TMPDIR_TEST=$(mktemp -d "${TMPDIR:-/tmp}/herald-test.XXXXXX")
trap 'tap_cleanup' EXIT
tap_cleanup_hooks=""

tap_cleanup() {
	for h in $tap_cleanup_hooks; do "$h"; done
	rm -rf "$TMPDIR_TEST"
}

# at_exit FUNCTION: run FUNCTION when the test ends, however it ends.
at_exit() { tap_cleanup_hooks="$tap_cleanup_hooks $1"; }

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $2"
	fi
}

# ok NAME COMMAND...: passes when COMMAND succeeds.
ok() {
	name=$1; shift
	if "$@" >/dev/null 2>&1; then tap_result 0 "$name"; else tap_result 1 "$name"; fi
}

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		printf '#          got: %s\n#     expected: %s\n' "$1" "$2" | head -40
	fi
}

# like GOT PATTERN NAME: grep -E pattern against got.
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		printf '%s\n' "$1" | head -20 | sed 's/^/#   got: /'
		printf '#   wanted to match: %s\n' "$2"
	fi
}

# unlike GOT PATTERN NAME
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 1 "$3"
		printf '%s\n' "$1" | grep -E -- "$2" | head -5 | sed 's/^/#   matched: /'
	else
		tap_result 0 "$3"
	fi
}

skip_all() { echo "1..0 # SKIP $1"; trap - EXIT; rm -rf "$TMPDIR_TEST"; exit 0; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
