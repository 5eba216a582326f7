#!/bin/sh
# herald parse FILE|URL --json, end to end: valid JSON with the right
# fields, errors as one line and a non-zero status, a URL fetched from a
# loopback HTTP server this test starts and stops, --offline refusing it.
. "$TOP_SRCDIR/tests/lib.sh"

F="$FIXTURES/feed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is needed"

# json_get FILE EXPR: evaluate a Python expression over the parsed JSON (d).
json_get() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
v = eval(sys.argv[2])
print("null" if v is None else v)' "$1" "$2"
}

out="$TMPDIR_TEST/out.json"

# Every format gives valid JSON with its title.
for pair in rss20.xml:"The Lakeside Courier" rss091.xml:"Hill Parish Notes" \
    rss092.xml:"Orchard Radio" rss093.xml:"Tower Bulletin" \
    rss094.xml:"Garden Club" rss090.xml:"Museum Wire" \
    rss10.xml:"Station Road Journal" atom03.xml:"Bridge Society" \
    atom10.xml:"Valley Notebook" enc-koi8r.xml:"Новости" \
    enc-utf16le-bom.xml:"Café “Sol”"; do
	file=${pair%%:*}
	want=${pair#*:}
	"$HERALD" parse "$F/$file" --json >"$out"; rc=$?
	is "$rc" 0 "$file: exits 0"
	ok "$file: valid JSON" python3 -m json.tool "$out"
	is "$(json_get "$out" 'd["title"]')" "$want" "$file: title"
done

"$HERALD" parse "$F/rss20.xml" --json --base https://courier.example/feed.xml >"$out"
is "$(json_get "$out" 'd["format"]')" "RSS 2.0" "rss20: format"
is "$(json_get "$out" 'len(d["items"])')" 3 "rss20: three items"
is "$(json_get "$out" 'd["items"][0]["published"]')" "2025-04-25T09:30:00Z" \
	"rss20: published as RFC 3339 UTC"
is "$(json_get "$out" 'd["items"][1]["link"]')" \
	"https://courier.example/news/library-hours" "rss20: --base resolves links"
is "$(json_get "$out" 'd["items"][0]["enclosures"][0]["length"]')" 3145728 \
	"rss20: enclosure length"
is "$(json_get "$out" 'd["items"][0]["related"][0]["title"]')" \
	"Pier repairs fall behind schedule" "rss20: related links"
is "$(json_get "$out" 'list(d.keys())[:2]')" "['title', 'link']" \
	"rss20: title and link come first"

"$HERALD" parse "$F/atom10.xml" --json >"$out"
is "$(json_get "$out" 'd["items"][2]["published"]')" "2025-04-19T07:00:00Z" \
	"atom: published falls back to updated"
is "$(json_get "$out" 'd["items"][1]["content_type"]')" "text" \
	"atom: type=text content is marked text"

"$HERALD" parse "$F/rss10.xml" --json >"$out"
is "$(json_get "$out" 'd["items"][1]["published"]')" "2025-04-18T00:00:00Z" \
	"rdf: a W3CDTF day"

# Controls never reach the output raw; the JSON escapes or drops them.
"$HERALD" parse "$F/titles.xml" --json >"$out"
ok "titles: valid JSON" python3 -m json.tool "$out"
unlike "$(od -An -c "$out" | tr -d ' ')" '033' "titles: no raw ESC in the output"
is "$(json_get "$out" 'd["items"][5]["title"]')" "Escape[2J and bidi gone" \
	"titles: escape and bidi controls removed"

# Invalid bytes are repaired, not passed on.
"$HERALD" parse "$F/enc-invalid-utf8.xml" --json >"$out"; rc=$?
is "$rc" 0 "invalid UTF-8: exits 0"
ok "invalid UTF-8: output is valid UTF-8 JSON" python3 -c \
	'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$out"

# Standard input.
"$HERALD" parse - --json <"$F/rss092.xml" >"$out"; rc=$?
is "$rc" 0 "stdin: exits 0"
is "$(json_get "$out" 'd["items"][0]["enclosures"][0]["type"]')" "audio/ogg" \
	"stdin: parsed"

# Hostile input: bounded, never leaking.
"$HERALD" parse "$F/xxe.xml" --json >"$out"; rc=$?
is "$rc" 0 "XXE: exits 0"
unlike "$(cat "$out")" 'LAKESIDE-SECRET|root:' "XXE: nothing of local files"
"$HERALD" parse "$F/billion-laughs.xml" --json >"$out"; rc=$?
is "$rc" 0 "billion laughs: exits 0"
is "$(json_get "$out" 'd["items"][0]["title"]')" "One two" \
	"billion laughs: entities expand to nothing"
python3 -c 'print("<rss version=\"2.0\"><channel><item><title>a</title>" +
	"<x>" * 10000 + "</x>" * 10000 + "</item></channel></rss>")' >"$TMPDIR_TEST/deep.xml"
