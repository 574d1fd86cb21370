-- backfill's input shards (WARC/JSONL files): a finished shard is skipped on a rerun, an
-- interrupted one resumes after the records (WARC responses, JSONL lines) it had committed.
-- counts: what the shard gave so far, as JSON in ingest --json's shape.
CREATE TABLE IF NOT EXISTS shards (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    records_done INTEGER NOT NULL DEFAULT 0,
    counts TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
