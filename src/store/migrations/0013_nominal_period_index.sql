-- Summaries put a computed date in the period of its nominal date ("Quý II" → 30/6, even when it is
-- due on Monday 1/7): they select by nominal_date, as they selected by due_date before.
CREATE INDEX task_deadlines_nominal ON task_deadlines (nominal_date);
