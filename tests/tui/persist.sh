#!/bin/sh
# State written at once: mark read and star in the reader, kill it with
# SIGKILL, start it again on the same cache (a --cache of the test's own,
# not the demo's) and see both kept.  The config's bind lines rebind keys
# and a bad one is reported with its file and line.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

U=$TMPDIR_TEST/urls
C=$TMPDIR_TEST/cache.db
feed="file://$TOP_SRCDIR/data/demo/harbour-gazette.xml"
mkdir -p "$TUI_HOME/.config/herald"
printf 'bind x star\nbind Hyper quit\n' >"$TUI_HOME/.config/herald/config"

HOME=$TUI_HOME XDG_CONFIG_HOME=$TUI_HOME/.config \
	"$HERALD" --urls "$U" --cache "$C" add "$feed" local >/dev/null 2>&1
ok "herald add writes the urls file" test -s "$U"
HOME=$TUI_HOME XDG_CONFIG_HOME=$TUI_HOME/.config \
	"$HERALD" --urls "$U" --cache "$C" --offline refresh >/dev/null 2>&1
ok "herald refresh fills the cache from the file:// feed" test -s "$C"

# The pid of herald, the child of the pane's shell.
herald_pid() {
	ppid=$(tm display-message -p -t t '#{pane_pid}')
	for st in /proc/[0-9]*/stat; do
		set -- $(cat "$st" 2>/dev/null)
		[ "$4" = "$ppid" ] && { echo "$1"; return 0; }
	done
	return 1
}

tui_start 120 40 -- --urls "$U" --cache "$C"
ok_wait "the reader starts on the cache at once" '4/4 +The Harbour Gazette'
like "$(screen)" "config:2: unknown key 'Hyper'" \
	"a bad bind line is reported with file and line"
keys j j Enter
ok_wait "the list" '4 unread of 4'
keys j Enter
ok_wait "the second article opens" '^ Harbour council votes'
keys x
ok_wait "x (bound in the config) stars it" 'starred'
keys q
ok_wait "back on the list" '3 unread of 4'

pid=$(herald_pid)
ok "found herald's pid ($pid)" [ -n "$pid" ]
kill -KILL "$pid"
is "$(wait_exit)" 137 "herald is killed (SIGKILL)"

tui_start 120 40 -- --urls "$U" --cache "$C"
ok_wait "it starts again" '3/4 +The Harbour Gazette'
keys j j Enter
ok_wait "the list after the kill" '3 unread of 4'
s=$(screen)
like "$s" '^   ★ Nov 22 +Harbour council' "the article read before the kill is read (no unread mark)"
like "$s" '★ +Nov 22' "and still starred"
like "$s" '^ •   Nov 24 +Night ferry' "the others are unread"
keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