err=$("$HERALD" parse "$TMPDIR_TEST/deep.xml" --json 2>&1 >"$out"); rc=$?
is "$rc" 1 "deep nesting: exits 1"
like "$err" 'deeper than 256' "deep nesting: says why"

# Errors: one line on stderr, non-zero status, nothing on stdout.
check_error() {	# NAME WANT-STATUS PATTERN ARGS...
	name=$1 want=$2 pat=$3; shift 3
	err=$("$HERALD" "$@" 2>&1 >"$TMPDIR_TEST/stdout"); rc=$?
	is "$rc" "$want" "$name: exits $want"
	like "$err" "^herald: .*$pat" "$name: says '$pat'"
	is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "$name: one line"
	is "$(wc -c <"$TMPDIR_TEST/stdout" | tr -d ' ')" 0 "$name: nothing on stdout"
}
check_error "HTML page" 1 "not a feed: this is an HTML page" parse "$F/notfeed.html" --json
check_error "empty file" 1 "the document is empty" parse "$F/empty.xml" --json
check_error "missing file" 1 "No such file" parse "$TMPDIR_TEST/none.xml" --json
check_error "no --json" 2 "add --json" parse "$F/rss20.xml"
check_error "no input" 2 "needs a FILE or URL" parse --json
check_error "two inputs" 2 "one feed at a time" parse "$F/rss20.xml" "$F/atom10.xml" --json

# A URL: a loopback server started here, stopped however the test ends.
srvlog="$TMPDIR_TEST/http.log"
python3 -u -m http.server --bind 127.0.0.1 --directory "$F" 0 >"$srvlog" 2>&1 &
srvpid=$!
stop_server() { kill "$srvpid" 2>/dev/null; wait "$srvpid" 2>/dev/null; }
at_exit stop_server
port=
for i in $(seq 1 100); do
	port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$srvlog" | head -1)
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	tap_result 1 "loopback server started"
else
	url="http://127.0.0.1:$port"
	"$HERALD" parse "$url/rss20.xml" --json >"$out"; rc=$?
	is "$rc" 0 "URL: exits 0"
	ok "URL: valid JSON" python3 -m json.tool "$out"
	is "$(json_get "$out" 'd["items"][1]["link"]')" \
		"$url/news/library-hours" "URL: relative links resolved against it"
	is "$(json_get "$out" 'd["items"][0]["thumbnail"]')" \
		"$url/img/ferry-small.jpg" "URL: media:thumbnail resolved"
	check_error "URL 404" 1 "404" parse "$url/no-such-feed.xml" --json
	check_error "URL not a feed" 1 "not a feed" parse "$url/notfeed.html" --json
	check_error "--offline" 1 "offline" --offline parse "$url/rss20.xml" --json
	is "$(grep -c 'GET /rss20.xml' "$srvlog")" 1 "--offline: no request was made"
fi

done_testing
