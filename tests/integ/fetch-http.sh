#!/bin/sh
# The fetcher against the loopback server: conditional GET, compression,
# redirects, HTTP errors in words, refused connections.  Driven through
# tests/integ/fetch-probe (one line per finished request).
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
PROBE=$TOP_BUILDDIR/tests/integ/fetch-probe
server_start --lifetime 60

probe() { "$PROBE" "$@" 2>&1; }
field() { printf '%s\n' "$1" | sed -n "s/.* $2=\([^ ]*\).*/\1/p"; }
error_of() { printf '%s\n' "$1" | sed -n 's/.* error=//p'; }

# 200 with an ETag, then the same ETag back: 304, no body.
out=$(probe "$BASE/etag.xml")
like "$out" 'status=ok code=200' "etag: first fetch is a 200"
is "$(field "$out" etag)" '"etag-v1"' "etag: the ETag is read from the reply"
out=$(probe --etag '"etag-v1"' "$BASE/etag.xml")
like "$out" 'status=not-modified code=304 bytes=0' "etag: sent back, 304"
is "$(server_requests '^GET /etag.xml inm="etag-v1" ')" 1 \
	"etag: the server saw If-None-Match"
out=$(probe --etag '"stale"' "$BASE/etag.xml")
like "$out" 'status=ok code=200' "etag: a stale ETag gets the body"

# Last-Modified, then If-Modified-Since.
out=$(probe "$BASE/lm.xml")
lm=$(printf '%s\n' "$out" | sed -n 's/.* lm=\(.*\) retry=.*/\1/p')
is "$lm" 'Fri, 25 Apr 2025 09:30:00 GMT' "lm: Last-Modified is read"
out=$(probe --last-modified "$lm" "$BASE/lm.xml")
like "$out" 'status=not-modified code=304' "lm: sent back, 304"
is "$(server_requests "^GET /lm.xml inm=- ims=$lm ")" 1 \
	"lm: the server saw If-Modified-Since"

# Compression: everything libcurl can decode is offered, bodies decoded.
mkdir "$TMPDIR_TEST/bodies"
out=$(probe --save "$TMPDIR_TEST/bodies" "$BASE/gzip.xml" "$BASE/deflate.xml" "$BASE/bad-gzip.xml")
like "$(server_requests '^GET /gzip.xml .*ae=.*gzip.* ua=')" '^1$' "gzip is offered"
like "$(head -c 5 "$TMPDIR_TEST/bodies/1")" '^<\?xml' "gzip: body decoded"
ok "gzip: the whole feed" grep -q '</rss>' "$TMPDIR_TEST/bodies/1"
ok "deflate: the whole feed" grep -q '</rss>' "$TMPDIR_TEST/bodies/2"
like "$(printf '%s\n' "$out" | grep '^3 ')" 'status=failed.*error=the compressed body is damaged' \
	"broken gzip: said in words"
if python3 -c 'import brotli' 2>/dev/null; then
	out=$(probe --save "$TMPDIR_TEST/bodies" "$BASE/br.xml")
	ok "brotli: the whole feed" grep -q '</rss>' "$TMPDIR_TEST/bodies/1"
else
	echo "ok $((tap_n + 1)) # SKIP brotli: python3 has no brotli module"
	tap_n=$((tap_n + 1))
fi
like "$(head -1 "$SERVER_LOG")" 'ua=herald/[0-9.]+ \(\+https?://' "the User-Agent names herald and its site"

# Redirects.
out=$(probe "$BASE/redirect/301" "$BASE/redirect/302" "$BASE/redirect/308" \
	"$BASE/redirect/307" "$BASE/chain/3" "$BASE/mixed")
