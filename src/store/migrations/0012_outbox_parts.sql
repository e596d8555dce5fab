-- A row can become several platform messages (a long text in chunks, a chart after the text). The
-- worker records each one delivered, so a retry never sends a delivered part again, and counts
-- failures of the part it is stuck on (an attachment that keeps failing is replaced by a note).
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN part_failures INTEGER NOT NULL DEFAULT 0;
