#!/bin/sh
# The command line's own contract: --version, --help, unknown commands.
. "$TOP_SRCDIR/tests/lib.sh"

out=$("$HERALD" --version); rc=$?
is "$rc" 0 "--version exits 0"
like "$out" '^herald [0-9]+\.[0-9]+' "--version prints the version"

out=$("$HERALD" --help); rc=$?
is "$rc" 0 "--help exits 0"
like "$out" 'herald parse FILE\|URL --json' "--help lists parse"
like "$out" 'herald render' "--help lists render"

err=$("$HERALD" frobnicate 2>&1); rc=$?
is "$rc" 2 "an unknown command exits 2"
like "$err" "unknown command 'frobnicate'" "and says which"

err=$("$HERALD" --cache 2>&1); rc=$?
is "$rc" 2 "a global option without its value exits 2"

done_testing
