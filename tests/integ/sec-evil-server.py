#!/usr/bin/env python3
"""sec-evil-server.py: a loopback server whose answers attack the client
rather than the transport: headers carrying escape sequences, bidi
controls and bytes that are not UTF-8, and permanent redirects to
addresses built to break the urls file when written into it.

    python3 sec-evil-server.py CANARY   (prints its port, exits after 60 s)

  /ok.xml           a valid feed
  /esc-refused      302 to an ftp: URL holding ESC [2J and U+202E
  /esc-moved        301 to /ok.xml?ESC]0;pwned BEL (raw bytes)
  /moved-quoted     301 to a path with spaces, quotes, "~Title" and exec:
  /esc-headers      a valid feed whose ETag, Last-Modified and
                    Content-Type carry ESC sequences
"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CANARY = sys.argv[1]
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Evil '
        b'server</title><item><title>Plain item</title><link>https://e.example'
        b'/1</link><guid>e-1</guid></item></channel></rss>\n')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def raw(self, code, headers, body=b""):
        out = [b"HTTP/1.1 %d X\r\n" % code]
        for h in headers:
            out.append(h + b"\r\n")
        out.append(b"Content-Length: %d\r\n\r\n" % len(body))
        self.wfile.write(b"".join(out) + body)

    def do_GET(self):
        p = self.path
        if p.startswith("/ok.xml"):
            self.raw(200, [b"Content-Type: application/rss+xml"], FEED)
        elif p == "/esc-refused":
            self.raw(302, [b"Location: ftp://e.example/\x1b[2J\xe2\x80\xaeexe.txt"])
        elif p == "/esc-moved":
            self.raw(301, [b"Location: /ok.xml?\x1b]0;pwned\x07"])
        elif p == "/moved-quoted":
            self.raw(301, [b'Location: /ok.xml?a=" "~Evil title" exec:touch%20'
                           + CANARY.encode() + b' #'])
        elif p == "/esc-headers":
            self.raw(200, [b"Content-Type: application/rss+xml\x1b[2J",
                           b'ETag: "\x1b]52;c;cHduZWQ=\x07"',
                           b"Last-Modified: \x1b[31mMon, 01 Jan 2024 00:00:00 GMT"],
                     FEED)
        else:
            self.raw(404, [])


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(srv.server_address[1], flush=True)
threading.Timer(60, srv.shutdown).start()
srv.serve_forever()
