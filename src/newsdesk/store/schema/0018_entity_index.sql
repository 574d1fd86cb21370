-- The entity index: every canonical name with its type, mentions and article count, the
-- forms it was written in, and the words of its name key, so `entity NAME` and
-- /entity/NAME resolve a name by a few indexed lookups, never by regrouping the store.
-- entity_names and entity_written are kept current by triggers on mentions (so every
-- path that writes or deletes mentions keeps them right); entity_words is written by
-- the store where annotations are saved (the key needs Python's name rules) and, for
-- a store that had mentions before this migration, built once on first use.
CREATE TABLE entity_names (
    canonical TEXT NOT NULL,
    type      TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    articles  INTEGER NOT NULL,
    PRIMARY KEY (canonical, type)
) WITHOUT ROWID;
CREATE INDEX entity_names_nocase ON entity_names (canonical COLLATE NOCASE);

CREATE TABLE entity_written (
    text      TEXT NOT NULL,
    canonical TEXT NOT NULL,
    type      TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    PRIMARY KEY (text, canonical, type)
) WITHOUT ROWID;
CREATE INDEX entity_written_nocase ON entity_written (text COLLATE NOCASE);

-- word: a word of the name key; "=" + the key's letters (word breaks ignored);
-- "^" + the initials of a multi-word organisation. words: how many words the key has.
CREATE TABLE entity_words (
    word      TEXT NOT NULL,
    canonical TEXT NOT NULL,
    type      TEXT NOT NULL,
    words     INTEGER NOT NULL,
    PRIMARY KEY (word, canonical, type)
) WITHOUT ROWID;

-- an entity's mentions by their exact canonical name (the NOCASE index of 0004 cannot
-- answer `canonical IN (...)`: an entity page read every mention in the store)
CREATE INDEX mentions_canonical_exact ON mentions (canonical, article_id);

CREATE TABLE entity_index_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO entity_names (canonical, type, mentions, articles)
SELECT canonical, type, count(*), count(DISTINCT article_id) FROM mentions
GROUP BY canonical, type;

INSERT INTO entity_written (text, canonical, type, mentions)
SELECT text, canonical, type, count(*) FROM mentions GROUP BY text, canonical, type;

-- a store with no mentions yet has nothing to build: its words are complete
INSERT INTO entity_index_state (name, value)
SELECT 'words_built', '1' WHERE NOT EXISTS (SELECT 1 FROM mentions);

CREATE TRIGGER entity_index_mention_added AFTER INSERT ON mentions
BEGIN
    INSERT INTO entity_names (canonical, type, mentions, articles)
    VALUES (NEW.canonical, NEW.type, 1, 1)
    ON CONFLICT (canonical, type) DO UPDATE SET
        mentions = mentions + 1,
        articles = articles + NOT EXISTS (
            SELECT 1 FROM mentions m WHERE m.article_id = NEW.article_id
            AND m.canonical = NEW.canonical AND m.type = NEW.type AND m.seq <> NEW.seq);
    INSERT INTO entity_written (text, canonical, type, mentions)
    VALUES (NEW.text, NEW.canonical, NEW.type, 1)
    ON CONFLICT (text, canonical, type) DO UPDATE SET mentions = mentions + 1;
END;

CREATE TRIGGER entity_index_mention_removed AFTER DELETE ON mentions
BEGIN
    UPDATE entity_names SET
        mentions = mentions - 1,
        articles = articles - NOT EXISTS (
            SELECT 1 FROM mentions m WHERE m.article_id = OLD.article_id
            AND m.canonical = OLD.canonical AND m.type = OLD.type)
    WHERE canonical = OLD.canonical AND type = OLD.type;
    DELETE FROM entity_names
    WHERE canonical = OLD.canonical AND type = OLD.type AND mentions <= 0;
    UPDATE entity_written SET mentions = mentions - 1
    WHERE text = OLD.text AND canonical = OLD.canonical AND type = OLD.type;
    DELETE FROM entity_written
    WHERE text = OLD.text AND canonical = OLD.canonical AND type = OLD.type AND mentions <= 0;
END;
