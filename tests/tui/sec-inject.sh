#!/bin/sh
# Terminal injection through the reader: the hostile feed of
# tests/fixtures/sec/inject.xml (ESC sequences for cursor moves, screen
# erases, OSC 0 title setting, OSC 8 links and OSC 52 clipboard writes; C1
# controls; bidi overrides) in the feed list, the article list, the
# article, its Read-also pane and the link numbers.  tmux is the terminal:
# had any sequence reached it, the pane's title would change, a paste
# buffer would appear (set-clipboard is on), the screen would be erased or
# hold the raw characters.  None of that may happen, and the screen's
# text must be what herald drew, in place.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

U=$TMPDIR_TEST/urls
C=$TMPDIR_TEST/cache.db
cp "$FIXTURES/sec/inject.xml" "$TMPDIR_TEST/inject.xml"
echo "file://$TMPDIR_TEST/inject.xml" >"$U"
"$HERALD" --urls "$U" --cache "$C" --config /dev/null refresh >/dev/null 2>&1
ok "the hostile feed is cached" test -s "$C"

# check NAME: the screen (with its SGR) holds no control character and
# tmux saw no sequence that changes its state.
check() {
	screen -e >"$TMPDIR_TEST/screen"
	if why=$(python3 "$TOP_SRCDIR/tests/integ/sec-check.py" --ansi "$TMPDIR_TEST/screen"); then
		tap_result 0 "$1: no control character on the screen"
	else
		tap_result 1 "$1: no control character on the screen"; echo "#   $why"
	fi
	is "$(tm display-message -p -t t '#{pane_title}')" "$title0" "$1: the pane title is unchanged"
	is "$(tm list-buffers 2>/dev/null | wc -l | tr -d ' ')" 0 "$1: no clipboard write (no paste buffer)"
	like "$(screen | head -1)" "\\? help *$" "$1: the top bar is still in place"
}

# The control experiment: the same sequences printed raw do change this
# tmux's title and clipboard, so their absence below means something.
LC_ALL=C.UTF-8 tm new-session -d -x 80 -y 10 -s probe "sleep 30"
tm set-option -g set-clipboard on
LC_ALL=C.UTF-8 tm respawn-pane -k -t probe \
	"printf '\033]2;owned\007\033]52;c;cHduZWQ=\007probe-done\n'; sleep 30"
n=0
while ! tm capture-pane -p -t probe 2>/dev/null | grep -q probe-done && [ $n -lt 200 ]; do
	sleep 0.02; n=$((n + 1))
done
is "$(tm display-message -p -t probe '#{pane_title}')" owned \
	"control: a raw OSC 2 does set this terminal's title"
ok "control: a raw OSC 52 does make a paste buffer" test "$(tm list-buffers | wc -l)" -ge 1

tui_start 100 30 -- --urls "$U" --cache "$C" --config /dev/null
tm set-option -g set-clipboard on
tm set-option -g allow-rename on 2>/dev/null
title0=$(tm display-message -p -t t '#{pane_title}')
ok_wait "the feed list shows the feed" 'Harbour \]0;owned7 Watch 2J txt\.exe'
check "feed list"
keys j j Enter
ok_wait "the article list" 'Tide \[2J\[H tables 31m revised 6n abc'
check "article list"
keys Enter
ok_wait "the first article (no date, listed first)" 'Escaped HTML \[2K\[1G line K and rtl'
check "first article"
like "$(screen)" 'Second <b>bold</b> \[1A up \[\?25l hide' "its title is shown as text"
keys q j Enter
ok_wait "the second article" 'The council \[2J\[3J met\.'
check "second article"
like "$(screen)" 'Mallory' "the author is shown"
like "$(screen)" '“We counted \]8;;https://evil\.example/\\the boats\]8;;\\ twice,”' \
	"the OSC 8 link shows as plain text"
keys Tab
ok_wait "the Read-also pane" 'Ferry \]52;c;ZWNobyBoaQ==\\ timetable'
check "Read-also pane"
keys Q
is "$(wait_exit)" 0 "Q quits"
done_testing
