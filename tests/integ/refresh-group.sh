#!/bin/sh
# The cache writer puts the feeds waiting for it into one transaction.
# When one feed's write fails there, only that feed fails: the others of
# its group are written again, each on its own, and nothing is lost.
# A trigger in the cache refuses feed 30's new article, and another makes
# every write slow, so that feeds wait for the writer together.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/integ/server.sh"
. "$TOP_SRCDIR/tests/integ/cache.sh"
server_start --lifetime 90 --items 20

gen_urls 60 >"$URLS"
h refresh >/dev/null 2>&1
is "$(q "SELECT count(*) FROM items")" 1200 "1200 items cached"
q "UPDATE items SET read = 1 WHERE guid LIKE 'gen-%-2'"

q "CREATE TRIGGER test_slow AFTER UPDATE OF last_seen ON items BEGIN
	SELECT length(hex(randomblob(200000)));
   END;
   CREATE TRIGGER test_refuse BEFORE INSERT ON items
   WHEN new.feed_id = (SELECT id FROM feeds WHERE url = '$BASE/gen/30.xml')
   BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
server_get /bump
out=$(h refresh 2>&1); rc=$?
is "$rc" 0 "the refresh succeeded"
like "$out" "^failed $BASE/gen/30.xml: cannot store the feed: .*refused by the test" \
	"feed 30 failed, with the reason"
is "$(printf '%s\n' "$out" | grep -c '^updated ')" 59 "the 59 others were updated"
like "$out" "^60 feeds: 59 updated \(59 new items\), 0 unchanged, 1 failed" "summary"
is "$(q "SELECT count(*) FROM items")" 1259 "one new item for each of the 59"
is "$(q "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$BASE/gen/30.xml'")" 20 "feed 30 kept its 20 items"
like "$(q "SELECT last_error FROM feeds WHERE url = '$BASE/gen/30.xml'")" \
	"refused by the test" "and its error is on its row"
is "$(q "SELECT count(*) FROM feeds WHERE last_error IS NOT NULL")" 1 \
	"no other feed has an error"
is "$(q "SELECT count(*) FROM items WHERE guid LIKE 'gen-%-2' AND read = 1")" 60 \
	"read marks kept"
is "$(q "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'story'")" 1259 \
	"the search index has every article"
is "$(q "PRAGMA integrity_check")" ok "integrity_check ok"
done_testing
