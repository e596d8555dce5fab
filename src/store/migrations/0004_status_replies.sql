-- Status replies: more statuses (contributions of coordinating agencies, extension decisions),
-- requested dates and evidence on events, the current state derived from events, and approved
-- extensions. status_events is rebuilt because SQLite cannot change a CHECK constraint in place;
-- every row is copied unchanged.

CREATE TABLE status_events_new (
  id              INTEGER PRIMARY KEY,
  item_kind       TEXT NOT NULL CHECK (item_kind IN ('task', 'report')),
  item_id         INTEGER NOT NULL,
  agency_id       INTEGER NOT NULL REFERENCES agencies (id),
  member_id       INTEGER REFERENCES members (id),
  platform        TEXT,
  status          TEXT NOT NULL CHECK (status IN ('done', 'in_progress', 'blocked', 'extension_requested',
                    'extension_approved', 'extension_rejected', 'contribution', 'reopened')),
  progress        INTEGER CHECK (progress BETWEEN 0 AND 100),
  reason          TEXT,
  evidence        TEXT,
  requested_date  TEXT,
  refers_to       INTEGER REFERENCES status_events_new (id),
  created_at      TEXT NOT NULL
);
INSERT INTO status_events_new (id, item_kind, item_id, agency_id, member_id, platform, status, progress, reason, evidence, created_at)
  SELECT id, item_kind, item_id, agency_id, member_id, platform, status, progress, reason, evidence, created_at FROM status_events;
DROP TABLE status_events;
ALTER TABLE status_events_new RENAME TO status_events;
CREATE INDEX status_events_item ON status_events (item_kind, item_id, agency_id, id);
CREATE INDEX status_events_time ON status_events (created_at);

-- Derived from status_events on every append (same transaction); `npm run cli -- replay` rebuilds
-- it from the events and reports any difference.
CREATE TABLE item_states (
  item_kind   TEXT NOT NULL,
  item_id     INTEGER NOT NULL,
  agency_id   INTEGER NOT NULL REFERENCES agencies (id),
  status      TEXT NOT NULL,
  progress    INTEGER,
  done_at     TEXT,
  due_override TEXT,
  last_event  INTEGER NOT NULL REFERENCES status_events (id),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (item_kind, item_id, agency_id)
);
