-- Followed sources (`newsdesk sources add`) and their poll state, kept in the store so
-- `run` resumes where it stopped and `serve` can show them. Times are ISO 8601 in UTC.
CREATE TABLE followed_sources (
    url           TEXT PRIMARY KEY,
    outlet        TEXT,
    every         INTEGER NOT NULL CHECK (every >= 1),  -- minutes between polls
    added_at      TEXT NOT NULL,
    next_poll     TEXT NOT NULL,        -- due when this is not after now
    last_polled   TEXT,
    last_status   INTEGER,              -- the last HTTP status (304 included); NULL: no answer
    last_error    TEXT,                 -- the last error, cleared by the next success
    errors        INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls (the backoff exponent)
    etag          TEXT,                 -- validators for the next conditional GET
    last_modified TEXT,
    kind          TEXT                  -- 'feed' or 'page', known after the first success
);
CREATE INDEX followed_sources_next_poll ON followed_sources (next_poll);

-- Which articles each source has given (new or already stored), for `sources list`.
CREATE TABLE followed_articles (
    source_url TEXT NOT NULL REFERENCES followed_sources (url) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (source_url, article_id)
) WITHOUT ROWID;
