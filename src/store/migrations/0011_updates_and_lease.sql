-- Updates received from a chat platform (Telegram update_id, Zalo message_id), recorded before they
-- are answered: a platform re-sending one (a slow answer, a retry) finds it here and it is not
-- processed twice. An update recorded but not yet handled when the process stopped is handled at the
-- next start. Rows are pruned after a few days.
CREATE TABLE incoming_updates (
  platform     TEXT NOT NULL,
  update_id    TEXT NOT NULL,
  payload      TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  handled_at   TEXT,
  PRIMARY KEY (platform, update_id)
);
CREATE INDEX incoming_updates_unhandled ON incoming_updates (received_at) WHERE handled_at IS NULL;

-- Who sends and schedules: one row per lease name, held by one running process that renews it
-- (heartbeat); any other process takes it over once it has expired.
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  heartbeat   TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