line() { printf '%s\n' "$out" | grep "^$1 "; }
like "$(line 1)" "status=ok code=200 .*final=$BASE/feed.xml moved=$BASE/feed.xml " "301: followed, a permanent move"
like "$(line 2)" "status=ok code=200 .*final=$BASE/feed.xml moved=- " "302: followed, not a move"
like "$(line 3)" "status=ok .*moved=$BASE/feed.xml " "308: a permanent move"
like "$(line 4)" "status=ok .*moved=- " "307: not a move"
like "$(line 5)" "status=ok .*moved=$BASE/feed.xml " "three 301s: moved to the end"
like "$(line 6)" "status=ok .*final=$BASE/feed.xml moved=$BASE/mixed2 " "301 then 302: moved only as far as the 301"
out=$(probe "$BASE/loop/a" "$BASE/to-file" "$BASE/chain/9" "$BASE/chain/8" \
	"$BASE/redirect/301?to=ftp://127.0.0.1/x")
is "$(error_of "$(line 1)")" "redirect loop: $BASE/loop/a → $BASE/loop/b → $BASE/loop/a" "a redirect loop is named"
is "$(error_of "$(line 2)")" "a redirect to file:///etc/hostname: refused (only http and https are followed)" \
	"a redirect to file:// is refused"
like "$(error_of "$(line 3)")" "^more than 8 redirects" "nine redirects are too many"
like "$(line 4)" "status=ok" "eight redirects are followed"
like "$(error_of "$(line 5)")" "^a redirect to ftp://127.0.0.1/x: refused" "a redirect to ftp is refused"
is "$(server_requests '^GET /x')" 0 "and not followed"

# HTTP errors in words.
out=$(probe "$BASE/status/404" "$BASE/status/410" "$BASE/status/429?after=30" \
	"$BASE/status/503?after=90&date=1" "$BASE/status/500" "$BASE/status/401" \
	"$BASE/status/429")
is "$(error_of "$(line 1)")" "404 Not Found" "404 in words"
is "$(error_of "$(line 2)")" "410 Gone: consider removing this feed" "410 in words"
is "$(error_of "$(line 3)")" "429 Too Many Requests: retry after 30 s" "429 with Retry-After seconds"
is "$(field "$(line 3)" retry)" 30 "429: the not-before time is reported"
# The date has whole seconds and the server reads the precise clock, while
# time() reads the kernel's coarse one (a few ms behind): across a second's
# boundary the difference can come out one more.
like "$(error_of "$(line 4)")" "^503 Service Unavailable: retry after (89|90|91) s" "503 with Retry-After as a date"
is "$(error_of "$(line 5)")" "500 Internal Server Error" "500 in words"
is "$(error_of "$(line 6)")" "401 Unauthorized: the feed needs a login" "401 in words"
is "$(error_of "$(line 7)")" "429 Too Many Requests: retry after 120 s" "429: the server's default delay"

# Odd replies.
out=$(probe "$BASE/huge-header" "$BASE/empty.xml" "$BASE/malformed.xml")
is "$(error_of "$(line 1)")" "the reply's headers are too large" "a 300 KB header is refused"
like "$(line 2)" "status=ok code=200 bytes=0" "an empty body is delivered as empty"
like "$(line 3)" "status=ok code=200 bytes=1[0-9][0-9] " "a malformed feed is the parser's business"

# Nothing listens on port 1.
out=$(probe "http://127.0.0.1:1/feed.xml")
like "$(error_of "$out")" "^cannot connect: .*127.0.0.1 port 1" "connection refused, in words"
out=$(probe "gopher://127.0.0.1/feed" "not a url at all")
like "$(line 1)" "error=unsupported scheme 'gopher'" "other schemes are refused"
like "$(line 2)" "error=cannot read the file" "a word that is no URL is a path"

# A proxy from the environment, libcurl's own handling: the test server
# stands in for one (it answers the absolute URL a proxy is asked for).
# The name does not resolve, so only the proxy can have fetched it.
out=$(env http_proxy="$BASE" no_proxy= NO_PROXY= \
	"$PROBE" "http://feeds.example.invalid/feed.xml" 2>&1)
like "$out" 'status=ok code=200' "proxy: http_proxy from the environment is used"
is "$(server_requests '^GET http://feeds.example.invalid/feed.xml ')" 1 \
	"proxy: the proxy was asked for the absolute URL"
done_testing
