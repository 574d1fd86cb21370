-- Stories: outlets' reports of one event. Articles point at their story; a copy
-- points at its original's story and is not counted twice. Features are kept so
-- a restart or a recluster never re-embeds; the assigner's state is snapshotted
-- with the rowid it covers, and articles after it are replayed on open.
CREATE TABLE stories (
    id            TEXT PRIMARY KEY,
    title         TEXT,
    first_seen    TEXT,
    last_seen     TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    outlet_count  INTEGER NOT NULL DEFAULT 0,
    outlets       TEXT NOT NULL DEFAULT '[]',
    updated_at    TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories (last_seen);
CREATE INDEX articles_story_id ON articles (story_id);

CREATE TABLE story_merges (
    old_id    TEXT PRIMARY KEY,
    new_id    TEXT NOT NULL,
    merged_at TEXT NOT NULL
);

CREATE TABLE article_features (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    vector     BLOB NOT NULL,
    terms      TEXT NOT NULL,
    entities   TEXT NOT NULL,
    lead       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cluster_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    through     INTEGER NOT NULL,
    state       TEXT NOT NULL,
    arrays      BLOB NOT NULL,
    saved_at    TEXT NOT NULL
);
