# cache.sh: a private urls file, config and cache for one shell test.
# Source after tests/lib.sh.  Sets URLS, CACHE, CONFIG and gives:
#
#	h ARGS...	herald with them (--urls, --cache, --config)
#	q SQL		sqlite3 on the cache, waiting out a writer's lock
#	urls LINE...	write the urls file, one line per argument
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
URLS=$TMPDIR_TEST/urls
CACHE=$TMPDIR_TEST/cache.db
CONFIG=$TMPDIR_TEST/config
: >"$CONFIG"
XDG_CONFIG_HOME=$TMPDIR_TEST/xdg-config
XDG_DATA_HOME=$TMPDIR_TEST/xdg-data
export XDG_CONFIG_HOME XDG_DATA_HOME

h() { "$HERALD" --urls "$URLS" --cache "$CACHE" --config "$CONFIG" "$@"; }
q() { sqlite3 -cmd '.timeout 15000' "$CACHE" "$@"; }
urls() { printf '%s\n' "$@" >"$URLS"; }
