-- Where the plan's document was signed, as printed before its date ("Hà Tĩnh, ngày 08 tháng 01 năm
-- 2026" → "Hà Tĩnh") (issue 27 item 6): stored with the plan so /kehoach and a report draft can cite
-- "…, ngày …" in full. NULL: not known (never guessed).
ALTER TABLE plans ADD COLUMN doc_place TEXT;
