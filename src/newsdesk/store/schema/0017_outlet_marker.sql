-- The outlet registry's resolution marker: every article up to this rowid has been looked
-- at by the backfill, so a new process checks only the rows written since (a rowid range,
-- not a scan of the whole store). 0 on an existing store: its next process checks once.
ALTER TABLE outlet_state ADD COLUMN resolved_rowid INTEGER NOT NULL DEFAULT 0;
