#!/bin/sh
# Columns measured in cells: CJK, emoji and combining marks in titles
# keep the feed column of a merged list aligned, and long titles end in
# "…" at the column's edge.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tui/tui.sh"

F=$TMPDIR_TEST/wide.xml
U=$TMPDIR_TEST/urls
C=$TMPDIR_TEST/cache.db
cat >"$F" <<'EOS'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wide 字 Feed</title>
<link>https://wide.example/</link><description>widths</description>
<item><title>港の新しいフェリーが十二月から夜間運航を再開すると当局が発表した長い見出し</title>
<link>https://wide.example/1</link><pubDate>Tue, 24 Nov 2026 08:00:00 +0000</pubDate>
<description>x</description></item>
<item><title>🚀🚀 Rocket day at the harbour 🌊 with emoji</title>
<link>https://wide.example/2</link><pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate>
<description>x</description></item>
<item><title>Cafe&#x301; re&#x301;sume&#x301; with combining marks</title>
<link>https://wide.example/3</link><pubDate>Sun, 22 Nov 2026 08:00:00 +0000</pubDate>
<description>x</description></item>
<item><title>Plain ASCII title</title>
<link>https://wide.example/4</link><pubDate>Sat, 21 Nov 2026 08:00:00 +0000</pubDate>
<description>x</description></item>
</channel></rss>
EOS
HOME=$TUI_HOME "$HERALD" --urls "$U" --cache "$C" add "file://$F" >/dev/null 2>&1
HOME=$TUI_HOME "$HERALD" --urls "$U" --cache "$C" --offline refresh >/dev/null 2>&1

tui_start 80 24 -- --urls "$U" --cache "$C"
ok_wait "the reader starts" 'Wide 字 Feed'
keys Enter
ok_wait "All unread lists the four" 'All unread · 4 unread of 4'
rows=$(screen | grep 'Wide 字 Feed$')
is "$(printf '%s\n' "$rows" | wc -l | tr -d ' ')" 4 \
	"every row ends with the feed's name at the right edge"
widths=$(printf '%s\n' "$rows" | while IFS= read -r l; do
	printf '%s' "$l" | LC_ALL=C.UTF-8 wc -L; done | sort -u)
is "$widths" 79 "every row is 79 cells wide, whatever its characters"
like "$rows" '港の新しいフェリー.*…  +Wide' "a long CJK title ends in …"
like "$rows" '🚀🚀 Rocket day' "emoji are drawn"
like "$rows" "$(printf 'Cafe\314\201 re\314\201sume\314\201 with')" \
	"combining marks stay on their letters"
keys Q
is "$(wait_exit)" 0 "Q quits"

done_testing
