#!/bin/sh
# bench/parse.sh [SIZE_MB] [HERALD]: parse one generated feed of SIZE_MB
# (default 50) megabytes with herald, xmllint (libxml2's floor) and sfeed,
# in the same run; print seconds (best of 3), MB/s, the ratio to herald and
# the CPU time and the peak resident memory of each.  A tool that is
# missing is skipped.  ESCAPED=1 writes the items' HTML as escaped text
# instead of CDATA sections.
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
python3 "$here/genfeed.py" "$size" "$feed" ${ESCAPED:+--escaped}

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

FEED=$feed RUNS=$runs RSSFILE=$work/rss python3 - "$tools" <<'EOF'
import os, subprocess, sys, time

feed = os.environ["FEED"]
runs = int(os.environ["RUNS"])
mb = os.path.getsize(feed) / 1e6

TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

def run(cmd):
    """Wall seconds and peak RSS (KB) of one run, output thrown away.

    Peak RSS comes from GNU time's %M when it is there: a child forked
    from this Python process would count Python's pages before its exec.
    Without it, getrusage of the child is the (pessimistic) fallback."""
    argv = ["sh", "-c", "exec " + cmd]
    if TIME:
        argv = [TIME, "-f", "%M %U %S", "-o", os.environ["RSSFILE"]] + argv
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                         env=dict(os.environ, FEED=feed))
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: failed: " + cmd)
    if TIME:
        rss, user, sys_ = open(os.environ["RSSFILE"]).read().split()[-3:]
        return secs, int(rss), float(user) + float(sys_)
    return secs, ru.ru_maxrss, ru.ru_utime + ru.ru_stime

rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    name, cmd = line.rstrip("\n").split("\t", 1)
    best, rss, cpu = None, 0, None
    for _ in range(runs):
        s, r, c = run(cmd)
        best = s if best is None else min(best, s)
        cpu = c if cpu is None else min(cpu, c)
        rss = max(rss, r)
    rows.append((name, best, rss, cpu))

base = rows[0][1]
print("feed: %.1f MB, %d runs each (best wall time), %s, load %.1f" %
      (mb, runs, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
       os.getloadavg()[0]))
base_cpu = rows[0][3]
print("%-26s %8s %8s %9s %10s %10s" % ("tool", "wall s", "cpu s", "MB/s",
      "vs herald", "peak RSS"))
for name, secs, rss, cpu in rows:
    if "floor" in name:
        print("%-26s %8.3f %8.3f %9s %10s %7.1f MB" %
              (name, secs, cpu, "-", "-", rss / 1024))
        continue
    print("%-26s %8.3f %8.3f %9.1f %9.2fx %7.1f MB" %
          (name, secs, cpu, mb / secs, secs / base, rss / 1024))
print("(MB/s and 'vs herald' from wall time; cpu s = user + system, best run)")
EOF
