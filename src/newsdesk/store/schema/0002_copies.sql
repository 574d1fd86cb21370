-- Copies: an article that repeats another (exact or near) points at its original,
-- the earliest published of its group. MinHash signatures are kept so nothing is
-- recomputed when later articles arrive.
ALTER TABLE articles ADD COLUMN copy_of TEXT;
ALTER TABLE articles ADD COLUMN copy_kind TEXT;
ALTER TABLE articles ADD COLUMN copy_similarity REAL;
CREATE INDEX articles_copy_of ON articles (copy_of);

CREATE TABLE signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash    BLOB NOT NULL
);
