#!/bin/sh
# herald render: plain text, --ansi and --json output of bare articles and
# feed items, and its errors.
. "$TOP_SRCDIR/tests/lib.sh"

F="$FIXTURES/render"
ESC=$(printf '\033')

# Plain text: the body, then the Read-also entries after a separator.
out=$("$HERALD" render "$F/en-wire.txt" --width 72); rc=$?
is "$rc" 0 "render a text article exits 0"
like "$out" '^Ministers from twelve European countries met' "the body is drawn"
like "$out" '^─{72}$' "a separator before the Read-also entries"
like "$out" '^- Baltic ministers ask for more air defence before the summit$' \
	"Read-also entries listed"
is "$(printf '%s\n' "$out" | grep -c '^Read also:$')" 1 \
	"the Read-also label appears once, as the pane's heading"
long=$(printf '%s\n' "$out" | python3 -c '
import sys
for l in sys.stdin.read().split("\n"):
    if len(l) > 72 and not l.startswith("  <"): print(l)' | head -1)
is "$long" "" "no line wider than --width (but for URLs)"
like "$out" '^  equipment$' \
	"a long entry wraps under its bullet"

# --ansi: the quote SGR around quoted words, not around apostrophes.
out=$("$HERALD" render "$F/en-wire.txt" --width 200 --ansi); rc=$?
is "$rc" 0 "--ansi exits 0"
like "$out" "${ESC}\\[0;33m“reassurance package”${ESC}\\[0m" \
	"--ansi: a quotation in the quote colour"
like "$out" "^Lithuania’s defence minister said" \
	"--ansi: an apostrophe word is not coloured"
like "$out" "the students’ union of the local college" \
	"--ansi: students’ union not coloured"
unlike "$out" "${ESC}\\[[0-9;]*m[^${ESC}]*’90s" \
	"--ansi: ’90s not inside a colour"

# --ansi takes its colours from the theme: mono draws quotations italic.
out=$("$HERALD" --theme mono render "$F/en-wire.txt" --width 200 --ansi); rc=$?
is "$rc" 0 "--ansi --theme mono exits 0"
like "$out" "${ESC}\\[0;3m“reassurance package”${ESC}\\[0m" \
	"--theme mono: a quotation in italics"
err=$("$HERALD" --theme no-such-theme render "$F/en-wire.txt" --ansi 2>&1); rc=$?
is "$rc" 1 "an unknown theme fails"
like "$err" "no-such-theme" "and names it"

# --json: the shape DESIGN.md fixes, checked by python3.
"$HERALD" render "$F/en-cms.html" --width 60 --json >"$TMPDIR_TEST/cms.json"
is "$?" 0 "--json exits 0"
check=$(python3 - "$TMPDIR_TEST/cms.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []
if set(d) < {"title", "lines", "links", "quotes", "readalso"}:
    problems.append("keys %s" % sorted(d))
for i, l in enumerate(d["lines"]):
    if not isinstance(l["text"], str) or len(l["text"]) > 60:
        problems.append("line %d text" % i)
    if any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in l["text"]):
        problems.append("line %d control" % i)
    for s in l["spans"]:
        if not (0 <= s["start"] < s["end"] <= len(l["text"])):
            problems.append("line %d span %r" % (i, s))
        if s["role"] not in ("text", "heading", "bold", "italic",
                "underline", "link", "linknum", "quote", "code", "image",
                "rule", "note"):
            problems.append("role %r" % s["role"])
for k in d["links"]:
    if not (isinstance(k["n"], int) and k["url"] and "text" in k):
        problems.append("link %r" % k)
for r in d["readalso"]:
    if not isinstance(r["title"], str) or not (r["url"] is None or
            isinstance(r["url"], str)):
        problems.append("readalso %r" % r)
# The quote role covers the quoted words, by character offsets.
words = " ".join(l["text"][s["start"]:s["end"]] for l in d["lines"]
                for s in l["spans"] if s["role"] == "quote")
if "gamble" not in words or "Fishermen" in words:
    problems.append("quote spans: %r" % words[:80])
print("; ".join(problems) or "ok")
print(d["quotes"][2])
print(d["readalso"][0]["title"] + " | " + d["readalso"][0]["url"])
PY
)
is "$(printf '%s\n' "$check" | sed -n 1p)" ok "--json: shape, offsets and roles"
is "$(printf '%s\n' "$check" | sed -n 2p)" "a gamble with the weather" \
	"--json: quotes listed without their marks"
is "$(printf '%s\n' "$check" | sed -n 3p)" \
	"Storm warning issued for the coast | /news/storm-warning" \
	"--json: the inline Read-also entry"

out=$("$HERALD" render "$F/en-wire.txt" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len(d["quotes"]), d["readalso"][2]["url"], repr(d["title"]))')
is "$out" "5 None ''" "--json: text article: quotes, title-only entries, title ''"
out=$("$HERALD" render "$F/en-cms.html" --json | python3 -c '
import json, sys; print(json.load(sys.stdin)["title"])')
is "$out" "ignored" "--json: a bare page's <title>"

# A feed: item N of it.
out=$("$HERALD" render "$F/feed.xml" --item 2 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["title"]); print(d["quotes"]); print(d["readalso"])')
is "$out" "Council backs the “green corridor”
['a corridor for the next fifty years.', 'rushed']
[{'title': 'How the council voted', 'url': 'https://harbour.example/news/vote'}]" \
	"a feed's item 2: title, quotes, Read-also with absolute URL"
out=$("$HERALD" render "$F/feed.xml")
like "$out" '^First item$' "a feed's item 1 by default, its title first"
like "$out" '^Short summary of the first item.$' "its summary when no content"
err=$("$HERALD" render "$F/feed.xml" --item 9 2>&1); rc=$?
is "$rc" 1 "an item past the end fails"
like "$err" "no item 9" "and says so"

# Errors.
err=$("$HERALD" render "$TMPDIR_TEST/missing.html" 2>&1); rc=$?
is "$rc" 1 "a missing file exits 1"
like "$err" "missing.html" "and names it"
"$HERALD" render "$F/en-cms.html" --width 5 >/dev/null 2>&1; rc=$?
is "$rc" 2 "a width under 10 is a usage error"
"$HERALD" render "$F/en-cms.html" --bogus >/dev/null 2>&1; rc=$?
is "$rc" 2 "an unknown option is a usage error"
"$HERALD" render >/dev/null 2>&1; rc=$?
is "$rc" 2 "no input is a usage error"

# Hostile bytes never reach the terminal.
printf '<p>a\033[2Jb\033]0;x\007c &#27;[31m d\302\233e</p>' >"$TMPDIR_TEST/esc.html"
out=$("$HERALD" render "$TMPDIR_TEST/esc.html" --ansi)
bad=$(printf '%s' "$out" | sed "s/${ESC}\\[[0-9;]*m//g" | tr -d '\n' |
	LC_ALL=C grep -c "$(printf '[\001-\037\177]')")
is "$bad" 0 "no escape or control character but our own SGR"

done_testing
