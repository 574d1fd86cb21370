-- One alert sender at a time: two `run` processes on one store would otherwise both pick
-- up the same due alert and send it twice. The holder ('host:pid:tag') renews the lease
-- every pass; it is taken over when it expired or its holder is a dead process on this
-- host (the newsletter's mail_sender, kept apart so that neither waits for the other).
CREATE TABLE watch_sender (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    holder TEXT NOT NULL,
    until  TEXT NOT NULL
);
