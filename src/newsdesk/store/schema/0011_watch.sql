-- Watchlists: saved searches that `run` evaluates against each newly committed article.
-- A match is written with its ledger rows (one per channel: email, webhook) and the
-- watchlist's new watermark in one transaction, so a kill never loses one; an alert is
-- a group of ledger rows planned 'pending' with its Message-ID / delivery id before
-- anything is sent and marked 'sent' after the receiver's answer, so a restart resends
-- only what was not marked, with the same id.
CREATE TABLE watchlists (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query            TEXT NOT NULL,
    email            TEXT,                 -- alerts by mail to this address (NULL: none)
    webhook          TEXT,                 -- alerts by JSON POST to this URL (NULL: none)
    secret           TEXT,                 -- per-watchlist HMAC key (NULL: NEWSDESK_SECRET)
    allow_private    INTEGER NOT NULL DEFAULT 0,   -- the webhook may be on a private address
    per_hour         INTEGER NOT NULL DEFAULT 6,   -- at most this many mails an hour
    owner            TEXT,                 -- who made it (a desk user), NULL from the CLI
    created_at       TEXT NOT NULL,
    watermark        INTEGER NOT NULL DEFAULT 0,   -- articles.rowid evaluated up to
    matched          INTEGER NOT NULL DEFAULT 0,   -- matches found since it was made
    mail_errors      INTEGER NOT NULL DEFAULT 0,   -- consecutive failed mail attempts
    mail_error       TEXT,
    hook_errors      INTEGER NOT NULL DEFAULT 0,   -- consecutive failed webhook attempts
    hook_error       TEXT,
    hook_retry_at    TEXT                  -- the webhook is backed off until then
);

CREATE TABLE watch_matches (
    watch_id   INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    rowid_at   INTEGER NOT NULL,            -- the article's rowid when it matched
    story_id   TEXT,
    new_story  INTEGER NOT NULL DEFAULT 0,  -- the article opened a story new to this pass
    matched_at TEXT NOT NULL,
    PRIMARY KEY (watch_id, article_id)
);
CREATE INDEX watch_matches_recent ON watch_matches (watch_id, rowid_at);

CREATE TABLE watch_alerts (
    id              INTEGER PRIMARY KEY,
    watch_id        INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    delivery_id     TEXT NOT NULL UNIQUE,    -- the Message-ID or the webhook delivery id
    target          TEXT NOT NULL,           -- the address or URL it goes to
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    sent_at         TEXT
);
CREATE INDEX watch_alerts_due ON watch_alerts (status, next_attempt_at);
CREATE INDEX watch_alerts_recent ON watch_alerts (watch_id, channel, created_at);

-- the ledger: one row per (watchlist, match, channel); alert_id set when it is planned
CREATE TABLE watch_ledger (
    watch_id   INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    alert_id   INTEGER REFERENCES watch_alerts (id) ON DELETE CASCADE,
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    PRIMARY KEY (watch_id, article_id, channel)
);
CREATE INDEX watch_ledger_open ON watch_ledger (watch_id, channel, alert_id);
