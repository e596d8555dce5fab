-- Dates of a task that had already passed when its plan was first imported (a 2021–2030 plan read in
-- 2026): shown as "đã qua khi nhập", never chased, never scored. Kept apart from task_deadlines so that
-- every view that chases or counts reads only the dates that are still owed.
CREATE TABLE task_past_deadlines (
  task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  nominal_date  TEXT NOT NULL,
  due_date      TEXT NOT NULL,
  PRIMARY KEY (task_id, seq)
);
