#!/usr/bin/env python3
"""bench/firstscreen.py: the reader's start-up and feed opening on a pty,
without tmux: wall time from fork to the first output holding a marker,
and the CPU time (user + system, from wait4) the process spent.

    bench/firstscreen.py HERALD CACHE URLS [RUNS]

Each run starts `HERALD --urls URLS --cache CACHE --config /dev/null
--offline` on a new 120x40 pty (TERM=tmux-256color) and reads its output
until "All unread" appears (the first full screen), then sends Q and
reaps it: "first screen" is the wall time to the marker, "CPU" the whole
process's user + system time (start, first screen, quit).  A second kind
of run then sends "j j Enter" (open the first feed) at the first screen
and waits for "unread of" (the article list's status line) before Q: the
feed-open wall time is from sending the keys to the marker, and its CPU
is the difference from the first-screen runs' median.  Reading the pty
with select() costs far less than polling tmux's capture-pane, so these
figures show herald's own share; bench/startup.sh gives the
end-to-end ones.
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def run(cmd, keys=None, marker2=None):
    """One start; returns (first-screen ms, open ms or None, CPU ms)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="tmux-256color", LC_ALL="C.UTF-8", TZ="UTC")
        os.execvp(cmd[0], cmd)
    t0 = time.monotonic()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    os.kill(pid, 28)  # SIGWINCH: the size may have been read before
    out = b""
    first = opened = None
    deadline = t0 + 60
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 1)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        out += chunk
        if first is None and b"All unread" in out:
            first = time.monotonic()
            if keys is None:
                break
            out = b""
            t1 = time.monotonic()
            for k in keys:
                os.write(fd, k)
        elif first is not None and marker2 is not None and marker2 in out:
            opened = time.monotonic()
            break
    os.write(fd, b"Q")
    # Drain until the child closes the pty, so it never blocks on it.
    end = time.monotonic() + 10
    while time.monotonic() < end:
        try:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r and not os.read(fd, 65536):
                break
        except OSError:
            break
    _, _, ru = os.wait4(pid, 0)
    os.close(fd)
    cpu = (ru.ru_utime + ru.ru_stime) * 1000
    if first is None:
        return None, None, cpu
    return ((first - t0) * 1000,
            (opened - t1) * 1000 if opened is not None else None, cpu)


def main():
    herald, cache, urls = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    cmd = [herald, "--urls", urls, "--cache", cache, "--config",
           "/dev/null", "--offline"]
    run(cmd)  # warm the page cache
    fs, cpus = [], []
    for _ in range(runs):
        w, _, c = run(cmd)
        fs.append(w)
        cpus.append(c)
    print("  first screen: wall %s ms; CPU %s ms (median %.0f)" % (
        " / ".join("%.0f" % w for w in fs),
        " / ".join("%.0f" % c for c in cpus), statistics.median(cpus)))
    base = statistics.median(cpus)
    ow, oc = [], []
    for _ in range(runs):
        _, o, c = run(cmd, [b"j", b"j", b"\r"], b"unread of")
        ow.append(o)
        oc.append(c - base)
    print("  open the first feed: wall %s ms; CPU over the first screen's"
          " median %s ms" % (
              " / ".join("%.0f" % w if w is not None else "-" for w in ow),
              " / ".join("%.0f" % c for c in oc)))


if __name__ == "__main__":
    main()
