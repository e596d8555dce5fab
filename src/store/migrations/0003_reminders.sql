-- Reports owed by agencies, append-only status events, snoozes and mutes, the durable reminder
-- schedule, and the outbox every outgoing message passes through.

CREATE TABLE reports (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL,
  year              INTEGER NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('periodic', 'plan', 'adhoc')),
  title             TEXT NOT NULL,
  cutoff_date       TEXT,
  nominal_due_date  TEXT NOT NULL,
  due_date          TEXT NOT NULL,
  created_by        INTEGER REFERENCES members (id),
  created_at        TEXT NOT NULL,
  UNIQUE (code, year)
);

CREATE TABLE report_obligations (
  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  agency_id  INTEGER NOT NULL REFERENCES agencies (id),
  PRIMARY KEY (report_id, agency_id)
);
CREATE INDEX report_obligations_agency ON report_obligations (agency_id);

-- Append-only: a reply never updates or deletes a row; the current state is the latest event.
CREATE TABLE status_events (
  id          INTEGER PRIMARY KEY,
  item_kind   TEXT NOT NULL CHECK (item_kind IN ('task', 'report')),
  item_id     INTEGER NOT NULL,
  agency_id   INTEGER NOT NULL REFERENCES agencies (id),
  member_id   INTEGER REFERENCES members (id),
  platform    TEXT,
  status      TEXT NOT NULL CHECK (status IN ('done', 'in_progress', 'blocked', 'extension_requested', 'reopened')),
  progress    INTEGER CHECK (progress BETWEEN 0 AND 100),
  reason      TEXT,
  evidence    TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX status_events_item ON status_events (item_kind, item_id, agency_id, id);

CREATE TABLE snoozes (
  item_kind   TEXT NOT NULL,
  item_id     INTEGER NOT NULL,
  agency_id   INTEGER NOT NULL REFERENCES agencies (id),
  until_date  TEXT NOT NULL,
  member_id   INTEGER REFERENCES members (id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (item_kind, item_id, agency_id)
);

ALTER TABLE members ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member_accounts ADD COLUMN unreachable_at TEXT;

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  dedupe_key  TEXT NOT NULL UNIQUE,
  purpose     TEXT NOT NULL,
  member_id   INTEGER REFERENCES members (id),
  platform    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  payload     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'unreachable', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  not_before  TEXT NOT NULL,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  sent_at     TEXT
);
CREATE INDEX outbox_pending ON outbox (status, platform, not_before);

CREATE TABLE reminders (
  id          INTEGER PRIMARY KEY,
  item_kind   TEXT NOT NULL CHECK (item_kind IN ('task', 'report')),
  item_id     INTEGER NOT NULL,
  agency_id   INTEGER NOT NULL REFERENCES agencies (id),
  due_date    TEXT NOT NULL,
  step        TEXT NOT NULL,
  audience    TEXT NOT NULL CHECK (audience IN ('focal', 'leader')),
  urgent      INTEGER NOT NULL DEFAULT 0,
  send_day    TEXT NOT NULL,
  send_at     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'sent', 'skipped', 'missed', 'cancelled')),
  outbox_id   INTEGER REFERENCES outbox (id),
  note        TEXT,
  settled_at  TEXT,
  UNIQUE (item_kind, item_id, agency_id, due_date, step)
);
CREATE INDEX reminders_due ON reminders (status, send_at);
