-- The newsletter: the briefs as mailed (the archive the web desk shows: no personal
-- token in them), the send ledger, suppressions and bounces. A ledger row per (local
-- date, address) is written 'pending' before anything is sent and marked 'sent' right
-- after the server's 250, so a restart sends what is pending and nothing twice (but the
-- one message whose 250 arrived just before a kill, with the same Message-ID).
CREATE TABLE briefs (
    id            TEXT PRIMARY KEY,       -- 'YYYY-MM-DD.N': version N of the day's brief
    day           TEXT NOT NULL,
    version       INTEGER NOT NULL,
    digest        TEXT NOT NULL,          -- sha256 of brief_json: an unchanged rebuild adds nothing
    built_at      TEXT NOT NULL,
    stories       INTEGER NOT NULL,
    subject       TEXT NOT NULL,
    brief_json    TEXT NOT NULL,          -- the structured brief (the brief command's JSON)
    html          TEXT NOT NULL,          -- as mailed for every story, generic footer
    text          TEXT NOT NULL,
    first_sent_at TEXT,
    UNIQUE (day, version)
);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    day             TEXT NOT NULL,        -- the subscriber's local date: the brief's date
    email           TEXT NOT NULL COLLATE NOCASE,
    brief_id        TEXT REFERENCES briefs (id),
    message_id      TEXT NOT NULL,
    topics          TEXT NOT NULL DEFAULT '[]',
    status          TEXT NOT NULL
                    CHECK (status IN ('pending', 'sent', 'bounced', 'failed', 'skipped')),
    reason          TEXT NOT NULL DEFAULT '',
    due_at          TEXT NOT NULL,        -- UTC instant of the subscriber's local send time
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_reply      INTEGER,
    last_error      TEXT,
    sent_at         TEXT,
    UNIQUE (day, email)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);

CREATE TABLE suppressions (
    email      TEXT PRIMARY KEY COLLATE NOCASE,
    reason     TEXT NOT NULL,             -- hard_bounce, complaint, soft_bounces
    detail     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE bounce_scores (
    email      TEXT PRIMARY KEY COLLATE NOCASE,
    score      REAL NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE bounce_events (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL COLLATE NOCASE,
    kind       TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'complaint')),
    source     TEXT NOT NULL,             -- smtp (the answer at RCPT/DATA), dsn, arf
    detail     TEXT NOT NULL DEFAULT '',
    report_id  TEXT,                      -- the DSN's own Message-ID: read once
    at         TEXT NOT NULL,
    UNIQUE (report_id, email)
);

-- One sender at a time (``run`` and ``newsletter send`` may overlap): a lease with the
-- holder's host:pid, taken over when it expired or its holder is dead.
CREATE TABLE mail_sender (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    holder TEXT NOT NULL,
    until  TEXT NOT NULL
);
