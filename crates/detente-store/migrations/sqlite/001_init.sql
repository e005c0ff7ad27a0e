-- detente store, schema 1 (SQLite). Keep in step with migrations/postgres/001_init.sql:
-- the same tables and columns; only types, the full-text index and the id column differ.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    hash          TEXT NOT NULL UNIQUE,     -- xxh3-128 of the input record: re-ingest is a no-op
    ext_id        TEXT NOT NULL,            -- the contract's document.id
    title         TEXT,
    published     TEXT,                     -- YYYY-MM-DD, YYYY-MM, YYYY or NULL
    published_day INTEGER,                  -- days since 1970-01-01 of the first day of `published`
    outlet        TEXT,
    url           TEXT,
    language      TEXT NOT NULL,
    author        TEXT,
    cited_sources TEXT NOT NULL,            -- JSON array of strings
    text          TEXT NOT NULL,            -- document.text: every offset indexes it
    layers        TEXT NOT NULL,            -- JSON {"sentences": [...], "mentions": [...]}
    story_id      INTEGER NOT NULL,         -- the first document of its near-duplicate cluster
    signature     BLOB NOT NULL             -- MinHash signature of the text's word 3-shingles
);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_published ON documents(published_day);
CREATE INDEX documents_ext_id ON documents(ext_id);

-- MinHash LSH bands: documents sharing a band are near-duplicate candidates.
CREATE TABLE doc_bands (
    band   INTEGER NOT NULL,
    doc_id INTEGER NOT NULL,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;

-- One row per distinct asserted event: (date, source code, target code, CAMEO code).
-- Reported by many articles, it is still one event; num_reports and num_articles count them.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,
    date             TEXT NOT NULL,
    day              INTEGER NOT NULL,
    source_name      TEXT NOT NULL,
    source_code      TEXT NOT NULL,
    source_principal TEXT NOT NULL,
    target_name      TEXT NOT NULL,
    target_code      TEXT NOT NULL,
    target_principal TEXT NOT NULL,
    cameo            TEXT NOT NULL,
    root             TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,
    goldstein        REAL NOT NULL,
    plover           TEXT,
    num_reports      INTEGER NOT NULL,
    num_articles     INTEGER NOT NULL,
    num_stories      INTEGER NOT NULL,
    first_doc        INTEGER NOT NULL
);
-- covering: a dyad series is read from the index alone
CREATE INDEX events_dyad ON events(source_principal, target_principal, day, quad_class, goldstein, num_articles);
CREATE INDEX events_day ON events(day);

-- Every event the coder produced, as in the contract, with its evidence. Negated and
-- hypothetical events are kept here but have no row in `events` (event_id NULL).
CREATE TABLE event_reports (
    doc_id           INTEGER NOT NULL,
    idx              INTEGER NOT NULL,
    event_id         INTEGER,
    source_name      TEXT NOT NULL,
    source_code      TEXT NOT NULL,
    source_principal TEXT,
    source_start     INTEGER NOT NULL,
    source_end       INTEGER NOT NULL,
    target_name      TEXT NOT NULL,
    target_code      TEXT NOT NULL,
    target_principal TEXT,
    target_start     INTEGER NOT NULL,
    target_end       INTEGER NOT NULL,
    cameo            TEXT NOT NULL,
    root             TEXT NOT NULL,
    cameo_name       TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,
    goldstein        REAL NOT NULL,
    plover_type      TEXT,
    plover_mode      TEXT,
    date             TEXT,
    negated          INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    sentence         INTEGER NOT NULL,
    evidence_start   INTEGER NOT NULL,
    evidence_end     INTEGER NOT NULL,
    trigger_start    INTEGER NOT NULL,
    trigger_end      INTEGER NOT NULL,
    rule             TEXT NOT NULL,
    confidence       REAL NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX event_reports_event ON event_reports(event_id);

CREATE TABLE quotes (
    doc_id            INTEGER NOT NULL,
    idx               INTEGER NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    text              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    cue               TEXT,
    speaker_name      TEXT,
    speaker_code      TEXT,
    speaker_principal TEXT,
    sentence          INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);
CREATE INDEX quotes_principal ON quotes(speaker_principal);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
