#!/bin/sh
# XML attacks against every reader of XML (parse, refresh, import, and
# render's HTML): external entities to a local file and to a loopback URL,
# parameter entities, an external DTD, XInclude, an xml-stylesheet, billion
# laughs, quadratic blowup and deep nesting.  Nothing is loaded (the
# loopback server logs every request and must see none; the secret's words
# appear nowhere), and each document is dealt with in bounded time and
# (on the plain build) under a 512 MB address-space limit.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 60

secret=$TMPDIR_TEST/secret.txt
echo "TOPSECRET-canary-words" >"$secret"
d=$TMPDIR_TEST/docs
mkdir -p "$d"

# A limit on address space, where the build allows one (ASan reserves
# terabytes of shadow memory, so the sanitizer build runs without).
if (ulimit -v 524288 && "$HERALD" --version) >/dev/null 2>&1; then
	limit="ulimit -v 524288;"
	note="under 512 MB"
else
	limit=""
	note="no memory limit under the sanitizers"
fi
# bounded NAME SECONDS CMD...: runs CMD (output in $out) within the
# memory limit and SECONDS; fails the test point if it took longer.
bounded() {
	name=$1 secs=$2; shift 2
	start=$(date +%s)
	out=$(sh -c "$limit exec timeout $secs \"\$@\"" sh "$@" 2>&1)
	rc=$?
	took=$(( $(date +%s) - start ))
	if [ "$rc" -eq 124 ] || [ "$rc" -ge 128 ]; then
		tap_result 1 "$name: ends within $secs s ($note), status $rc"
		printf '%s\n' "$out" | tail -3 | sed 's/^/#   /'
	else
		tap_result 0 "$name: ends within $secs s ($note), ${took} s"
	fi
}

cat >"$d/xxe.xml" <<EOX
<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY file SYSTEM "file://$secret">
  <!ENTITY rel SYSTEM "secret.txt">
  <!ENTITY net SYSTEM "$BASE/xxe-entity">
  <!ENTITY % pe SYSTEM "$BASE/xxe-parameter">
  %pe;
]>
<rss version="2.0"><channel><title>Feed &file;</title>
<item><title>One &net; &rel;</title><link>https://x.example/1</link>
<description>&file; &net;</description></item></channel></rss>
EOX
cp "$secret" "$d/secret.txt"
cat >"$d/dtd.xml" <<EOX
<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "$BASE/xxe-dtd">
<rss version="2.0"><channel><title>DTD &ext;</title>
<item><title>Two</title><link>https://x.example/2</link></item></channel></rss>
EOX
cat >"$d/xinclude.xml" <<EOX
<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="$BASE/xxe-xslt"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:xi="http://www.w3.org/2001/XInclude">
<title>XInclude</title>
<xi:include href="$BASE/xxe-xinclude" parse="text"/>
<entry><title>Three <xi:include href="file://$secret" parse="text"/></title>
<id>3</id><content type="html">&lt;iframe src="$BASE/xxe-iframe"&gt;&lt;/iframe&gt;&lt;img src="$BASE/xxe-img"&gt;</content></entry>
</feed>
EOX
python3 - "$d" <<'EOP'
import sys
d = sys.argv[1]
# Billion laughs, ten levels of ten: 10^10 expansions if expanded.
ents = ['<!ENTITY l0 "ha">'] + ['<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10)
                                for i in range(1, 11)]
open(d + "/laughs.xml", "w").write(
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n%s\n]>\n<rss version="2.0"><channel>'
    '<title>L</title><item><title>Laugh &l10;</title><description>&l10;'
    '</description></item></channel></rss>\n' % "\n".join(ents))
# Quadratic blowup: one 50 KB entity used 50,000 times (2.5 GB expanded).
open(d + "/quadratic.xml", "w").write(
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "%s">]>\n'
    '<rss version="2.0"><channel><title>Q</title><item><title>Q</title>'
    '<description>%s</description></item></channel></rss>\n'
    % ("x" * 50000, "&a;" * 50000))
# 200,000 nested elements.
open(d + "/deep.xml", "w").write(
    '<rss version="2.0"><channel><title>D</title><item><title>D</title>'
    '<description>' + "<x>" * 200000 + "</x>" * 200000 +
    '</description></item></channel></rss>\n')
# HTML content nested 100,000 deep, for the renderer.
open(d + "/deep-html.xml", "w").write(
    '<rss version="2.0"><channel><title>H</title><item><title>H</title>'
    '<description><![CDATA[' + "<div><b>" * 50000 + "deep" +
    "</b></div>" * 50000 + ']]></description></item></channel></rss>\n')
EOP
cat >"$d/xxe.opml" <<EOX
<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY file SYSTEM "file://$secret">
  <!ENTITY net SYSTEM "$BASE/xxe-opml">
  <!ENTITY l0 "ha"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;">
  <!ENTITY l2 "&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;">
  <!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">
]>
<opml version="2.0"><head><title>&file; &net; &l3;</title></head><body>
<outline text="A &file;" title="&net;" xmlUrl="https://a.example/feed?&file;"/>
<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="$BASE/xxe-opml-xinclude"/>
</body></opml>
EOX

for doc in xxe dtd xinclude laughs quadratic deep deep-html; do
	bounded "parse $doc.xml" 10 "$HERALD" parse "$d/$doc.xml" --json
	unlike "$out" "TOPSECRET" "parse $doc.xml: no secret in the output"
	bounded "render $doc.xml" 10 "$HERALD" render "$d/$doc.xml" --width 60
	unlike "$out" "TOPSECRET" "render $doc.xml: no secret in the output"
done
"$HERALD" parse "$d/xxe.xml" --json >"$TMPDIR_TEST/xxe.json" 2>&1
like "$(cat "$TMPDIR_TEST/xxe.json")" '"title":"One' "xxe.xml: the item is still read"

set --
for doc in xxe dtd xinclude laughs quadratic deep deep-html; do
	set -- "$@" "file://$d/$doc.xml"
done
urls "$@" "$BASE/feed.xml"
bounded "refresh of all of them" 30 "$HERALD" --urls "$URLS" --cache "$CACHE" \
	--config "$CONFIG" refresh
like "$out" "^updated $BASE/feed.xml" "refresh: the good feed beside them is read"
is "$(q .dump | grep -c TOPSECRET)" 0 "refresh: no secret anywhere in the cache (.dump)"
ok "refresh: the cache is sound" test "$(q 'PRAGMA integrity_check')" = ok

: >"$URLS"
bounded "import of an OPML with entities and XInclude" 10 "$HERALD" \
	--urls "$URLS" --cache "$CACHE" --config "$CONFIG" import "$d/xxe.opml"
unlike "$(cat "$URLS")" "TOPSECRET" "import: no secret in the urls file"
h export >"$TMPDIR_TEST/export.opml" 2>&1
unlike "$(cat "$TMPDIR_TEST/export.opml")" "TOPSECRET|hahaha" \
	"export: no secret, no expanded entity"

is "$(server_requests '^GET /feed.xml')" 1 "the server logs requests (the good feed's is there)"
is "$(server_requests 'xxe')" 0 "the loopback server saw no request for an entity, DTD, XInclude, stylesheet, iframe or image"
grep 'xxe' "$SERVER_LOG" | head -5 | sed 's/^/#   /'
done_testing
