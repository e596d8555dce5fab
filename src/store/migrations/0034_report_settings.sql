-- Who signs an agency's periodic CCHC report and to whom it goes (issue 29): the signer's title as
-- its lines ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", Nghị định 30/2020, Phụ lục I, II.8), the signer's name
-- and the "Nơi nhận" list (II.11), one JSON array each. Set by an admin (/caidatbaocao, npm run cli --
-- report settings). NULL: not set; the draft then shows a "[bổ sung]" blank, never a guess.
CREATE TABLE agency_report_settings (
  agency_id     INTEGER PRIMARY KEY REFERENCES agencies (id),
  signer_title  TEXT,
  signer_name   TEXT,
  recipients    TEXT,
  updated_at    TEXT NOT NULL
);
