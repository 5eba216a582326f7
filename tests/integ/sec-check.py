#!/usr/bin/env python3
"""sec-check.py [--ansi] [--tty] [--json] FILE: is FILE safe to show on a
terminal?  Exits 0 when it is; else prints the first offence (with the
bytes around it) and exits 1.

Safe means: valid UTF-8; no C0 control but newline (and tab); no DEL; no
C1 control (U+0080..U+009F); no bidi embedding, override or isolate
(U+202A..U+202E, U+2066..U+2069).
  --ansi  herald's own SGR sequences (ESC [ digits ; m) are allowed
  --tty   also the progress line's carriage return and ESC [ K
  --json  FILE is JSON: additionally, no string in it may hold such a
          character once decoded (an escaped \\u001b is still an ESC for
          whoever prints the value); newlines and tabs are allowed there
"""
import json
import re
import sys

BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
BAD_IN_STRING = BAD


def offence(text, m, what):
    s = max(0, m.start() - 30)
    print("%s: %r at offset %d: ...%r..." % (what, m.group(), m.start(),
                                            text[s:m.end() + 30]))
    return 1


def walk(v, path="$"):
    if isinstance(v, str):
        m = BAD_IN_STRING.search(v)
        if m:
            return offence(v, m, "JSON string %s holds a control" % path)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            if walk(x, "%s[%d]" % (path, i)):
                return 1
    elif isinstance(v, dict):
        for k, x in v.items():
            if walk(k, path + " key") or walk(x, "%s.%s" % (path, k)):
                return 1
    return 0


def main():
    args = sys.argv[1:]
    ansi = "--ansi" in args
    tty = "--tty" in args
    as_json = "--json" in args
    path = [a for a in args if not a.startswith("--")][0]
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("not UTF-8: %s" % e)
        return 1
    shown = text
    if ansi or tty:
        shown = re.sub("\x1b\\[[0-9;]*m", "", shown)
    if tty:
        shown = shown.replace("\x1b[K", "").replace("\r", "")
    shown = shown.replace("\t", " ")
    m = BAD.search(shown)
    if m:
        return offence(shown, m, "a control character reaches the terminal")
    if as_json:
        try:
            doc = json.loads(text)
        except ValueError as e:
            print("not JSON: %s" % e)
            return 1
        return walk(doc)
    return 0


sys.exit(main())
