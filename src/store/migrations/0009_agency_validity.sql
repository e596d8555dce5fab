-- Agencies over time (the 2025 reorganisation): the day an agency started and ceased, and the agency
-- its work went to. A ceased agency stays so that older plans still read; it is never reminded.
ALTER TABLE agencies ADD COLUMN valid_from TEXT;
ALTER TABLE agencies ADD COLUMN valid_until TEXT;
ALTER TABLE agencies ADD COLUMN successor_id INTEGER REFERENCES agencies (id);
ALTER TABLE agencies ADD COLUMN official_code TEXT;
