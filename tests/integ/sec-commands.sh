#!/bin/sh
# Feed lists that try to run commands: newsboat's exec:, filter: and
# query: lines, shell pipes (|cmd), filtercmd, backticks, $(...) and ;
# in the urls file, in an OPML import, and a filtercmd key in the config.
# Nothing is ever run (a canary file per attempt must not appear); each
# refused line is named with file:line; the good feed beside them is read.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
c=$TMPDIR_TEST/canary
cd "$TMPDIR_TEST" || exit 1

cat >"$URLS" <<EOU
exec:touch $c.exec
filter:touch $c.filter:http://127.0.0.1:1/x
"query:unread:unread = \"yes\""
|touch $c.pipe
"|touch $c.pipe2"
filtercmd:touch $c.fc
\`touch $c.backtick\`
\$(touch $c.dollar)
EXEC:touch $c.upper
 exec:touch $c.space
file://$FIXTURES/feed/rss20.xml tag;touch$c.semi "~\$(touch $c.title)"
EOU
printf 'filtercmd = touch %s.conf\n' "$c" >"$CONFIG"
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "refresh: exit 0 (one feed works)"
like "$out" "urls:1: exec: runs a command; herald never runs commands" "exec: refused with file:line"
like "$out" "urls:2: filter: runs a command on the download" "filter: refused"
like "$out" "urls:3: query: is a newsboat query feed" "query: refused"
like "$out" "urls:6: the scheme filtercmd: is not one herald fetches" "filtercmd: refused"
like "$out" "urls:9: exec: runs a command" "EXEC: in capitals refused"
like "$out" "urls:10: exec: runs a command" "exec: after a blank refused"
like "$out" "config:1: unknown setting 'filtercmd'" "filtercmd in the config: unknown, not run"
like "$out" "^updated file://.*rss20.xml: 3 new" "the good feed is read"
like "$out" "^failed \|touch: cannot read the file" "|cmd is a file name that is not there"
h list >/dev/null 2>&1
h export >"$TMPDIR_TEST/export.opml" 2>&1

# The same through OPML.
cat >"$TMPDIR_TEST/cmd.opml" <<EOO
<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline text="a" xmlUrl="exec:touch $c.opml-exec"/>
<outline text="b" xmlUrl="filter:touch $c.opml-filter:http://x.example/"/>
<outline text="c" xmlUrl="|touch $c.opml-pipe"/>
<outline text="d" type="exec" xmlUrl="query:x:touch $c.opml-query"/>
<outline text="e" xmlUrl="javascript:alert(1)"/>
<outline text="f" xmlUrl="file://$FIXTURES/feed/atom10.xml" filtercmd="touch $c.opml-attr"/>
</body></opml>
EOO
: >"$URLS"
out=$(h import "$TMPDIR_TEST/cmd.opml" 2>&1)
like "$out" "exec:.*herald never runs commands" "OPML exec: refused"
unlike "$(cat "$URLS")" "exec:|filter:|query:|javascript:" "none of them reached the urls file"
h refresh >/dev/null 2>&1
ok "the atom feed was imported and read" test "$(q 'SELECT count(*) FROM items')" -gt 0

ls "$TMPDIR_TEST" | grep canary | sed 's/^/#   ran: /'
is "$(ls "$TMPDIR_TEST" | grep -c canary)" 0 "no canary: nothing was run"
done_testing
