-- bench/load-cache.sql: 1,000,000 articles in 200 feeds, straight into a
-- herald cache made by `herald add` (bench/load.sh runs it), then the
-- full-text index built in one go.  Titles and bodies are short generated
-- text (18 words, "zeppelin" in 1 title in 1,000); a third of the articles
-- are read; one a minute from September 2020 on.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE f(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM f WHERE x < 200)
INSERT OR IGNORE INTO feeds (url, title, position)
SELECT 'https://bench' || x || '.example/feed', 'Bench ' || x, x FROM f;
CREATE TEMP TABLE w(i INTEGER PRIMARY KEY, w TEXT);
INSERT INTO w VALUES (0,'harbour'),(1,'council'),(2,'ferry'),(3,'lighthouse'),(4,'orchard'),(5,'library'),(6,'market'),(7,'bridge'),(8,'station'),(9,'tunnel'),(10,'garden'),(11,'museum'),(12,'winter'),(13,'river'),(14,'tower'),(15,'archive'),(16,'pier'),(17,'tide');
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)
INSERT INTO items (id, feed_id, sort_date, read, published, fetched_at, last_seen, guid, title, link)
SELECT x, 2 + x % 200,
  1600000000 + x * 60, x % 3 = 0, 1600000000 + x * 60, 1600000000 + x * 60, 1600000000 + x * 60,
  'g' || x,
  'Story ' || x || ': the ' || (SELECT w FROM w WHERE i = x % 18) || ' and the ' || (SELECT w FROM w WHERE i = (x / 18) % 18) || (CASE WHEN x % 1000 = 0 THEN ' zeppelin' ELSE '' END),
  'https://bench.example/a/' || x
FROM c;
INSERT INTO item_bodies (id, content, text)
SELECT id, '<p>' || title || '. “A quotation,” said the clerk.</p>', title || '. A quotation, said the clerk.' FROM items;
COMMIT;
INSERT INTO items_fts(items_fts) VALUES ('rebuild');
PRAGMA wal_checkpoint(TRUNCATE);
