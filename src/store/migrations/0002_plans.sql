-- Plans and their tasks, with the agencies assigned to each task and the deadlines computed from
-- the task's "Thời gian" text. Tasks are matched by (plan, code) on re-import, so their ids (and
-- any history attached to them) survive; tasks that vanish from a re-imported table are retired,
-- not deleted.

CREATE TABLE plans (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  document_no  TEXT,
  year         INTEGER NOT NULL,
  period_from  INTEGER,
  period_to    INTEGER,
  issuer_id    INTEGER REFERENCES agencies (id),
  source_file  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE tasks (
  id             INTEGER PRIMARY KEY,
  plan_id        INTEGER NOT NULL REFERENCES plans (id),
  code           TEXT NOT NULL,
  area_code      TEXT NOT NULL DEFAULT '',
  area_title     TEXT NOT NULL DEFAULT '',
  objective      TEXT NOT NULL DEFAULT '',
  task           TEXT NOT NULL DEFAULT '',
  activity       TEXT NOT NULL DEFAULT '',
  product        TEXT NOT NULL DEFAULT '',
  budget         TEXT NOT NULL DEFAULT '',
  lead_text      TEXT NOT NULL DEFAULT '',
  coord_text     TEXT NOT NULL DEFAULT '',
  deadline_text  TEXT NOT NULL DEFAULT '',
  deadline_kind  TEXT NOT NULL CHECK (deadline_kind IN ('due', 'recurring', 'ongoing', 'event', 'unknown')),
  deadline_note  TEXT NOT NULL DEFAULT '',
  source_row     INTEGER,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (plan_id, code)
);

CREATE TABLE task_deadlines (
  task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  nominal_date  TEXT NOT NULL,
  due_date      TEXT NOT NULL,
  PRIMARY KEY (task_id, seq)
);
CREATE INDEX task_deadlines_due ON task_deadlines (due_date);

-- A date set by Sở Nội vụ for a task whose deadline waits for an event or was not understood.
CREATE TABLE task_deadline_overrides (
  task_id     INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  due_date    TEXT NOT NULL,
  set_by      INTEGER REFERENCES members (id),
  set_at      TEXT NOT NULL,
  reason      TEXT
);

CREATE TABLE assignments (
  task_id    INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  agency_id  INTEGER NOT NULL REFERENCES agencies (id),
  role       TEXT NOT NULL CHECK (role IN ('lead', 'coord')),
  PRIMARY KEY (task_id, agency_id, role)
);
CREATE INDEX assignments_agency ON assignments (agency_id, role);
