-- Fault isolation. An article one stage failed on (clean, copies, store, stories,
-- annotate) is marked here with the error and when; it is kept without that stage's
-- work. A failed enrichment (stories, annotate) is tried again on later ingests and
-- `run` passes, `attempts` counting, until NEWSDESK_ENRICH_ATTEMPTS; then it is left
-- marked and listed (`articles --failed`, /admin). No foreign key: an article the store
-- refused is listed by the id it would have had.
CREATE TABLE IF NOT EXISTS article_failures (
    article_id TEXT NOT NULL,
    stage      TEXT NOT NULL,
    error      TEXT NOT NULL,
    source     TEXT,
    attempts   INTEGER NOT NULL DEFAULT 1,
    failed_at  TEXT NOT NULL,
    PRIMARY KEY (article_id, stage)
);
CREATE INDEX IF NOT EXISTS article_failures_stage ON article_failures (stage, attempts);

-- How far ingest's enrichment (stories, annotations) has covered the store, by
-- articles.rowid: an ingest resumed after a kill enriches at the same points a clean
-- run would, so it gives the same stories.
CREATE TABLE IF NOT EXISTS enrichment_progress (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    through INTEGER NOT NULL
);
