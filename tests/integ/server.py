#!/usr/bin/env python3
"""server.py: a scripted loopback HTTP server for herald's tests.

    python3 server.py [--lifetime SECONDS] [--log FILE] [--items N]
                      [--tls CERT KEY]

Listens on 127.0.0.1 on a port the kernel picks and prints that port, alone
on the first line of standard output.  It exits by itself after --lifetime
seconds (default 60), so a test that dies cannot leave it behind; tests
still stop it (kill) when they end.  Only the Python standard library.

--tls CERT KEY serves HTTPS with that certificate (PEM files) instead.

--log FILE appends one line per request, written before the answer:

    GET /etag.xml inm="etag-v1" ims=- ae=gzip,deflate,br ua=herald/0.1.0 (...)

(inm = If-None-Match, ims = If-Modified-Since, ae = Accept-Encoding, "-"
when absent), so a test can assert that a request carried its validators,
or that no request was made at all.

Paths (query strings as shown; everything else is 404):

  /feed.xml, /feed2.xml  a valid RSS 2.0 feed of 3 items with ETag and
                         Last-Modified; 304 when either validator matches
  /etag.xml              ETag "etag-v1" only; 304 on If-None-Match
  /lm.xml                Last-Modified only; 304 on If-Modified-Since
  /atom.xml              a valid Atom 1.0 feed of 2 entries
  /gzip.xml              the feed gzip-encoded (when the client accepts it)
  /deflate.xml           the feed deflate-encoded
  /br.xml                the feed brotli-encoded; 404 with "X-No-Brotli: 1"
                         when this Python has no brotli module
  /bad-gzip.xml          says gzip, sends garbage
  /redirect/CODE?to=P    a CODE (301 302 303 307 308) redirect to path P
                         (default /feed.xml); P may be absolute
  /chain/N               N permanent (301) redirects, then /feed.xml
  /mixed                 301 -> 302 -> /feed.xml (not a permanent move)
  /loop/a, /loop/b       redirect to each other
  /to-file               302 to file:///etc/hostname
  /status/CODE?after=S&date=1
                         that status with a small HTML body; 429 and 503
                         carry Retry-After: S (default 120), as an HTTP
                         date when date=1
  /stall.xml             Content-Length, half the body, then silence
  /trickle.xml?n=B       B bytes (default 64), one a second
  /big.xml?mb=M          a body of M MiB (default 40) with Content-Length
  /chunked-big.xml?mb=M  the same, chunked (no length given)
  /endless.xml           chunked, never ends
  /gzip-bomb.xml?mb=M    M MiB of zeros (default 64), gzip-encoded (small)
  /huge-header           a 200 whose one header is 300 KB
  /malformed.xml         a feed whose XML breaks off mid-item
  /not-a-feed.html       an HTML page
  /empty.xml             200 with an empty body
  /gen/N.xml?items=M&delay=MS
                         feed number N with M items (default --items, 50),
                         after an optional delay; stable ETag and
                         Last-Modified, 304 on either; N is any integer
  /delay?ms=D            every /gen feed waits D ms before answering, from
                         now on (0 to stop)
  /bump                  adds one new item to every /gen feed (their
                         validators change); answers "bumped V"
  /flip/NAME.xml         a valid feed (with ETag) until told otherwise by
  /set/NAME?mode=M       M = ok, 404, 410, 429, 500, malformed, stall,
                         big (40 MiB), moved (301 to /feed2.xml)
  /stop                  exits at once
"""

import argparse
import email.utils
import functools
import gzip
import os
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

try:
    import brotli  # not in the standard library; used only when present
except ImportError:
    brotli = None

BASE_TIME = 1745573400  # 2025-04-25 09:30 UTC: fixed, so output is stable
LOG_LOCK = threading.Lock()
STATE = {"version": 0, "log": None, "items": 50, "flip": {}, "delay": 0}


