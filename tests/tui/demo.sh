#!/bin/sh
# The reader on the demo feeds, driven in tmux: the first screen, the
# feed and article lists, an article with its quotes in the quote colour
# (and not an apostrophe word), the Read-also pane opening an article in
# place and going back, search in lists and in an article, star, help,
# and a clean exit that removes the demo's temporary cache.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

tui_start 120 40 -- --demo

ok_wait "the demo starts on the feed list" 'The Harbour Gazette'
s=$(screen)
like "$s" 'All unread' "All unread comes first"
like "$s" 'Starred' "then Starred"
like "$s" '9/9 +All unread' "with the unread and total counts"
like "$s" '4/4 +The Harbour Gazette .* news local' "a feed with its counts and tags"
like "$s" 'Вісті Долини' "the Ukrainian feed's title"
like "$s" 'Enter open' "the first screen says which key opens"
like "$s" 'press Enter to read' "and says it in the title bar"

keys '?'
ok_wait "? shows the help, made from the key table" 'j, Down +move down'
like "$(screen)" 'Tab +move focus between body and Read-also pane' \
	"the help lists Tab"
keys Escape
ok_wait "any other key closes the help" 'Enter open  j down'

keys j j Enter
ok_wait "Enter opens a feed's articles" 'Night ferry to Aldcombe'
s=$(screen)
like "$s" 'The Harbour Gazette · 4 unread of 4' "the list says its counts"
like "$s" '• +Nov 24 +Night ferry' "newest first, with an unread mark and a date"

keys Enter
ok_wait "Enter opens the article" 'Read also \(3\)'
s=$(screen)
like "$s" 'Mara Quillfeather' "the header has the author"
like "$s" '“the best news this quay has' "the body is there"
like "$s" '│ Harbour council votes to keep the old' \
	"the Read-also pane is at the right at 120 columns"
like "$s" 'in the cache' "and says its entries are in the cache"
like "$s" '\[1\] https://harbour-gazette.example/ferry-tickets' \
	"links are listed with their numbers"

q=$(style_of 'the best news this quay has')
like "$q" '^fg=3 ' "quoted words are in the quote colour (yellow): $q"
a=$(style_of 'service’s return')
like "$a" '^fg=default ' "an apostrophe word is not: $a"
t=$(style_of 'Harbour master Tobias')
like "$t" '^fg=default ' "nor is plain text: $t"

# Tab to the pane, down to the second entry, open it in place.
keys Tab
ok_wait "Tab moves focus to the pane" 'Read also \(3\): Enter opens'
keys j Enter
ok_wait "Enter opens the entry from the cache" \
	'^ Fishermen’s cooperative reports its best autumn'
like "$(screen)" 'q: back to the previous article' "the title says q goes back"
keys q
ok_wait "q returns to the article we came from" 'back to “Night ferry'
like "$(screen)" '^ Night ferry to Aldcombe returns after two-year pause' \
	"its title is at the top"
keys Tab

# Search inside the article.
keys / c a n n e r y Enter
ok_wait "/ finds text in the article" "'cannery' found"
m=$(style_of 'cannery')
like "$m" 'bg=11|bg=3' "the match is marked: $m"

# J and K move along the list while reading.
keys J
ok_wait "J opens the next article of the list" \
	'^ Harbour council votes to keep the old lighthouse lit'
keys K
ok_wait "K the previous one" '^ Night ferry to Aldcombe returns'

# a hides the pane; the body takes the width.
keys a
ok "a hides the Read-also pane" wait_gone 'Read also \('
unlike "$(screen)" 'Read also \(' "the pane is gone"
keys a
ok_wait "a shows it again" 'Read also \(3\)'

# Back to the list, star the second article.
keys q
ok_wait "q goes back to the list" 'The Harbour Gazette · [0-9] unread of 4'
s=$(screen)
like "$s" 'The Harbour Gazette · 1 unread of 4' \
	"the three articles opened are now read"
like "$s" '^     Nov 24 +Night ferry' "and have lost their unread mark"
keys j s
ok_wait "s stars an article" '★ +Nov 22 +Harbour council'
keys q
ok_wait "back on the feed list" 'All unread'
like "$(screen)" '1 +Starred' "Starred counts it"

# Full-text search over the cache from the feed list.
keys / l i g h t h o u s e Enter
ok_wait "/ in a list searches the cache" 'Search: lighthouse'
like "$(screen)" 'Harbour council votes to keep the old lighthouse lit' \
	"and finds the article"
keys q q

st=$(wait_exit)
is "$st" 0 "q on the feed list quits with status 0"
left=$(ls "$TMPDIR_TEST/tmp" | grep -c herald-demo || true)
is "$left" 0 "the demo's temporary cache is removed"

# A first run, no urls file: the welcome screen says what to do, and d
# opens the demo from it.
rm -rf "$TUI_HOME/.config/herald"
tui_start 100 30 --
ok_wait "a first run shows the welcome screen" 'Welcome to herald'
s=$(screen)
like "$s" 'herald add https://example.org/feed.xml' "it says how to add a feed"
like "$s" 'herald import subscriptions.opml' "how to import OPML"
like "$s" 'Press d to open the demo now' "and how to open the demo"
keys d
ok_wait "d opens the demo" '4/4 +The Harbour Gazette'
keys q
is "$(wait_exit)" 0 "q quits"
left=$(ls "$TMPDIR_TEST/tmp" | grep -c herald-demo || true)
is "$left" 0 "the demo's temporary cache is removed"

done_testing
