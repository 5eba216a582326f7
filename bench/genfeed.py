#!/usr/bin/env python3
"""genfeed.py SIZE_MB OUT [--escaped]: write an RSS 2.0 feed of about SIZE_MB
megabytes.

Items look like a news site's: an HTML body with curly quotes and a closing
"Read also:" list, a few namespaces, entities, CDATA.  Text is generated
here (no copied prose), varied by item number so nothing compresses away.
With --escaped the body is written as escaped text (&lt;p&gt;...) instead
of a CDATA section, as many feeds do."""
import html
import sys

WORDS = ("council harbour budget river station museum archive winter "
         "bridge market ferry orchard library tunnel garden tower").split()

def body(i):
    w = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(60)]
    para = " ".join(w)
    return ("<p>The {0} report, number {1}, was read aloud. "
            "\u201cWe expect the {2} to open by spring,\u201d said the clerk, "
            "\u201cand the {3} soon after.\u201d</p><p>{4}</p><p>{4}</p>"
            "<p>Read also:</p><ul><li><a href=\"/news/{5}\">The {6} in "
            "numbers</a></li><li><a href=\"/news/{7}\">Why the {2} "
            "closed</a></li></ul>").format(
                w[0], i, w[1], w[2], para, i - 1, w[3], i - 2)

def main():
    size = int(float(sys.argv[1]) * 1024 * 1024)
    escaped = "--escaped" in sys.argv[3:]
    out = open(sys.argv[2], "w", encoding="utf-8")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
              '<title>Generated Gazette</title>\n'
              '<link>https://gazette.example/</link>\n'
              '<description>A large feed for benchmarks</description>\n')
    written, i = 0, 0
    while written < size:
        i += 1
        day = 1 + i % 28
        item = ('<item>\n<title>The {0} story &amp; its {1}, part {2}</title>\n'
                '<link>https://gazette.example/news/{2}</link>\n'
                '<guid>https://gazette.example/news/{2}</guid>\n'
                '<pubDate>Mon, {3:02d} Apr 2025 09:{4:02d}:00 +0000</pubDate>\n'
                '<dc:creator>Desk {5}</dc:creator>\n'
                '<category>{1}</category>\n'
                '<description>{6}</description>\n'
                '<content:encoded>{7}</content:encoded>\n'
                '</item>\n').format(
                    WORDS[i % len(WORDS)], WORDS[(i * 5) % len(WORDS)], i,
                    day, i % 60, i % 9,
                    "A short summary of item {0} &amp; more.".format(i),
                    html.escape(body(i), quote=False) if escaped else
                    "<![CDATA[" + body(i) + "]]>")
        out.write(item)
        written += len(item.encode("utf-8"))
    out.write("</channel>\n</rss>\n")
    out.close()

if __name__ == "__main__":
    main()
