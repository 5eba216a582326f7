#!/bin/sh
# Links leave through $BROWSER as an argument vector, never a shell: a
# Read-also entry that is not in the cache is offered to the browser
# (y opens, anything else does not), a digit follows link n, o opens the
# article; the reader's screen comes back after the browser exits.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

log=$TMPDIR_TEST/browser.log
cat >"$TMPDIR_TEST/browser" <<EOS
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >>"$log"
EOS
chmod +x "$TMPDIR_TEST/browser"

tui_start 80 24 "BROWSER='$TMPDIR_TEST/browser --new-tab'" -- --demo
ok_wait "the demo starts" 'Field Notes'
keys j j j Enter j Enter
ok_wait "the drowned forest article" 'on the web'
# History: scrolled down, open an entry from the cache, come back to the
# same scroll position.
keys j j j
ok_wait "j scrolls the body: the title is off the top" \
	'^ At the lowest tides of the year'
unlike "$(screen)" '^ What a drowned forest' "the title line is gone"
keys Tab
ok_wait "Tab focuses the pane" 'Read also \(3\): Enter opens'
before=$(screen | sed -n 2,12p)
keys Enter
ok_wait "the first entry opens from the cache" '^ The starlings are back'
keys q
ok_wait "q comes back" 'back to “What a drowned forest'
is "$(screen | sed -n 2,12p)" "$before" \
	"at the same scroll position, the pane still focused"

keys j Enter
ok_wait "an entry not in the cache is offered to the browser" \
	'open in the browser\? \(y/n\)'
keys n
ok_wait "n does not open it" 'not opened'
ok "and the browser did not run" test ! -s "$log"
keys Enter y
ok_wait "y opens it" 'opened https://example.org/science/tide-gauges'
is "$(cat "$log")" "--new-tab
https://example.org/science/tide-gauges-explained" \
	"the browser got its own argument and the URL as one word"
ok_wait "the reader is drawn again" 'Read also \(3\)'

: >"$log"
keys Tab 1
ok_wait "1 follows link 1" 'opened https://fieldnotes.example/coastal-survey'
is "$(cat "$log")" "--new-tab
https://fieldnotes.example/coastal-survey" "link 1's URL"
keys 7
ok_wait "a link that is not there is said so" 'this article has no link 7'
: >"$log"
keys o
ok_wait "o opens the article" 'opened https://fieldnotes.example/2026/11/drowned-forest'
keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
