#!/usr/bin/env python3
"""mkcache.py DIR FEEDS ITEMS: write FEEDS RSS files of ITEMS items each
into DIR, and DIR/urls listing them as file:// URLs, for bench/startup.sh.

Items are short news pieces generated here (no copied text) with a curly
quotation and a closing "Read also:" list, so both readers store what a
real feed would give them; dates run back one minute per item."""
import os
import sys
import time

WORDS = ("harbour council ferry lighthouse orchard library market bridge "
         "station tunnel garden museum winter river tower archive").split()


def item(feed, i, now):
    w = [WORDS[(feed * 5 + i * 7 + k * 3) % len(WORDS)] for k in range(24)]
    t = time.strftime("%a, %d %b %Y %H:%M:%S +0000",
                      time.gmtime(now - (i * 60 + feed)))
    return (
        "<item><title>Feed {f} story {i}: the {a} and the {b}</title>"
        "<link>https://bench{f}.example/news/{i}</link>"
        "<guid>https://bench{f}.example/news/{i}</guid>"
        "<pubDate>{t}</pubDate><description><![CDATA[<p>The {a} report was "
        "read aloud. \u201cWe expect the {b} to open by spring,\u201d said "
        "the clerk.</p><p>{body}</p><p>Read also:</p><ul><li><a "
        "href=\"https://bench{f}.example/news/{j}\">Feed {f} story {j}</a>"
        "</li></ul>]]></description></item>\n").format(
            f=feed, i=i, j=max(i - 1, 0), a=w[0], b=w[1], t=t,
            body=" ".join(w))


def main():
    out, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    now = int(time.time())
    with open(os.path.join(out, "urls"), "w") as urls:
        for f in range(feeds):
            path = os.path.abspath(os.path.join(out, "feed%d.xml" % f))
            with open(path, "w", encoding="utf-8") as x:
                x.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<rss version="2.0"><channel><title>Bench feed '
                        '%d</title><link>https://bench%d.example/</link>'
                        '<description>generated</description>\n' % (f, f))
                for i in range(items):
                    x.write(item(f, i, now))
                x.write("</channel></rss>\n")
            urls.write("file://%s bench\n" % path)


main()
