-- The data version the web dashboard's caches are keyed on (issue 31): a counter that moves on every
-- write a dashboard or chat figure reads, by any process (the CLI, a worker thread, another dondoc).
-- plan_dirty (0017) already logs every write that moves reminders (plans, tasks, dates, assignments,
-- a state's status/done/extension, reports, an agency switched on or off); the triggers below add what
-- it leaves out: every reply (status_events: progress, extension asked or decided), a progress figure
-- (item_states), an agency's name or kind, a plan's name, dates already past at import, and a
-- reminder sent (the responsiveness criterion of the scores). A reminder merely planned does not move it.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO data_version (id, n) VALUES (1, 0);

CREATE TRIGGER data_version_plan_dirty AFTER INSERT ON plan_dirty BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_status_events_insert AFTER INSERT ON status_events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_status_events_update AFTER UPDATE ON status_events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_status_events_delete AFTER DELETE ON status_events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_item_states_insert AFTER INSERT ON item_states BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_item_states_update AFTER UPDATE ON item_states BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_item_states_delete AFTER DELETE ON item_states BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_agencies_insert AFTER INSERT ON agencies BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_agencies_update AFTER UPDATE ON agencies BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_agencies_delete AFTER DELETE ON agencies BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_agency_kinds_insert AFTER INSERT ON agency_kinds BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_agency_kinds_update AFTER UPDATE ON agency_kinds BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_agency_kinds_delete AFTER DELETE ON agency_kinds BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_plans_insert AFTER INSERT ON plans BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_task_past_deadlines_insert AFTER INSERT ON task_past_deadlines BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_task_past_deadlines_delete AFTER DELETE ON task_past_deadlines BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_reminders_insert AFTER INSERT ON reminders WHEN NEW.status = 'sent' BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_reminders_update AFTER UPDATE ON reminders
  WHEN (OLD.status = 'sent') IS NOT (NEW.status = 'sent') OR (NEW.status = 'sent' AND (OLD.send_day IS NOT NEW.send_day OR OLD.audience IS NOT NEW.audience OR OLD.agency_id IS NOT NEW.agency_id))
  BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_reminders_delete AFTER DELETE ON reminders WHEN OLD.status = 'sent' BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
