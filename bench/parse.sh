#!/bin/sh
# bench/parse.sh [SIZE_MB] [HERALD]: parse one generated feed of SIZE_MB
# (default 50) megabytes with herald, xmllint (libxml2's floor) and sfeed,
# in the same run; print seconds (best of 3), MB/s, the ratio to herald and
# the peak resident memory of each.  A tool that is missing is skipped.
#
# Figures, not a test: see bench/README.md for what was measured.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
size=${1:-50}
herald=${2:-$here/../build/herald}
runs=${RUNS:-3}

command -v python3 >/dev/null 2>&1 || { echo "parse.sh: python3 is needed" >&2; exit 1; }
[ -x "$herald" ] || { echo "parse.sh: no herald at $herald (build first)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
feed=$work/feed.xml
python3 "$here/genfeed.py" "$size" "$feed"

# One line per tool: name, then the command (run by sh -c, FEED set).
tools=$work/tools
{
	printf 'herald parse --json\t"%s" parse "$FEED" --json\n' "$herald"
	command -v xmllint >/dev/null 2>&1 &&
		printf 'xmllint --stream --noout\txmllint --stream --noout "$FEED"\n'
	command -v sfeed >/dev/null 2>&1 &&
		printf 'sfeed\tsfeed <"$FEED"\n'
	printf 'herald --version (floor)\t"%s" --version\n' "$herald"
} >"$tools"

FEED=$feed RUNS=$runs python3 - "$tools" <<'EOF'
import os, subprocess, sys, time

feed = os.environ["FEED"]
runs = int(os.environ["RUNS"])
mb = os.path.getsize(feed) / 1e6

def run(cmd):
    """Wall seconds and peak RSS (KB) of one run, output thrown away."""
    start = time.perf_counter()
    p = subprocess.Popen(["sh", "-c", "exec " + cmd], stdout=subprocess.DEVNULL,
                         env=dict(os.environ, FEED=feed))
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: failed: " + cmd)
    return secs, ru.ru_maxrss

rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    name, cmd = line.rstrip("\n").split("\t", 1)
    best, rss = None, 0
    for _ in range(runs):
        s, r = run(cmd)
        best = s if best is None else min(best, s)
        rss = max(rss, r)
    rows.append((name, best, rss))

base = rows[0][1]
print("feed: %.1f MB, %d runs each (best wall time), %s" %
      (mb, runs, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())))
print("%-26s %8s %9s %12s %10s" % ("tool", "seconds", "MB/s", "vs herald", "peak RSS"))
for name, secs, rss in rows:
    if "floor" in name:
        print("%-26s %8.3f %9s %12s %7.1f MB" % (name, secs, "-", "-", rss / 1024))
        continue
    print("%-26s %8.3f %9.1f %11.2fx %7.1f MB" %
          (name, secs, mb / secs, secs / base, rss / 1024))
EOF
