#!/bin/sh
# Terminal injection through the command line: a feed whose every field
# (feed title, item titles, author, categories, content, link texts,
# Read-also titles, enclosure type) carries ESC sequences (CSI cursor
# moves and erases, OSC 0 title setting, OSC 8 hyperlinks, OSC 52
# clipboard), C1 controls and bidi overrides, by numeric references, XML
# character references and raw UTF-8; an OPML file and a urls file that do
# the same.  Every output a script or a person sees (parse --json, render
# plain/--ansi/--json, refresh on a pipe and on a terminal, list, search,
# export, import, add's refusal) must be free of control characters:
# tests/integ/sec-check.py says which byte broke it.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

feed=$TMPDIR_TEST/inject.xml
cp "$FIXTURES/sec/inject.xml" "$feed"
out=$TMPDIR_TEST/out

# clean NAME [--ansi|--tty|--json]: the last output (in $out) is safe.
clean() {
	name=$1; shift
	if why=$(python3 "$TOP_SRCDIR/tests/integ/sec-check.py" "$@" "$out" 2>&1); then
		tap_result 0 "$name: no control character"
	else
		tap_result 1 "$name: no control character"
		printf '%s\n' "$why" | sed 's/^/#   /'
	fi
}

# The fixture really is hostile: it holds the characters, raw or as
# references, that the outputs must not.
ok "the fixture holds raw C1 and bidi characters" \
	grep -q "$(printf '\302\233')" "$feed"
ok "and ESC as references" grep -q '&amp;#27;\]52;' "$feed"

"$HERALD" parse "$feed" --json >"$out" 2>&1
clean "parse --json" --json
like "$(cat "$out")" '"title":"Tide \[2J\[H tables 31m revised 6n abc"' \
	"parse: the title keeps its words, loses its controls"

for item in 1 2; do
	for w in 20 80; do
		"$HERALD" render "$feed" --item $item --width $w >"$out" 2>&1
		clean "render item $item width $w"
		"$HERALD" render "$feed" --item $item --width $w --ansi >"$out" 2>&1
		clean "render --ansi item $item width $w" --ansi
		"$HERALD" render "$feed" --item $item --width $w --json >"$out" 2>&1
		clean "render --json item $item width $w" --json
	done
done
"$HERALD" render "$feed" --json >"$out"
like "$(cat "$out")" '"title":"Ferry \]52;c;ZWNobyBoaQ==\\\\ timetable"' \
	"render: the Read-also title is there, without its ESC"

# The cache: a urls file whose custom title carries raw escapes too (the
# file is the person's, but what it names is shown like feed text).
printf 'file://%s news "~Mine %s[2J %s]0;x%s"\n' "$feed" "$(printf '\033')" \
	"$(printf '\033')" "$(printf '\007')" >"$URLS"
h refresh >"$out" 2>&1
is "$?" 0 "refresh of the hostile feed: exit 0"
clean "refresh on a pipe"
if command -v script >/dev/null 2>&1; then
	rm -f "$CACHE"
	script -qec "$HERALD --urls $URLS --cache $CACHE --config $CONFIG refresh" \
		"$out" >/dev/null 2>&1 </dev/null
	sed -i '1{/^Script started/d}; ${/^Script done/d}' "$out"
	clean "refresh on a terminal (progress line)" --tty
fi
is "$(sqlite3 "$CACHE" "SELECT count(*) FROM items")" 2 "both items cached"

h list >"$out" 2>&1
clean "list"
like "$(cat "$out")" "Tide \[2J\[H tables" "list shows the title"
h list --unread >"$out" 2>&1
clean "list --unread"
h search tables >"$out" 2>&1
clean "search"
like "$(cat "$out")" "Tide" "search finds the item"
h search council >"$out" 2>&1
clean "search in the content"
h export >"$out" 2>&1
clean "export (OPML on stdout)"

# OPML from someone else.
sed -e "s|FEEDURL|file://$feed|" -e "s|CANARY|$TMPDIR_TEST/canary|" \
	"$FIXTURES/sec/inject.opml" >"$TMPDIR_TEST/in.opml"
: >"$URLS"
h import "$TMPDIR_TEST/in.opml" >"$out" 2>&1
clean "import of a hostile OPML"
ok "the exec: outline was not run" test ! -e "$TMPDIR_TEST/canary"
h export >"$out" 2>&1
clean "export after the import"
h refresh >/dev/null 2>&1
h list >"$out" 2>&1
clean "list after the import"

# Refusals quote what they refuse: the quote must be clean too.
h add "https://x.example/$(printf '\033')[2J" >"$out" 2>&1
clean "add's refusal of a URL with ESC"
h add "exec:$(printf '\033')]0;x" >"$out" 2>&1
clean "add's refusal of exec:"
printf '<rss version="2.0"><channel><title>T %s</title><item><title>x</item></channel>' \
	"$(printf '\302\233')" >"$TMPDIR_TEST/broken.xml"
"$HERALD" parse "$TMPDIR_TEST/broken.xml" --json >"$out" 2>&1
clean "parse of a broken feed with C1 in it (errors and warnings)"
"$HERALD" render "$TMPDIR_TEST/nonexistent$(printf '\033')[2J.xml" >"$out" 2>&1
clean "render's error for a file name with ESC"
done_testing
