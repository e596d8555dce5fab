-- Files sent as evidence for a status event (a decision, a report, a photo of a signed page).
-- Append-only like the events: attaching a file never changes the event it belongs to. Only the
-- platform's reference to the file is kept, not its bytes.
CREATE TABLE evidence_files (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES status_events (id),
  platform    TEXT NOT NULL,
  file_ref    TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  mime_type   TEXT,
  size        INTEGER NOT NULL,
  member_id   INTEGER REFERENCES members (id),
  created_at  TEXT NOT NULL
);
CREATE INDEX evidence_files_event ON evidence_files (event_id);