def rss(title, link, items):
    """An RSS 2.0 document from (title, link, guid, date, html) tuples."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">',
           "<channel><title>%s</title><link>%s</link>" % (title, link),
           "<description>Loopback test feed</description>"]
    for t, l, g, d, html in items:
        out.append("<item><title>%s</title><link>%s</link>"
                   '<guid isPermaLink="false">%s</guid><pubDate>%s</pubDate>'
                   "<description><![CDATA[%s]]></description></item>"
                   % (t, l, g, email.utils.formatdate(d, usegmt=True), html))
    out.append("</channel></rss>\n")
    return "".join(out).encode("utf-8")


def article(feed, n):
    """Body text in the shape herald is built for: quotations and a closing
    "Read also:" list.  Written for these tests."""
    return ("<p>The harbour council met on day %d to hear residents of "
            "district %d.</p><p>\u201cWe counted the boats twice and still "
            "came up short,\u201d said the clerk, adding that the ferry "
            "timetable would change.</p><p>A fisher answered: \u201cThe "
            "nets are older than the pier.\u201d</p><p>Read also:</p><ul>"
            "<li><a href=\"https://example.org/harbour/%d\">Pier repairs "
            "begin in spring</a></li><li><a href=\"https://example.org/"
            "ferry/%d\">Ferry timetable, explained</a></li></ul>"
            % (n, feed, n, feed))


def simple_feed(path):
    items = [("Story %d of %s" % (i, path), "https://example.org%s/%d" %
              (path, i), "%s-%d" % (path, i), BASE_TIME - i * 3600,
              article(1, i)) for i in range(1, 4)]
    return rss("Loopback feed %s" % path, "https://example.org/", items)


def gen_feed(n, count, v):
    """Feed n: count items plus v more (one per /bump), newest first."""
    items = []
    for k in range(count + v, 0, -1):
        items.append(("Feed %d, story %d" % (n, k),
                      "https://example.org/gen/%d/%d.html" % (n, k),
                      "gen-%d-%d" % (n, k), BASE_TIME + k * 600,
                      article(n, k)))
    return rss("Generated feed %d" % n, "https://example.org/gen/%d" % n,
               items)


GEN_CACHE = {}


def gen_body(n, count, v):
    """gen_feed's bytes, made once: the server should cost the client
    as little time as it can, benchmarks measure the client."""
    key = (n, count, v)
    if key not in GEN_CACHE:
        if len(GEN_CACHE) > 2000:
            GEN_CACHE.clear()
        GEN_CACHE[key] = gen_feed(n, count, v)
    return GEN_CACHE[key]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback Atom</title>
<id>urn:herald:test:atom</id><updated>2025-04-25T09:30:00Z</updated>
<link href="https://example.org/atom"/>
<entry><title>First entry</title><id>urn:herald:test:atom:1</id>
<link href="https://example.org/atom/1"/><updated>2025-04-25T09:30:00Z</updated>
<content type="html">&lt;p&gt;\u201cOne,\u201d she said.&lt;/p&gt;</content></entry>
<entry><title>Second entry</title><id>urn:herald:test:atom:2</id>
<link href="https://example.org/atom/2"/><updated>2025-04-24T09:30:00Z</updated>
<content type="html">&lt;p&gt;Two.&lt;/p&gt;</content></entry>
</feed>
""".encode("utf-8")

MALFORMED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken'
             b"</title><item><title>Half an item</title><link>https://exa")


@functools.lru_cache(maxsize=64)
def http_date(t):
    """An HTTP date, made once per second asked for."""
    return email.utils.formatdate(t, usegmt=True)


