# tui.sh: drive the real binary in a tmux server of the test's own.
# Source after tests/lib.sh.  Every wait polls capture-pane for a marker;
# nothing sleeps for a fixed time.
command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

TUI_SOCK=herald-test-$$
TUI_HOME=$TMPDIR_TEST/home
mkdir -p "$TUI_HOME/.config" "$TUI_HOME/.local/share" "$TMPDIR_TEST/tmp"

tm() { tmux -L "$TUI_SOCK" -f /dev/null "$@"; }
# Stop the server and wait until it is gone: a new one started while the
# old one still shuts down would meet its socket.
tui_cleanup() {
	tm kill-server >/dev/null 2>&1 || return 0
	n=0
	while tm list-sessions >/dev/null 2>&1 && [ $n -lt 500 ]; do
		sleep 0.01; n=$((n + 1))
	done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCK"
}
at_exit tui_cleanup

# tui_start W H [VAR=value...] -- ARGS...: herald ARGS in a W×H pane, in a
# home of its own, UTF-8, UTC.  Its exit status goes to a file for
# wait_exit.
tui_start() {
	w=$1 h=$2; shift 2
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $1"; shift
	done
	[ "$1" = "--" ] && shift
	tui_cleanup
	rm -f "$TMPDIR_TEST/status"
	# No start-server: an empty server may exit before new-session
	# reaches it.  TERM is set here rather than with default-terminal.
	LC_ALL=C.UTF-8 tm new-session -d -x "$w" -y "$h" -s t \
		"env TERM=tmux-256color HOME='$TUI_HOME' \
		XDG_CONFIG_HOME='$TUI_HOME/.config' \
		XDG_DATA_HOME='$TUI_HOME/.local/share' TMPDIR='$TMPDIR_TEST/tmp' \
		TZ=UTC LC_ALL=C.UTF-8 BROWSER=false $envs '$HERALD' $* \
		2>'$TMPDIR_TEST/stderr'; echo \$? >'$TMPDIR_TEST/status.new'; \
		mv '$TMPDIR_TEST/status.new' '$TMPDIR_TEST/status'"
}

# Text of the screen; with -e, with its SGR sequences.
screen() { tm capture-pane -p -t t "$@"; }

# wait_for PATTERN [SECONDS]: poll until the screen matches (grep -E).
wait_for() {
	pat=$1 limit=${2:-10}
	end=$(( $(date +%s) + limit ))
	while :; do
		screen | grep -Eq -- "$pat" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.02
	done
}

# wait_gone PATTERN [SECONDS]: poll until the screen no longer matches.
wait_gone() {
	pat=$1 limit=${2:-10}
	end=$(( $(date +%s) + limit ))
	while :; do
		screen | grep -Eq -- "$pat" || return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.02
	done
}

# wait_exit [SECONDS]: poll until herald has exited; prints its status.
wait_exit() {
	limit=${1:-10}
	end=$(( $(date +%s) + limit ))
	while :; do
		if [ -f "$TMPDIR_TEST/status" ]; then
			cat "$TMPDIR_TEST/status"
			return 0
		fi
		[ "$(date +%s)" -ge "$end" ] && { echo timeout; return 1; }
		sleep 0.02
	done
}

keys() { tm send-keys -t t "$@"; }

# style_of TEXT: the SGR state (colours and attributes) in force over
# TEXT on the screen, as sgr.py prints it.
style_of() {
	screen -e | python3 "$TOP_SRCDIR/tests/tui/sgr.py" "$1"
}

# wait_style TEXT PATTERN [SECONDS]: poll until TEXT's style matches.
wait_style() {
	end=$(( $(date +%s) + ${3:-10} ))
	while :; do
		style_of "$1" | grep -Eq -- "$2" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.02
	done
}

# ok_wait NAME PATTERN [SECONDS]: a test point that waits for PATTERN.
ok_wait() {
	if wait_for "$2" "${3:-10}"; then
		tap_result 0 "$1"
	else
		tap_result 1 "$1"
		screen | sed 's/^/#   | /'
		printf '#   wanted: %s\n' "$2"
	fi
}
