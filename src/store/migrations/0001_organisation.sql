-- Organisation model: agency kinds (as data), agencies with aliases, people and their chat accounts,
-- single-use invite codes, and the numbered choices waiting for an answer on platforms without buttons.

CREATE TABLE agency_kinds (
  code        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('tinh', 'huyen', 'xa', 'trung_uong')),
  sort_order  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agencies (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  short_name  TEXT,
  kind        TEXT NOT NULL REFERENCES agency_kinds (code),
  parent_id   INTEGER REFERENCES agencies (id),
  is_standing INTEGER NOT NULL DEFAULT 0 CHECK (is_standing IN (0, 1)),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL
);

CREATE TABLE agency_aliases (
  agency_id  INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  alias      TEXT NOT NULL,
  alias_key  TEXT NOT NULL,
  PRIMARY KEY (agency_id, alias_key)
);
CREATE INDEX agency_aliases_key ON agency_aliases (alias_key);

CREATE TABLE members (
  id                INTEGER PRIMARY KEY,
  display_name      TEXT NOT NULL,
  agency_id         INTEGER NOT NULL REFERENCES agencies (id),
  role              TEXT NOT NULL CHECK (role IN ('focal', 'leader', 'admin')),
  preferred_platform TEXT,
  created_at        TEXT NOT NULL
);
CREATE INDEX members_agency ON members (agency_id);

CREATE TABLE member_accounts (
  platform          TEXT NOT NULL,
  platform_user_id  TEXT NOT NULL,
  member_id         INTEGER NOT NULL REFERENCES members (id),
  chat_id           TEXT NOT NULL,
  display_name      TEXT,
  linked_at         TEXT NOT NULL,
  PRIMARY KEY (platform, platform_user_id),
  UNIQUE (member_id, platform)
);

CREATE TABLE invites (
  code_hash        TEXT PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agencies (id),
  role             TEXT NOT NULL CHECK (role IN ('focal', 'leader', 'admin')),
  member_id        INTEGER REFERENCES members (id),
  display_hint     TEXT,
  created_by       INTEGER REFERENCES members (id),
  created_at       TEXT NOT NULL,
  expires_at       TEXT NOT NULL,
  used_at          TEXT,
  used_by_platform TEXT,
  used_by_user_id  TEXT
);

CREATE TABLE pending_choices (
  platform    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  choices     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  PRIMARY KEY (platform, chat_id)
);
