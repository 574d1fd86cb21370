-- The outlet registry: seeded from newsdesk/outlets/data/outlets.csv on first use (rows
-- with origin 'seed' follow the bundled file; 'user' rows were set or imported and are
-- never overwritten by it), each outlet's hosts, and the registry's state: the bundled
-- file's hash, a version bumped on every change, and the articles resolved so far.
CREATE TABLE outlets (
    name       TEXT PRIMARY KEY COLLATE NOCASE,
    country    TEXT,
    languages  TEXT NOT NULL DEFAULT '[]',
    kind       TEXT NOT NULL,
    owner      TEXT,
    aliases    TEXT NOT NULL DEFAULT '[]',
    notes      TEXT,
    source     TEXT,
    origin     TEXT NOT NULL DEFAULT 'seed',
    updated_at TEXT NOT NULL
);
CREATE INDEX outlets_country ON outlets (country);
CREATE INDEX outlets_kind ON outlets (kind);

CREATE TABLE outlet_hosts (
    host   TEXT PRIMARY KEY,
    outlet TEXT NOT NULL REFERENCES outlets (name) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX outlet_hosts_outlet ON outlet_hosts (outlet);

CREATE TABLE outlet_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seed_hash  TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
