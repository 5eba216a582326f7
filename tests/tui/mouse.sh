#!/bin/sh
# The mouse, as xterm reports it (X10 encoding, which tmux passes on): a
# click selects a row, a double click opens it, the wheel scrolls, a click
# in the Read-also pane selects its entry.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

# mouse BUTTON X Y: one report, 0-based cell; button 0 press, 3 release,
# 64/65 wheel up/down.
mouse() {
	tm send-keys -t t -H 1b 5b 4d "$(printf %x $((32 + $1)))" \
		"$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"
}
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }

tui_start 80 24 -- --demo
ok_wait "the demo starts" 'Field Notes'
click 10 4
ok "a click selects the row under it" wait_style 'Field Notes' 'bg=6'

click 10 4; click 10 4
ok_wait "a double click opens it" 'Field Notes · 3 unread of 3'
click 20 2; click 20 2
ok_wait "a double click opens an article" '^ What a drowned forest'
mouse 65 20 10
ok_wait "the wheel scrolls down" '^ At the lowest tides'
unlike "$(screen)" '^ What a drowned forest' "the title has scrolled off"
mouse 64 20 10
ok_wait "and up again" '^ What a drowned forest'
row=$(screen | grep -n 'Doggerland' | cut -d: -f1)
click 10 $((row - 1))
ok_wait "a click in the pane focuses it" 'Read also \(3\): Enter opens'
ok "and selects the entry clicked" wait_style 'Doggerland' 'bg=6'

keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
