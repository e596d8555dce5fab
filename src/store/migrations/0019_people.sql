-- People and their data (issue 30): an append-only audit log of admin actions, the privacy notice
-- each member accepted (version and time), and the mark left on a member whose personal data was
-- erased (the row stays, anonymised, so the agency's status history and scores do not change).

-- Who did what, when, through which door. `actor_member_id` is NULL for the command line;
-- `target` names a thing by its code or id ("member:12", "agency:STP", "task:t12"), never a
-- person's name, so erasing a member leaves nothing personal here. Rows are never changed or deleted.
CREATE TABLE audit_log (
  id               INTEGER PRIMARY KEY,
  at               TEXT NOT NULL,
  actor_member_id  INTEGER REFERENCES members (id),
  via              TEXT NOT NULL,
  action           TEXT NOT NULL,
  target           TEXT,
  detail           TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- One row per member and notice version accepted.
CREATE TABLE consents (
  member_id    INTEGER NOT NULL REFERENCES members (id),
  version      TEXT NOT NULL,
  accepted_at  TEXT NOT NULL,
  platform     TEXT NOT NULL,
  PRIMARY KEY (member_id, version)
);

ALTER TABLE members ADD COLUMN removed_at TEXT;
