# server.sh: start tests/integ/server.py for a shell test, stop it at exit.
# Source it after tests/lib.sh, then:
#
#	server_start [--lifetime S] [--items N]	 (sets PORT, BASE, SERVER_LOG)
#	curl-like checks against "$BASE/feed.xml" ...
#	server_requests PATTERN		 (how many logged requests match)
#
# Skips the whole test when python3 is missing.  The server also ends by
# itself after its lifetime (60 s unless told), so nothing outlives a test.
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

server_pid=
server_stop() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
		server_pid=
	fi
}

server_start() {
	SERVER_LOG=$TMPDIR_TEST/server.log
	: >"$SERVER_LOG"
	python3 "$TOP_SRCDIR/tests/integ/server.py" --log "$SERVER_LOG" "$@" \
		>"$TMPDIR_TEST/server.port" 2>"$TMPDIR_TEST/server.err" &
	server_pid=$!
	at_exit server_stop
	i=0
	while [ ! -s "$TMPDIR_TEST/server.port" ] && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	PORT=$(head -1 "$TMPDIR_TEST/server.port")
	case $PORT in
	''|*[!0-9]*)
		echo "Bail out! the test server did not start: $(cat "$TMPDIR_TEST/server.err")"
		exit 1 ;;
	esac
	BASE=http://127.0.0.1:$PORT
}

# gen_urls N [SUFFIX]: the first N generated feeds, one URL a line (SUFFIX
# after each, e.g. " tag" for a urls file).
gen_urls() {
	_i=1
	while [ $_i -le "$1" ]; do
		echo "$BASE/gen/$_i.xml${2:-}"
		_i=$((_i + 1))
	done
}

# server_requests ERE: how many request-log lines match.
server_requests() { grep -Ec -- "$1" "$SERVER_LOG"; }

# server_get PATH: ask the server something (e.g. /set/NAME?mode=404, /bump)
# without going through herald.
server_get() {
	python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=10).read()' \
		"$BASE$1" 2>/dev/null
}