class Headers(dict):
    """A request's headers by lower-case name (the first of repeats)."""

    def get(self, name, default=None):
        return dict.get(self, name.lower(), default)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "herald-test"
    # Headers and body go out in two writes.  With Nagle's algorithm on,
    # the body of every reply after the first on a kept-alive connection
    # waited for the client's delayed ACK (40 ms): 4 connections served
    # 90 requests a second.  Real servers set TCP_NODELAY too.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # our own log, not stderr
        pass

    def date_time_string(self, timestamp=None):
        return http_date(int(time.time() if timestamp is None
                             else timestamp))

    def parse_request(self):
        """The request line and headers, read here rather than by the
        email package, which took 40% of the server's time for a 304:
        the benchmarks measure the client, not this server."""
        self.command = None
        self.request_version = self.default_request_version
        self.close_connection = True
        self.requestline = self.raw_requestline.decode(
            "iso-8859-1").rstrip("\r\n")
        words = self.requestline.split()
        if len(words) != 3 or words[2] not in ("HTTP/1.0", "HTTP/1.1"):
            self.send_error(400, "Bad request line")
            return False
        self.command, self.path, self.request_version = words
        headers = Headers()
        for _ in range(100):
            line = self.rfile.readline(65537)
            if len(line) > 65536:
                self.send_error(431, "Header line too long")
                return False
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("iso-8859-1").partition(":")
            headers.setdefault(name.strip().lower(), value.strip())
        else:
            self.send_error(431, "Too many headers")
            return False
        self.headers = headers
        conn = headers.get("Connection", "").lower()
        self.close_connection = conn == "close" or (
            self.request_version == "HTTP/1.0" and conn != "keep-alive")
        return True

    def log_request_line(self):
        if STATE["log"] is None:
            return
        h = self.headers
        line = "%s %s inm=%s ims=%s ae=%s ua=%s\n" % (
            self.command, self.path, h.get("If-None-Match", "-"),
            h.get("If-Modified-Since", "-"), h.get("Accept-Encoding", "-"),
            h.get("User-Agent", "-"))
        with LOG_LOCK:
            with open(STATE["log"], "a") as f:
                f.write(line)

    def send(self, code, body=b"", headers=(), ctype="application/rss+xml"):
        """A whole reply in one write.  send_response and send_header were
        most of what the server did for a 304."""
        head = ["HTTP/1.1 %d %s" % (code, self.responses.get(code, ("",))[0]),
                "Server: " + self.version_string(),
                "Date: " + http_date(int(time.time()))]
        if code != 304:
            head += ["Content-Type: " + ctype, "Content-Length: %d" % len(body)]
        head += ["%s: %s" % kv for kv in headers]
        out = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(out + body if code != 304 else out)

    def validated(self, body, etag=None, lm=None):
        """200 with the validators given, or 304 when one matches.  body
        may be a function, called only when the body is sent."""
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        hdrs = []
        if etag:
            hdrs.append(("ETag", etag))
        if lm:
            hdrs.append(("Last-Modified", http_date(lm)))
        fresh = False
        if etag and inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")]
        elif lm and ims is not None:
            try:
                fresh = email.utils.parsedate_to_datetime(
                    ims).timestamp() >= lm
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.send(304, headers=hdrs)
        else:
            self.send(200, body() if callable(body) else body, hdrs)

    def encoded(self, name, data, fn):
        self.send(200, fn(data), [("Content-Encoding", name)])

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def log_request(self, code="-", size="-"):  # our own log, see above
        pass

    def do_GET(self):
        self.log_request_line()
        if "?" in self.path or "#" in self.path or "//" in self.path:
            url = urlsplit(self.path)
            q = {k: v[-1] for k, v in parse_qs(url.query).items()}
            p = url.path
        else:
            p, q = self.path, {}
        try:
            self.route(p, q)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, p, q):
        if p.startswith("/gen/") and p.endswith(".xml"):  # the benchmarks'
            return self.gen(int(p[5:-4]), q)
        if p in ("/feed.xml", "/feed2.xml"):
            return self.validated(simple_feed(p), '"%s-v1"' % p[1:-4],
                                  BASE_TIME)
        if p == "/etag.xml":
            return self.validated(simple_feed(p), '"etag-v1"')
        if p == "/lm.xml":
            return self.validated(simple_feed(p), None, BASE_TIME)
        if p == "/atom.xml":
            return self.send(200, ATOM, ctype="application/atom+xml")
        if p == "/gzip.xml":
            return self.encoded("gzip", simple_feed(p), gzip.compress)
        if p == "/deflate.xml":
            return self.encoded("deflate", simple_feed(p), zlib.compress)
        if p == "/br.xml":
            if brotli is None:
                return self.send(404, b"no brotli", [("X-No-Brotli", "1")],
                                 "text/plain")
            return self.encoded("br", simple_feed(p), brotli.compress)
        if p == "/bad-gzip.xml":
            return self.send(200, b"this is not gzip at all, sorry" * 4,
                             [("Content-Encoding", "gzip")])
        if p.startswith("/redirect/"):
            code = int(p.split("/")[2])
            return self.send(code, b"moved", [("Location",
                             q.get("to", "/feed.xml"))], "text/plain")
        if p.startswith("/chain/"):
            n = int(p.split("/")[2])
            to = "/chain/%d" % (n - 1) if n > 1 else "/feed.xml"
            return self.send(301, b"", [("Location", to)], "text/plain")
        if p == "/mixed":
            return self.send(301, b"", [("Location", "/mixed2")])
        if p == "/mixed2":
            return self.send(302, b"", [("Location", "/feed.xml")])
        if p in ("/loop/a", "/loop/b"):
            to = "/loop/b" if p == "/loop/a" else "/loop/a"
            return self.send(302, b"", [("Location", to)], "text/plain")
        if p == "/to-file":
            return self.send(302, b"", [("Location", "file:///etc/hostname")])
        if p.startswith("/status/"):
            return self.status(int(p.split("/")[2]), q)
        if p == "/stall.xml":
            return self.stall()
        if p == "/trickle.xml":
            return self.trickle(int(q.get("n", "64")))
        if p in ("/big.xml", "/chunked-big.xml"):
            return self.big(int(q.get("mb", "40")), p == "/big.xml")
        if p == "/endless.xml":
            return self.endless()
        if p == "/gzip-bomb.xml":
            z = gzip.compress(b"\0" * (int(q.get("mb", "64")) << 20), 9)
            return self.send(200, z, [("Content-Encoding", "gzip")])
        if p == "/huge-header":
            return self.send(200, simple_feed(p), [("X-Padding", "a" * 300000)])
        if p == "/malformed.xml":
            return self.send(200, MALFORMED)
        if p == "/not-a-feed.html":
            return self.send(200, b"<html><body><p>Hello</p></body></html>",
                             ctype="text/html")
        if p == "/empty.xml":
            return self.send(200, b"")
        if p == "/delay":
            STATE["delay"] = int(q.get("ms", "0"))
            return self.send(200, b"delay set\n", ctype="text/plain")
        if p == "/bump":
            STATE["version"] += 1
            return self.send(200, b"bumped %d\n" % STATE["version"],
                             ctype="text/plain")
        if p.startswith("/flip/") and p.endswith(".xml"):
            return self.flip(p[6:-4])
        if p.startswith("/set/"):
            STATE["flip"][p[5:]] = q.get("mode", "ok")
            return self.send(200, b"set\n", ctype="text/plain")
        if p == "/stop":
            self.send(200, b"bye\n", ctype="text/plain")
            os._exit(0)
        return self.send(404, b"<html>not here</html>", ctype="text/html")

    def flip(self, name):
        mode = STATE["flip"].get(name, "ok")
        if mode.isdigit():
            return self.status(int(mode), {"after": "300"})
        if mode == "malformed":
            return self.send(200, MALFORMED)
        if mode == "stall":
            return self.stall()
        if mode == "big":
            return self.big(40, True)
        if mode == "moved":
            return self.send(301, b"", [("Location", "/feed2.xml")])
        return self.validated(simple_feed("/flip/" + name),
                              '"flip-%s"' % name)

    def status(self, code, q):
        hdrs = []
        if code in (429, 503):
            after = int(q.get("after", "120"))
            if q.get("date") == "1":
                hdrs.append(("Retry-After", email.utils.formatdate(
                    time.time() + after, usegmt=True)))
            else:
                hdrs.append(("Retry-After", str(after)))
        self.send(code, b"<html><body>status %d</body></html>" % code, hdrs,
                  "text/html")

    def stall(self):
        body = simple_feed("/stall.xml")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:len(body) // 2])
        self.wfile.flush()
        time.sleep(60)

    def trickle(self, n):
        body = (simple_feed("/trickle.xml") * 8)[:n]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for i in range(len(body)):
            self.wfile.write(body[i:i + 1])
            self.wfile.flush()
            time.sleep(1)

    def big(self, mb, with_length):
        block = b"<!-- " + b"x" * 65526 + b" -->\n"   # 64 KiB
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if with_length:
            self.send_header("Content-Length", str(mb << 20))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(mb * 16):
            if with_length:
                self.wfile.write(block)
            else:
                self.chunk(block)
        if not with_length:
            self.wfile.write(b"0\r\n\r\n")

    def endless(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.chunk(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        block = b"<!-- " + b"y" * 16374 + b" -->\n"
        while True:
            self.chunk(block)

    def gen(self, n, q):
        delay = int(q.get("delay", STATE["delay"]))
        if delay > 0:
            time.sleep(min(delay, 10000) / 1000.0)
        count = int(q.get("items", str(STATE["items"])))
        v = STATE["version"]
        self.validated(lambda: gen_body(n, count, v),
                       '"gen-%d-%d-v%d"' % (n, count, v), BASE_TIME + v * 60)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lifetime", type=float, default=60)
    ap.add_argument("--log")
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = ap.parse_args()
    STATE["log"] = args.log
    STATE["items"] = args.items
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 256
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if args.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print(srv.server_address[1], flush=True)
    timer = threading.Timer(args.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
