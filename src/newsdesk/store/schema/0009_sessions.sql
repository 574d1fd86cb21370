-- Signed-in sessions of the web desk, so that signing out ends one for good: the cookie
-- carries a random session id, the store only its SHA-256. Every request that needs a
-- signed-in user looks the row up; logging out deletes it, a password change deletes
-- all of that user's rows, and rows past expires_at count for nothing.
CREATE TABLE IF NOT EXISTS sessions (
    id_hash    TEXT PRIMARY KEY,
    user       TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user);
