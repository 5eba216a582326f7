#!/bin/sh
# HTTP/2 where the server offers it: libcurl negotiates it over TLS (ALPN)
# and the feeds of one host share a few connections, many streams each.
# nghttpd (Debian's nghttp2-server), which speaks nothing but HTTP/2,
# serves 20 feeds; its certificate is trusted through the ca-file
# setting, as a private CA's would be.  Conditional requests work over it
# too, and a ca-file that cannot be read is told in words.
. "$TOP_SRCDIR/tests/lib.sh"
command -v nghttpd >/dev/null 2>&1 || skip_all "nghttpd is not installed (nghttp2-server)"
command -v openssl >/dev/null 2>&1 || skip_all "openssl is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
. "$TOP_SRCDIR/tests/integ/cache.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$TMPDIR_TEST/key.pem" \
	-out "$TMPDIR_TEST/cert.pem" >/dev/null 2>&1 ||
	skip_all "openssl cannot make a certificate"

www=$TMPDIR_TEST/www
mkdir "$www"
i=1
while [ $i -le 20 ]; do
	cat >"$www/$i.xml" <<FEED
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley news $i</title>
<link>https://valley.example/$i</link>
<item><title>Ferry timetable changes on route $i</title>
<link>https://valley.example/$i/ferry</link><guid>valley-$i-ferry</guid>
<description>&lt;p&gt;&#8220;We start earlier,&#8221; the harbour master said.&lt;/p&gt;</description></item>
<item><title>Library opens a reading room</title>
<link>https://valley.example/$i/library</link><guid>valley-$i-library</guid>
<description>&lt;p&gt;Read also: the winter programme.&lt;/p&gt;</description></item>
</channel></rss>
FEED
	i=$((i + 1))
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$TMPDIR_TEST/nghttpd.log
nghttpd -v -d "$www" "$port" "$TMPDIR_TEST/key.pem" "$TMPDIR_TEST/cert.pem" \
	>"$log" 2>&1 &
nghttpd_pid=$!
stop_nghttpd() { kill "$nghttpd_pid" 2>/dev/null; wait "$nghttpd_pid" 2>/dev/null; }
at_exit stop_nghttpd
tries=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
	tries=$((tries + 1))
	if [ $tries -ge 50 ]; then
		echo "Bail out! nghttpd did not start: $(tail -3 "$log")"
		exit 1
	fi
	sleep 0.1
done

i=1
while [ $i -le 20 ]; do echo "https://127.0.0.1:$port/$i.xml"; i=$((i + 1)); done >"$URLS"
echo "ca-file = $TMPDIR_TEST/cert.pem" >"$CONFIG"
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "refresh over HTTP/2 succeeded"
like "$out" "^20 feeds: 20 updated \(40 new items\), 0 unchanged, 0 failed" "every feed updated"
is "$(q "SELECT count(*) FROM items")" 40 "40 items cached"
is "$(q "SELECT title FROM items WHERE guid = 'valley-7-ferry'")" \
	"Ferry timetable changes on route 7" "an article as it was served"

# Each request is a HEADERS frame on a stream of a connection (nghttpd's
# [id=N]); more requests than connections means streams shared them.
requests=$(grep -a 'recv HEADERS frame' "$log" | wc -l)
connections=$(grep -a 'recv HEADERS frame' "$log" | sed 's/^\(\[id=[0-9]*\]\).*/\1/' | sort -u | wc -l)
is "$requests" 20 "20 requests, all over HTTP/2"
ok "at most 4 connections to the one host ($connections)" test "$connections" -le 4
ok "several streams on a connection" \
	grep -aq 'recv HEADERS frame <[^>]*stream_id=[3-9]' "$log"

: >"$log"
out=$(h refresh 2>&1); rc=$?
like "$out" "^20 feeds: 0 updated \(0 new items\), 20 unchanged, 0 failed" \
	"again: all 20 unchanged (304 over HTTP/2)"
ok "the validators went back" grep -aq 'if-modified-since\|if-none-match' "$log"

echo "ca-file = $TMPDIR_TEST/no-such.pem" >"$CONFIG"
out=$(h refresh --feed "https://127.0.0.1:$port/1.xml" 2>&1); rc=$?
is "$rc" 1 "an unreadable ca-file: nothing fetched"
like "$out" "^failed https://127.0.0.1:$port/1.xml: TLS failure: .*no-such.pem" \
	"and the file is named"

printf 'not a certificate at all\n' >"$TMPDIR_TEST/junk.pem"
echo "ca-file = $TMPDIR_TEST/junk.pem" >"$CONFIG"
out=$(h refresh --feed "https://127.0.0.1:$port/1.xml" 2>&1); rc=$?
is "$rc" 1 "a ca-file that holds no certificate: nothing fetched"
like "$out" "^failed https://127.0.0.1:$port/1.xml: TLS failure: " "and told as a TLS failure"
is "$(q "SELECT count(*) FROM items")" 40 "nothing cached was lost"
done_testing
