-- The web dashboard (issue 31): one-time login links sent in chat, and the sessions they open.
-- Only SHA-256 hashes of the link token and of the session cookie are stored: a copy of the
-- database lets no one log in.
CREATE TABLE web_login_tokens (
  token_hash TEXT PRIMARY KEY,
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);

CREATE TABLE web_sessions (
  id           INTEGER PRIMARY KEY,
  cookie_hash  TEXT NOT NULL UNIQUE,
  member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  user_agent   TEXT,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT
);
CREATE INDEX web_sessions_member ON web_sessions(member_id);
