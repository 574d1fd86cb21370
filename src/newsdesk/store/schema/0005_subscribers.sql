-- Subscribers with their consent record: double opt-in, so a row starts 'pending' and
-- only a confirmation (or an import that carries consent) makes it 'confirmed'. The
-- consent text's version, where the request came from and when are kept; every change
-- is logged in subscriber_events (the subscriber's own export shows them). Confirmation
-- mails are counted per address per UTC day (at most 3). An erased address leaves only
-- a keyed hash (salt: random, made here, never leaves the store) so an import cannot
-- bring it back.
CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    status          TEXT NOT NULL
                    CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'suppressed')),
    zone            TEXT NOT NULL,
    days            TEXT NOT NULL,           -- comma-separated, week order: mon,tue,...
    at              TEXT NOT NULL,           -- HH:MM, local time in zone
    topics          TEXT NOT NULL DEFAULT '[]',  -- JSON list; empty: every story
    requested_at    TEXT NOT NULL,
    confirmed_at    TEXT,
    unsubscribed_at TEXT,
    source          TEXT NOT NULL CHECK (source IN ('cli', 'form', 'import')),
    consent_version TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX subscribers_status ON subscribers (status);

CREATE TABLE subscriber_events (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    event         TEXT NOT NULL,   -- requested, confirmed, unsubscribed, status
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX subscriber_events_subscriber ON subscriber_events (subscriber_id, at);

CREATE TABLE confirmation_mails (
    email TEXT NOT NULL COLLATE NOCASE,
    day   TEXT NOT NULL,               -- YYYY-MM-DD, UTC
    sent  INTEGER NOT NULL,
    PRIMARY KEY (email, day)
);

CREATE TABLE erased_addresses (
    hash      TEXT PRIMARY KEY,        -- hex blake2b of the lower-cased address, keyed by the salt
    erased_at TEXT NOT NULL
);

CREATE TABLE erasure_salt (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    salt BLOB NOT NULL
);
INSERT INTO erasure_salt (id, salt) VALUES (1, randomblob(32));
