#!/bin/sh
# Faults around the cache: a folder herald may not write (list and search
# still read it; refresh says why it cannot write and changes nothing), and
# a full disk (a file size limit in a child, SIGXFSZ ignored so writes fail
# with EFBIG as they would with ENOSPC; then again with the signal's
# default, which kills herald mid-write): a clear message, no corruption,
# nothing cached before lost, read and starred state kept, and the next
# refresh with room to write completes.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 60 --items 20

dir=$TMPDIR_TEST/ro
mkdir -p "$dir"
CACHE=$dir/cache.db
gen_urls 100 >"$URLS"
out=$(h refresh 2>&1)
like "$out" "^100 feeds: 100 updated \(2000 new items\)" "the cache is filled (2000 items)"
q "UPDATE items SET read = 1 WHERE guid LIKE 'gen-1%'; UPDATE items SET starred = 1 WHERE guid LIKE 'gen-2%-3'"
state() { q "SELECT count(*), sum(read), sum(starred) FROM items"; }
before=$(state)
q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/before"
lost() {
	q "SELECT guid FROM items ORDER BY guid" >"$TMPDIR_TEST/after"
	comm -23 "$TMPDIR_TEST/before" "$TMPDIR_TEST/after" | wc -l | tr -d ' '
}

# --- A folder herald may not write.  As root, permissions do not bind,
# so herald runs as nobody (setpriv); otherwise chmod is enough.
chmod 755 "$TMPDIR_TEST"
chmod 644 "$URLS" "$CONFIG"
chmod 555 "$dir"
chmod 444 "$CACHE"
as=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as" ]; then
	sum_before=$(cksum <"$CACHE")
	hr() { $as "$HERALD" --urls "$URLS" --cache "$CACHE" --config "$CONFIG" "$@"; }
	out=$(hr list 2>&1); rc=$?
	is "$rc" 0 "read-only folder: list works"
	is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2000 "read-only folder: list shows all 2000"
	out=$(hr search "harbour council" 2>&1); rc=$?
	is "$rc" 0 "read-only folder: search works"
	out=$(hr refresh 2>&1); rc=$?
	ok "read-only folder: refresh fails (status $rc)" test "$rc" -ne 0
	like "$out" "cannot be written" "read-only folder: and says the cache cannot be written"
	is "$(cksum <"$CACHE")" "$sum_before" "read-only folder: the cache is unchanged"
	ok "read-only folder: no file was left beside it" test "$(ls "$dir")" = cache.db
else
	tap_result 0 "# SKIP read-only folder: running as root without setpriv"
fi
chmod 755 "$dir"
chmod 644 "$CACHE"

# --- A full disk.  Each run adds items for every feed; the limit (100
# blocks of the shell's ulimit unit) stops the WAL file early.
server_get /bump; server_get /bump
full() {
	sh -c "$1 ulimit -f 100; exec \"\$@\"" sh "$HERALD" --urls "$URLS" \
		--cache "$CACHE" --config "$CONFIG" refresh >"$TMPDIR_TEST/full.out" 2>&1
}
full "trap '' XFSZ;"
rc=$?
out=$(cat "$TMPDIR_TEST/full.out")
ok "disk full: refresh fails (status $rc)" test "$rc" -eq 1
like "$out" "could not be written: the disk holding it is full, or a file size limit was reached; what was cached is kept" \
	"disk full: the message says what happened"
unlike "$out" "disk I/O error" "disk full: no bare 'disk I/O error'"
is "$(q 'PRAGMA integrity_check')" ok "disk full: integrity_check ok"
is "$(lost)" 0 "disk full: nothing cached before is lost"
is "$(state)" "$before" "disk full: items, read and starred as before"
out=$(h list 2>&1); rc=$?
is "$rc" 0 "disk full: list still reads the cache"

( full "" ) 2>/dev/null
rc=$?
ok "file size signal: herald is killed mid-write (status $rc)" test "$rc" -ge 128
is "$(q 'PRAGMA integrity_check')" ok "killed by SIGXFSZ: integrity_check ok"
is "$(lost)" 0 "killed by SIGXFSZ: nothing cached before is lost"

out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "with room again, refresh completes"
like "$out" "^100 feeds: 100 updated \(200 new items\)" "and every feed gets its 2 new items"
is "$(q 'PRAGMA integrity_check')" ok "integrity_check ok at the end"
done_testing
