#!/bin/sh
# Terminals without colours and NO_COLOR: the mono theme, the selection
# still visible (reverse), quotes still marked (italic, or underline where
# the terminal has no italic), and no colour sequence at all.  Then a bad
# theme file: the reader starts anyway and names the file and line.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

colours() { screen -e | grep -Ec '\[([0-9;]*;)?(3[0-7]|9[0-7]|38;5|4[0-7]|10[0-7])(;[0-9;]*)?m' || true; }

open_article() {
	ok_wait "$1: the feed list" 'The Harbour Gazette'
	keys j j Enter Enter
	ok_wait "$1: the article" 'Read also \(3\)'
}

tui_start 100 30 TERM=vt100 -- --demo
open_article "TERM=vt100"
is "$(colours)" 0 "TERM=vt100: no colour sequences"
q=$(style_of 'the best news this quay has')
like "$q" 'underline|italic|bold' "TERM=vt100: quotes are still marked: $q"
keys q
ok_wait "TERM=vt100: back on the list" 'unread of 4'
sel=$(style_of 'Night ferry to Aldcombe')
like "$sel" 'reverse' "TERM=vt100: the selection is in reverse video: $sel"
keys Q
is "$(wait_exit)" 0 "TERM=vt100: quits cleanly"

tui_start 100 30 NO_COLOR=1 -- --demo
open_article "NO_COLOR"
is "$(colours)" 0 "NO_COLOR: no colour sequences"
q=$(style_of 'the best news this quay has')
like "$q" 'italic' "NO_COLOR: quotes in italic: $q"
p=$(style_of 'Harbour master Tobias')
unlike "$p" 'italic' "NO_COLOR: plain text is not: $p"
keys Q
is "$(wait_exit)" 0 "NO_COLOR: quits cleanly"

mkdir -p "$TUI_HOME/.config/herald/themes"
printf 'quote = fg=yellow\nselected = fg=nosuchcolour\n' \
	>"$TUI_HOME/.config/herald/themes/broken.theme"
tui_start 140 30 -- --demo --theme broken
ok_wait "a bad theme line is reported with file and line" \
	'broken.theme:2: selected: unknown colour'
like "$(screen)" 'The Harbour Gazette' "and the reader runs on"
keys Q
is "$(wait_exit)" 0 "quits cleanly"

tui_start 100 30 -- --demo --theme solarized-dark
open_article "solarized-dark"
q=$(style_of 'the best news this quay has')
like "$q" '^fg=136 ' "solarized-dark: the quote's #b58900 downgraded to colour 136: $q"
t=$(style_of 'Harbour master Tobias')
like "$t" '^fg=[0-9]+ bg=[0-9]+' "solarized-dark: text on the theme's own background: $t"
b=$(screen -e -N | python3 "$TOP_SRCDIR/tests/tui/sgr.py" --line 5)
like "$b" '^fg=[0-9]+ bg=[0-9]+$' \
	"solarized-dark: a blank row is painted with it too: $b"
keys C-c
is "$(wait_exit)" 0 "Ctrl-C ends the reader cleanly"
left=$(ls "$TMPDIR_TEST/tmp" | grep -c herald-demo || true)
is "$left" 0 "and the demo's temporary cache is removed"

done_testing
