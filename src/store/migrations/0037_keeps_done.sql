-- "Đang làm" or a problem about the next date of a task whose done answered for an earlier date
-- (a quarterly task done for quý I, now in quý II): the event keeps that done's cover of the
-- earlier dates (1) instead of undoing it (0). Decided when the reply is recorded, so that folding
-- the events again (replay, scoring as of any day) gives the same states.
ALTER TABLE status_events ADD COLUMN keeps_done INTEGER NOT NULL DEFAULT 0;
