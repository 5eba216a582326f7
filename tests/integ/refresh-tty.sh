#!/bin/sh
# On a terminal herald refresh draws one progress line that moves, lists
# only the failures above it, and ends with the summary.  Run under
# script(1), which gives it a pseudo-terminal.
. "$TOP_SRCDIR/tests/lib.sh"
command -v script >/dev/null 2>&1 || skip_all "script(1) is not installed"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 30 --items 5

urls "$BASE/gen/1.xml" "$BASE/gen/2.xml" "$BASE/gen/3.xml" "$BASE/status/404"
script -qec "$HERALD --urls $URLS --cache $CACHE --config $CONFIG refresh" \
	"$TMPDIR_TEST/typescript" >/dev/null 2>&1 </dev/null
rc=$?
is "$rc" 0 "exit 0 on a terminal too"
screen=$(tr '\r' '\n' <"$TMPDIR_TEST/typescript" | sed 's/\x1b\[K//g')
like "$screen" '^refreshing: [0-9]/4 feeds, ' "a progress line is drawn"
like "$screen" '^refreshing: 0/4 feeds, 0 bytes, 0 new items$' "it starts at zero"
like "$screen" "^failed $BASE/status/404: 404 Not Found" "a failure is listed"
unlike "$screen" '^updated ' "feeds that worked are not listed one by one"
like "$screen" '^4 feeds: 3 updated \(15 new items\), 0 unchanged, 1 failed' "the summary ends it"
ok "the line is cleared before each print" grep -q "$(printf '\r\033\\[K')" "$TMPDIR_TEST/typescript"
done_testing
