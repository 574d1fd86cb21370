-- Sources in and out (OPML): a followed source's category (the folder path of its
-- outline, "News/World") and the site it belongs to (htmlUrl), kept for export.
ALTER TABLE followed_sources ADD COLUMN category TEXT;
ALTER TABLE followed_sources ADD COLUMN html_url TEXT;

-- Mute and keep rules (`newsdesk rules`): per source (source = a followed URL) or
-- global (source NULL), on one field, plain words or a regular expression.
CREATE TABLE rules (
    name       TEXT PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('mute', 'keep')),
    field      TEXT NOT NULL CHECK (field IN ('title', 'text', 'outlet', 'author')),
    kind       TEXT NOT NULL CHECK (kind IN ('words', 'regex')),
    pattern    TEXT NOT NULL,
    source     TEXT,
    created_at TEXT NOT NULL
);

-- Articles hidden by a rule, with the reason: 'muted' (the mute rule that matched) or
-- 'not_kept' (keep rules apply to it and none matched). The article itself is never
-- deleted; a row here hides it from stories, the brief and search. No foreign key:
-- marks are written before their article is committed, so a killed ingest never
-- leaves an article stored without its mark.
CREATE TABLE article_marks (
    article_id TEXT PRIMARY KEY,
    verdict    TEXT NOT NULL CHECK (verdict IN ('muted', 'not_kept')),
    rule       TEXT,
    reason     TEXT NOT NULL,
    marked_at  TEXT NOT NULL
) WITHOUT ROWID;
