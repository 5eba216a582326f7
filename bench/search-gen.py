#!/usr/bin/env python3
"""Fill a herald cache with generated articles for bench/search.sh.

usage: search-gen.py CACHE N_ARTICLES

The cache must exist (herald made its schema); feeds are added here,
articles inserted, and the index rebuilt from them.
Text is made of pseudo-words drawn with a skewed (Zipf-like) law, so some
words are in most articles and most words in few, as in real prose."""
import random
import sqlite3
import sys

def words(n, rng):
    syl = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "po",
           "bra", "sti", "gle", "mon", "har", "fer", "lin", "tor"]
    seen, out = set(), []
    while len(out) < n:
        w = "".join(rng.choice(syl) for _ in range(rng.randint(1, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out

def main():
    path, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    vocab = words(20000, rng)
    # Common test words, placed at known rates.
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    feeds = 200
    db.executemany("INSERT OR IGNORE INTO feeds (url, title, position)"
                   " VALUES (?, ?, ?)",
                   [("https://bench%d.example/feed" % i, "Bench %d" % i, i)
                    for i in range(feeds)])
    ids = [r[0] for r in db.execute("SELECT id FROM feeds ORDER BY id")]
    batch = []
    for i in range(n):
        body = rng.choices(vocab, weights, k=150)
        if i % 100 == 0:
            body[10:12] = ["harbour", "master"]
        if i % 1000 == 0:
            body[20] = "zeppelin"
        title = " ".join(rng.choices(vocab, weights, k=7)).capitalize()
        text = " ".join(body)
        t = 1600000000 + i * 60
        batch.append((i + 1, ids[i % feeds], "g%d" % i, title,
                      "https://bench.example/a/%d" % i, t, t,
                      i % 3 == 0, t, t, "<p>" + text + "</p>", text))
        if len(batch) == 5000:
            insert(db, batch)
            batch = []
    insert(db, batch)
    db.commit()
    # herald writes the index as it stores each article; here it is built
    # in one go from the view it reads.
    db.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
    db.commit()
    db.execute("INSERT INTO items_fts(items_fts) VALUES ('optimize')")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()

def insert(db, batch):
    db.executemany("INSERT INTO items (id, feed_id, guid, title, link,"
                   " published, sort_date, read, fetched_at, last_seen)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [b[:10] for b in batch])
    db.executemany("INSERT INTO item_bodies (id, content, text)"
                   " VALUES (?, ?, ?)", [(b[0], b[10], b[11]) for b in batch])

main()
