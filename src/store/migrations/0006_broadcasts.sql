-- Broadcasts from Sở Nội vụ: the message, its audience, and per recipient the outbox message that
-- carried it and when they pressed "Đã nhận".
CREATE TABLE broadcasts (
  id              INTEGER PRIMARY KEY,
  created_by      INTEGER NOT NULL REFERENCES members (id),
  body            TEXT NOT NULL,
  audience        TEXT,
  audience_label  TEXT,
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'cancelled')),
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);

CREATE TABLE broadcast_recipients (
  broadcast_id  INTEGER NOT NULL REFERENCES broadcasts (id),
  member_id     INTEGER NOT NULL REFERENCES members (id),
  agency_id     INTEGER NOT NULL REFERENCES agencies (id),
  outbox_id     INTEGER REFERENCES outbox (id),
  resends       INTEGER NOT NULL DEFAULT 0,
  acked_at      TEXT,
  PRIMARY KEY (broadcast_id, member_id)
);
CREATE INDEX broadcast_recipients_member ON broadcast_recipients (member_id);
