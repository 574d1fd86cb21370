-- What the annotate stage read in each article (entities, quotes, dates, events,
-- as JSON), and one row per entity mention for looking entities up by name.
CREATE TABLE annotations (
    article_id   TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    data         TEXT NOT NULL,
    annotated_at TEXT NOT NULL
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    canonical  TEXT NOT NULL,
    type       TEXT NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX mentions_canonical ON mentions (canonical COLLATE NOCASE);
