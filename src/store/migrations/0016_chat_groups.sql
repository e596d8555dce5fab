-- Group chats an admin linked to the province (agency_id NULL) or to one agency (/nhom): a broadcast
-- also posts once to the groups of its audience; acknowledgements stay per member, in private.
CREATE TABLE chat_groups (
  platform   TEXT NOT NULL,
  chat_id    TEXT NOT NULL,
  agency_id  INTEGER REFERENCES agencies (id),
  linked_by  INTEGER REFERENCES members (id),
  linked_at  TEXT NOT NULL,
  PRIMARY KEY (platform, chat_id)
);
