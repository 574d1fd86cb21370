-- Articles as read and cleaned, the debris removed from each, and full-text search.
CREATE TABLE articles (
    rowid            INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    url              TEXT,
    content_hash     TEXT NOT NULL,
    source           TEXT NOT NULL,
    format           TEXT NOT NULL,
    title            TEXT,
    author           TEXT,
    outlet           TEXT,
    site             TEXT,
    published        TEXT,
    published_source TEXT,
    fetched          TEXT,
    language         TEXT,
    text             TEXT NOT NULL,
    raw              TEXT NOT NULL,
    flags            TEXT NOT NULL DEFAULT '[]',
    extras           TEXT NOT NULL DEFAULT '{}',
    story_id         TEXT,
    ingested_at      TEXT NOT NULL
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);

CREATE TABLE removed (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

-- One row per source file or URL whose articles were committed; a re-run
-- skips nothing on this basis (ids do that) but reports what was done when.
CREATE TABLE sources_ingested (
    source      TEXT PRIMARY KEY,
    articles    INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, outlet UNINDEXED,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet)
    VALUES (new.rowid, coalesce(new.title, ''), new.text, new.outlet);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text, old.outlet);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, outlet ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text, old.outlet);
    INSERT INTO articles_fts (rowid, title, text, outlet)
    VALUES (new.rowid, coalesce(new.title, ''), new.text, new.outlet);
END;
