-- detente store, schema 1 (PostgreSQL). Keep in step with migrations/sqlite/001_init.sql:
-- the same tables and columns; only types, the full-text index and the id column differ.
CREATE TABLE documents (
    id            BIGINT PRIMARY KEY,
    hash          TEXT NOT NULL UNIQUE,     -- xxh3-128 of the input record: re-ingest is a no-op
    ext_id        TEXT NOT NULL,            -- the contract's document.id
    title         TEXT,
    published     TEXT,                     -- YYYY-MM-DD, YYYY-MM, YYYY or NULL
    published_day BIGINT,                  -- days since 1970-01-01 of the first day of `published`
    outlet        TEXT,
    url           TEXT,
    language      TEXT NOT NULL,
    author        TEXT,
    cited_sources TEXT NOT NULL,            -- JSON array of strings
    text          TEXT NOT NULL,            -- document.text: every offset indexes it
    layers        TEXT NOT NULL,            -- JSON {"sentences": [...], "mentions": [...]}
    story_id      BIGINT NOT NULL,         -- the first document of its near-duplicate cluster
    signature     BYTEA NOT NULL             -- MinHash signature of the text's word 3-shingles
);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_published ON documents(published_day);
CREATE INDEX documents_ext_id ON documents(ext_id);

-- MinHash LSH bands: documents sharing a band are near-duplicate candidates.
CREATE TABLE doc_bands (
    band   BIGINT NOT NULL,
    doc_id BIGINT NOT NULL,
    PRIMARY KEY (band, doc_id)
);

-- One row per distinct asserted event: (date, source code, target code, CAMEO code).
-- Reported by many articles, it is still one event; num_reports and num_articles count them.
CREATE TABLE events (
    id               BIGINT PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,
    date             TEXT NOT NULL,
    day              BIGINT NOT NULL,
    source_name      TEXT NOT NULL,
    source_code      TEXT NOT NULL,
    source_principal TEXT NOT NULL,
    target_name      TEXT NOT NULL,
    target_code      TEXT NOT NULL,
    target_principal TEXT NOT NULL,
    cameo            TEXT NOT NULL,
    root             TEXT NOT NULL,
    quad_class       BIGINT NOT NULL,
    goldstein        DOUBLE PRECISION NOT NULL,
    plover           TEXT,
    num_reports      BIGINT NOT NULL,
    num_articles     BIGINT NOT NULL,
    num_stories      BIGINT NOT NULL,
    first_doc        BIGINT NOT NULL
);
-- covering: a dyad series is read from the index alone
CREATE INDEX events_dyad ON events(source_principal, target_principal, day, quad_class, goldstein, num_articles);
CREATE INDEX events_day ON events(day);

-- Every event the coder produced, as in the contract, with its evidence. Negated and
-- hypothetical events are kept here but have no row in `events` (event_id NULL).
CREATE TABLE event_reports (
    doc_id           BIGINT NOT NULL,
    idx              BIGINT NOT NULL,
    event_id         BIGINT,
    source_name      TEXT NOT NULL,
    source_code      TEXT NOT NULL,
    source_principal TEXT,
    source_start     BIGINT NOT NULL,
    source_end       BIGINT NOT NULL,
    target_name      TEXT NOT NULL,
    target_code      TEXT NOT NULL,
    target_principal TEXT,
    target_start     BIGINT NOT NULL,
    target_end       BIGINT NOT NULL,
    cameo            TEXT NOT NULL,
    root             TEXT NOT NULL,
    cameo_name       TEXT NOT NULL,
    quad_class       BIGINT NOT NULL,
    goldstein        DOUBLE PRECISION NOT NULL,
    plover_type      TEXT,
    plover_mode      TEXT,
    date             TEXT,
    negated          BIGINT NOT NULL,
    hypothetical     BIGINT NOT NULL,
    sentence         BIGINT NOT NULL,
    evidence_start   BIGINT NOT NULL,
    evidence_end     BIGINT NOT NULL,
    trigger_start    BIGINT NOT NULL,
    trigger_end      BIGINT NOT NULL,
    rule             TEXT NOT NULL,
    confidence       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX event_reports_event ON event_reports(event_id);

CREATE TABLE quotes (
    doc_id            BIGINT NOT NULL,
    idx               BIGINT NOT NULL,
    start_char        BIGINT NOT NULL,
    end_char          BIGINT NOT NULL,
    text              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    cue               TEXT,
    speaker_name      TEXT,
    speaker_code      TEXT,
    speaker_principal TEXT,
    sentence          BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);
CREATE INDEX quotes_principal ON quotes(speaker_principal);

ALTER TABLE documents ADD COLUMN tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
