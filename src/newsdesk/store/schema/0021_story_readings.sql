-- A story's reading as the brief shows it (the cited summary, single-source facts,
-- disagreements, key quote, dated events): the costly part of a brief, kept so that a
-- brief after a restart, or after an ingest that touched a few stories, reads the
-- others back instead of computing them again.
-- digest: the reading code's version, the story and its members as read (ids, content
-- hashes, a hash of their annotations, the metadata the reading reads), so an entry whose
-- members changed is never found. status 'failed': the reading raised (error says why);
-- such an entry is never served, the brief reads the story again.
CREATE TABLE story_readings (
    digest   TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    version  INTEGER NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    data     TEXT NOT NULL DEFAULT '{}',
    error    TEXT,
    built_at TEXT NOT NULL
);
CREATE INDEX story_readings_story ON story_readings (story_id, built_at);

-- the articles each reading was read from: a change to one of them drops the readings
-- it is in (the triggers below), so stale entries do not pile up
CREATE TABLE story_reading_members (
    article_id TEXT NOT NULL,
    digest     TEXT NOT NULL REFERENCES story_readings (digest) ON DELETE CASCADE,
    PRIMARY KEY (article_id, digest)
) WITHOUT ROWID;
CREATE INDEX story_reading_members_digest ON story_reading_members (digest);

CREATE TRIGGER story_readings_article_deleted AFTER DELETE ON articles
BEGIN
    DELETE FROM story_readings WHERE digest IN
        (SELECT digest FROM story_reading_members WHERE article_id = OLD.id);
END;

CREATE TRIGGER story_readings_article_changed
AFTER UPDATE OF story_id, content_hash, text, title, outlet, site, url, published, language,
    flags
ON articles
WHEN OLD.story_id IS NOT NEW.story_id OR OLD.content_hash IS NOT NEW.content_hash
    OR OLD.text IS NOT NEW.text OR OLD.title IS NOT NEW.title OR OLD.outlet IS NOT NEW.outlet
    OR OLD.site IS NOT NEW.site OR OLD.url IS NOT NEW.url
    OR OLD.published IS NOT NEW.published OR OLD.language IS NOT NEW.language
    OR OLD.flags IS NOT NEW.flags
BEGIN
    DELETE FROM story_readings WHERE digest IN
        (SELECT digest FROM story_reading_members WHERE article_id = OLD.id);
END;

CREATE TRIGGER story_readings_annotations_saved AFTER INSERT ON annotations
BEGIN
    DELETE FROM story_readings WHERE digest IN
        (SELECT digest FROM story_reading_members WHERE article_id = NEW.article_id);
END;

CREATE TRIGGER story_readings_annotations_changed AFTER UPDATE ON annotations
BEGIN
    DELETE FROM story_readings WHERE digest IN
        (SELECT digest FROM story_reading_members WHERE article_id = OLD.article_id);
END;

CREATE TRIGGER story_readings_annotations_deleted AFTER DELETE ON annotations
BEGIN
    DELETE FROM story_readings WHERE digest IN
        (SELECT digest FROM story_reading_members WHERE article_id = OLD.article_id);
END;

CREATE TRIGGER story_readings_story_deleted AFTER DELETE ON stories
BEGIN
    DELETE FROM story_readings WHERE story_id = OLD.id;
END;
