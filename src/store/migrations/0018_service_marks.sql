-- What the running service last did, for whoever checks on it from another process (/healthz of a
-- process that does not hold the lease, `npm run cli -- doctor`): the scheduler's last tick, the
-- last daily backup, the last write the health check made. One row per mark, overwritten.
CREATE TABLE service_marks (
  name   TEXT PRIMARY KEY,
  at     TEXT NOT NULL,
  detail TEXT
);
