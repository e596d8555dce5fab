-- Messages sent per platform and calendar month (province time), for plans with a monthly quota
-- (Zalo's free plan): the count, whether admins were told at 80%, when the quota ran out, and when an
-- admin resumed sending past the configured budget for the rest of the month.
CREATE TABLE message_budget (
  platform      TEXT NOT NULL,
  month         TEXT NOT NULL,
  sent          INTEGER NOT NULL DEFAULT 0,
  warned_at     TEXT,
  exhausted_at  TEXT,
  resumed_at    TEXT,
  PRIMARY KEY (platform, month)
);
