-- Who may change the desk through the web (add or remove sources, recluster): one row per
-- user, the password kept only as a salted scrypt hash ("scrypt$n$r$p$salt$hash").
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
