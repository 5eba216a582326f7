#!/bin/sh
# Hostile servers in one refresh beside good feeds: an endless body, a
# byte-a-second trickle, a stall, a 300 KB header, a gzip bomb, redirects
# to file:, ftp: and gopher:, and a second server whose headers carry
# escape sequences and whose permanent redirect is built to break the
# urls file.  Each bad feed ends within the limits with its own message,
# the good ones are read, no message carries a control character, the
# urls file still reads back with no command in it, and (on the plain
# build) the whole refresh stays under a 512 MB address-space limit.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 60 --items 5

canary=$TMPDIR_TEST/canary
python3 "$TOP_SRCDIR/tests/integ/sec-evil-server.py" "$canary" \
	>"$TMPDIR_TEST/evil.port" 2>/dev/null &
evil_pid=$!
evil_stop() { kill "$evil_pid" 2>/dev/null; wait "$evil_pid" 2>/dev/null; }
at_exit evil_stop
i=0
while [ ! -s "$TMPDIR_TEST/evil.port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
EVIL=http://127.0.0.1:$(head -1 "$TMPDIR_TEST/evil.port")

urls "$BASE/endless.xml" "$BASE/trickle.xml?n=600" "$BASE/stall.xml" \
	"$BASE/huge-header" "$BASE/gzip-bomb.xml?mb=16" "$BASE/to-file" \
	"$BASE/redirect/301?to=file:///etc/passwd" \
	"$BASE/redirect/302?to=ftp://127.0.0.1:$PORT/x" \
	"$BASE/redirect/301?to=gopher://127.0.0.1:$PORT/x" \
	"$EVIL/esc-refused" "$EVIL/esc-moved" "$EVIL/moved-quoted" \
	"$EVIL/esc-headers" \
	"$BASE/gen/1.xml" "$BASE/gen/2.xml" "$BASE/feed.xml"
echo "max-bytes = 2M" >"$CONFIG"

if (ulimit -v 524288 && "$HERALD" --version) >/dev/null 2>&1; then
	limit="ulimit -v 524288;" note="under 512 MB"
else
	limit="" note="no memory limit under the sanitizers"
fi
start=$(date +%s)
sh -c "$limit exec \"\$@\"" sh "$HERALD" --urls "$URLS" --cache "$CACHE" \
	--config "$CONFIG" refresh --timeout 5 >"$TMPDIR_TEST/out" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
out=$(cat "$TMPDIR_TEST/out")
is "$rc" 0 "the refresh completes ($note), exit 0"
ok "within the 5 s timeout and a margin (${took} s)" test "$took" -le 9

line() { printf '%s\n' "$out" | grep -F "$1"; }
cap='the body is larger than the 2 MiB limit: stopped'
is "$(line /endless.xml)" "failed $BASE/endless.xml: $cap" "endless body: stopped at the cap"
is "$(line /gzip-bomb.xml)" "failed $BASE/gzip-bomb.xml?mb=16: $cap" \
	"gzip bomb: stopped on the decoded size"
like "$(line /trickle.xml)" "^failed .*: (timed out after 5 s|stalled)" "trickle: timed out"
like "$(line /stall.xml)" "^failed .*: (timed out after 5 s|stalled)" "stall: timed out"
is "$(line /huge-header)" "failed $BASE/huge-header: the reply's headers are too large" \
	"huge header: refused"
like "$(line /to-file)" "a redirect to file:///etc/hostname: refused \(only http and https" \
	"redirect to file://: refused, explained"
like "$(line 'to=file:')" "a redirect to file:///etc/passwd: refused" "301 to file://: refused"
like "$(line 'to=ftp:')" "a redirect to ftp://.*: refused" "redirect to ftp: refused"
like "$(line 'to=gopher:')" "a redirect to gopher://.*: refused" "redirect to gopher: refused"
like "$(line /esc-refused)" "^failed $EVIL/esc-refused: a redirect to ftp://e.example/\[2Jexe.txt: refused" \
	"a redirect with ESC and RLO in it: refused, quoted without them"
like "$(line /esc-moved)" "^failed $EVIL/esc-moved: " "a redirect to an address with ESC: failed"
like "$(line "updated $EVIL/esc-headers")" ": 1 new" "a feed with ESC in its headers: read"
for f in gen/1.xml gen/2.xml feed.xml; do
	like "$(line "$BASE/$f")" "^updated $BASE/$f: [0-9]+ new" "good feed $f: read beside them"
done
printf '%s\n' "$out" >"$TMPDIR_TEST/check"
if why=$(python3 "$TOP_SRCDIR/tests/integ/sec-check.py" "$TMPDIR_TEST/check"); then
	tap_result 0 "no control character in the refresh's output"
else
	tap_result 1 "no control character in the refresh's output"; echo "# $why"
fi
is "$(q "SELECT count(*) FROM feeds WHERE etag GLOB '*[^ -~]*' OR last_modified GLOB '*[^ -~]*'")" 0 \
	"no validator with a control character was kept"

# The permanent redirect was written into the urls file: it must read
# back as one feed among the same number, with no title, tag or command.
is "$(grep -c . "$URLS")" 16 "the urls file still has 16 lines"
moved=$(grep -F '/ok.xml?a=' "$URLS")
like "$moved" '^http://127\.0\.0\.1:[0-9]+/ok\.xml\?a=' "the moved feed's line starts with its URL"
"$HERALD" --urls "$URLS" --cache "$CACHE" --config "$CONFIG" export >"$TMPDIR_TEST/export.opml" 2>&1
unlike "$(cat "$TMPDIR_TEST/export.opml")" 'title="Evil title"|category=' \
	"the line reads back without a title or tags taken from the server"
is "$(grep -c '^exec:' "$URLS")" 0 "no exec: line"
sh -c "$limit exec \"\$@\"" sh "$HERALD" --urls "$URLS" --cache "$CACHE" \
	--config "$CONFIG" refresh --timeout 3 --feed "$moved" >"$TMPDIR_TEST/again" 2>&1
like "$(cat "$TMPDIR_TEST/again")" "^updated $EVIL/ok.xml" "the moved feed refreshes from its new line"
ok "refreshing again ran nothing (no canary)" test ! -e "$canary"
is "$(q 'PRAGMA integrity_check')" ok "the cache is sound"
done_testing
