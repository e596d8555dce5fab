-- A broadcast may carry one file (a decision, a form to fill in). The bytes are kept here so the
-- outbox can send them after a restart; the outbox rows only name the file. Zalo recipients get a
-- download link under an unguessable token; Telegram re-sends the file_id of the first upload.
CREATE TABLE broadcast_files (
  broadcast_id      INTEGER PRIMARY KEY REFERENCES broadcasts (id) ON DELETE CASCADE,
  file_name         TEXT NOT NULL,
  mime_type         TEXT NOT NULL,
  size              INTEGER NOT NULL,
  data              BLOB NOT NULL,
  link_token        TEXT NOT NULL UNIQUE,
  telegram_file_id  TEXT,
  created_at        TEXT NOT NULL
);
