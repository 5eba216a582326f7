#!/usr/bin/env python3
"""sgr.py TEXT: read `tmux capture-pane -pe` output on stdin and print the
SGR state in force over the first occurrence of TEXT: "fg=N bg=N attrs"
for each distinct state over its characters, joined by " | ".  Exit 1
when TEXT is not on the screen.

sgr.py --line N: the same over the whole of line N (from 1; capture with
-N so that trailing blanks are there)."""
import re
import sys

CSI = re.compile(r"\x1b\[([0-9;:]*)m")


def apply(state, params):
    codes = [int(p) if p.isdigit() else 0 for p in params.replace(":", ";").split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.clear()
        elif c in (1, 2, 3, 4, 5, 7):
            state["a%d" % c] = True
        elif c in (22, 23, 24, 25, 27):
            for a in {22: (1, 2), 23: (3,), 24: (4,), 25: (5,), 27: (7,)}[c]:
                state.pop("a%d" % a, None)
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = str(c - 30 if c < 90 else c - 90 + 8)
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = str(c - 40 if c < 100 else c - 100 + 8)
        elif c == 39:
            state.pop("fg", None)
        elif c == 49:
            state.pop("bg", None)
        elif c in (38, 48) and i + 1 < len(codes):
            key = "fg" if c == 38 else "bg"
            if codes[i + 1] == 5 and i + 2 < len(codes):
                state[key] = str(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                state[key] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                i += 4
        i += 1


def describe(state):
    parts = ["fg=" + state.get("fg", "default"), "bg=" + state.get("bg", "default")]
    names = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse"}
    parts += [names[a] for a in sorted(names) if state.get("a%d" % a)]
    return " ".join(parts)


def main():
    want = sys.argv[1]
    line_no = int(sys.argv[2]) if want == "--line" else 0
    data = sys.stdin.buffer.read().decode("utf-8", "replace")
    state = {}
    for n, line in enumerate(data.split("\n"), 1):
        chars = []  # (char, description)
        pos = 0
        for m in CSI.finditer(line):
            for ch in line[pos:m.start()]:
                chars.append((ch, describe(state)))
            apply(state, m.group(1))
            pos = m.end()
        for ch in line[pos:]:
            chars.append((ch, describe(state)))
        text = "".join(c for c, _ in chars)
        if line_no:
            if n != line_no:
                continue
            at, want = 0, text
        else:
            at = text.find(want)
        if at < 0:
            continue
        seen = []
        for _, d in chars[at:at + len(want)]:
            if d not in seen:
                seen.append(d)
        print(" | ".join(seen))
        return 0
    return 1


sys.exit(main())
