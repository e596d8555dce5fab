-- The plan's own document (issues 27 and 29): what kind of document published it (Kế hoạch,
-- Quyết định …), its date, who issued it (as printed: "UBND tỉnh Quảng Ninh") and its title
-- ("Kế hoạch cải cách hành chính năm 2026"). Read from the document when it says so, or given by
-- the admin at import; a report draft cites the plan in full from these. NULL: not known (the
-- draft then leaves a blank to fill, never a guess). document_no already exists (0002).
ALTER TABLE plans ADD COLUMN doc_kind TEXT;
ALTER TABLE plans ADD COLUMN doc_date TEXT;
ALTER TABLE plans ADD COLUMN doc_issuer TEXT;
ALTER TABLE plans ADD COLUMN doc_title TEXT;
