-- Search in Japanese, Chinese and Korean: unicode61 reads a run of kana or ideographs as
-- one word (日韓首脳会談が奈良で is one token), so a word inside it is never found. A
-- second FTS5 index with the trigram tokenizer holds the articles that have any kana, CJK
-- ideograph or Hangul; store.search looks a CJK term up there (MATCH for 3 characters or
-- more, a substring test for shorter ones).
CREATE VIRTUAL TABLE articles_cjk USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'trigram'
);
CREATE TRIGGER articles_cjk_insert AFTER INSERT ON articles
WHEN coalesce(new.title, '') || new.text GLOB '*[ぁ-ヿ㐀-䶿一-鿿豈-﫿가-힯]*' BEGIN
    INSERT INTO articles_cjk (rowid, title, text)
    VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_cjk_delete AFTER DELETE ON articles
WHEN coalesce(old.title, '') || old.text GLOB '*[ぁ-ヿ㐀-䶿一-鿿豈-﫿가-힯]*' BEGIN
    INSERT INTO articles_cjk (articles_cjk, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_cjk_update_old AFTER UPDATE OF title, text ON articles
WHEN coalesce(old.title, '') || old.text GLOB '*[ぁ-ヿ㐀-䶿一-鿿豈-﫿가-힯]*' BEGIN
    INSERT INTO articles_cjk (articles_cjk, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_cjk_update_new AFTER UPDATE OF title, text ON articles
WHEN coalesce(new.title, '') || new.text GLOB '*[ぁ-ヿ㐀-䶿一-鿿豈-﫿가-힯]*' BEGIN
    INSERT INTO articles_cjk (rowid, title, text)
    VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
INSERT INTO articles_cjk (rowid, title, text)
SELECT rowid, coalesce(title, ''), text FROM articles
WHERE coalesce(title, '') || text GLOB '*[ぁ-ヿ㐀-䶿一-鿿豈-﫿가-힯]*';
