-- Search matches word forms: "refugee" finds "refugees", "vote" finds "voted" and "voting".
-- The articles index is rebuilt with FTS5's porter stemmer over unicode61 (an English
-- stemmer: words of other languages are cut the same way when indexed and when searched, so
-- a word still finds itself; CJK search keeps its own trigram index, 0015). A phrase in
-- quotes matches stems too; the watch evaluator reads the tokenizer from this table, so it
-- agrees with search.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, outlet UNINDEXED,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
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
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
