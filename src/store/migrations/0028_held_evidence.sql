-- A file sent with a caption dondoc had to ask about ("Ghi nhận II.3.4 đã hoàn thành?"): nothing was
-- recorded yet, so the file has no event to belong to. It is held here (its platform reference only,
-- as evidence_files keeps it) and attached to the member's next recorded reply within 30 minutes —
-- the tap on "Đúng" — then removed. Erasing a member removes their held files.
CREATE TABLE held_evidence (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members (id),
  platform    TEXT NOT NULL,
  file_ref    TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  mime_type   TEXT,
  size        INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX held_evidence_member ON held_evidence (member_id, created_at);
