-- When a task starts (issue 27): plans with "Bắt đầu | Hoàn thành" or "Từ | Đến" under "Thời gian"
-- give the start beside the deadline. `start_text` is the cell as written ('' when none); `start_date`
-- the first day of the period it names ("Tháng 3/2026" → 2026-03-01), NULL when the cell names no
-- single period or starts after the deadline (reported at import, never guessed).
ALTER TABLE tasks ADD COLUMN start_text TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN start_date TEXT;
