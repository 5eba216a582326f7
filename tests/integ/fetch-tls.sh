#!/bin/sh
# TLS verification is on: a server with a self-signed certificate is
# refused, and the person is told why in libcurl's words.
. "$TOP_SRCDIR/tests/lib.sh"
command -v openssl >/dev/null 2>&1 || skip_all "openssl is not installed"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
PROBE=$TOP_BUILDDIR/tests/integ/fetch-probe

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-keyout "$TMPDIR_TEST/key.pem" -out "$TMPDIR_TEST/cert.pem" >/dev/null 2>&1 ||
	skip_all "openssl cannot make a certificate"
server_start --lifetime 30 --tls "$TMPDIR_TEST/cert.pem" "$TMPDIR_TEST/key.pem"
HTTPS=https://127.0.0.1:$PORT

out=$("$PROBE" "$HTTPS/feed.xml" 2>&1)
like "$out" "status=failed" "a self-signed certificate is refused"
like "$out" "error=TLS failure: .*(self[- ]signed|certificate)" "and the reason is libcurl's"
is "$(server_requests '^GET ')" 0 "no request went through"

urls "$HTTPS/feed.xml"
out=$(h refresh 2>&1); rc=$?
is "$rc" 1 "herald refresh: nothing fetched, exit 1"
like "$out" "^failed $HTTPS/feed.xml: TLS failure: " "herald refresh: the TLS failure is told"
like "$(q "SELECT last_error FROM feeds")" "^TLS failure: " "and kept on the feed's row"
done_testing
