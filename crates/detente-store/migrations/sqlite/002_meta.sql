-- detente store, schema 2: facts about the store itself, e.g. `fts_stale` while a bulk
-- ingest defers the full-text index (it is rebuilt when that ingest, or the next, ends).
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
