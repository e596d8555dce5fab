-- A counter of changes that move reminders: plans, tasks, their dates and agencies, admin-set dates,
-- agencies, reports and who owes them, approved extensions. Bumped by triggers whoever writes (the
-- CLI, another dondoc process), so a running dondoc sees at its next tick that it must re-plan.
CREATE TABLE plan_changes (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL
);
INSERT INTO plan_changes (id, version) VALUES (1, 0);

CREATE TRIGGER plan_changes_tasks_insert AFTER INSERT ON tasks BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_tasks_update AFTER UPDATE ON tasks BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_tasks_delete AFTER DELETE ON tasks BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_assignments_insert AFTER INSERT ON assignments BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_assignments_update AFTER UPDATE ON assignments BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_assignments_delete AFTER DELETE ON assignments BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_task_deadlines_insert AFTER INSERT ON task_deadlines BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_task_deadlines_update AFTER UPDATE ON task_deadlines BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_task_deadlines_delete AFTER DELETE ON task_deadlines BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_task_deadline_overrides_insert AFTER INSERT ON task_deadline_overrides BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_task_deadline_overrides_update AFTER UPDATE ON task_deadline_overrides BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_task_deadline_overrides_delete AFTER DELETE ON task_deadline_overrides BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_agencies_insert AFTER INSERT ON agencies BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_agencies_update AFTER UPDATE ON agencies BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_agencies_delete AFTER DELETE ON agencies BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_reports_insert AFTER INSERT ON reports BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_reports_update AFTER UPDATE ON reports BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_reports_delete AFTER DELETE ON reports BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_report_obligations_insert AFTER INSERT ON report_obligations BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_report_obligations_update AFTER UPDATE ON report_obligations BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_report_obligations_delete AFTER DELETE ON report_obligations BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_changes_extension AFTER INSERT ON status_events WHEN NEW.status = 'extension_approved' BEGIN UPDATE plan_changes SET version = version + 1 WHERE id = 1; END;
