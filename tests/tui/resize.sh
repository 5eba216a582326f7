#!/bin/sh
# Resizing while reading: 120×40 (pane at the right) → 60×20 (pane at the
# bottom, text re-wrapped) → 30×8 ("terminal too small") → back to 120×40
# with the same article and the list selection kept.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

resize() { tm resize-window -t t -x "$1" -y "$2"; }

tui_start 120 40 -- --demo
ok_wait "the demo starts" 'The Harbour Gazette'
keys j j Enter j j
ok_wait "the list is open" 'Storm warning lifted'
keys Enter
ok_wait "the third article is open" '^ Fishermen’s cooperative reports'
like "$(screen)" '│ Storm warning lifted as the last' "the pane is at the right"

resize 60 20
ok_wait "at 60×20 the pane moves to the bottom" '^── Read also \(3\)'
s=$(screen)
like "$s" '^ Fishermen’s cooperative reports its best autumn in a$' \
	"the title is wrapped to the new width"
unlike "$s" '│' "no pane at the right any more"
w=$(screen | LC_ALL=C.UTF-8 wc -L)
ok "no line is wider than 60 columns ($w)" [ "$w" -le 60 ]

resize 30 8
ok_wait "at 30×8 the reader says the terminal is too small" \
	'terminal too small'
like "$(screen)" 'need 40x10, have 30x8' "and what it needs"

resize 120 40
ok_wait "back at 120×40 the article is drawn again" \
	'^ Fishermen’s cooperative reports its best autumn in a decade'
like "$(screen)" '│ Storm warning lifted as the last' "with the pane at the right"
keys q
ok_wait "back on the list" '· 3 unread of 4'
sel=$(style_of 'Fishermen’s cooperative reports')
like "$sel" 'bg=6' "the selection is still on the third row: $sel"
keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
