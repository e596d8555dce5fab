-- What moved since a re-plan, item by item (replaces 0015's single counter): every write that can
-- move reminders logs the task, report or plan it touched, whoever writes (the CLI, another dondoc
-- process). The running planner re-plans only those items; 'all' (an agency switched on or off, a
-- plan removed) asks for a full re-plan. The log's AUTOINCREMENT sequence is the change counter: it
-- never goes back, and a gap (rows pruned by another process's full re-plan) is seen as one.
DROP TRIGGER IF EXISTS plan_changes_tasks_insert;
DROP TRIGGER IF EXISTS plan_changes_tasks_update;
DROP TRIGGER IF EXISTS plan_changes_tasks_delete;
DROP TRIGGER IF EXISTS plan_changes_assignments_insert;
DROP TRIGGER IF EXISTS plan_changes_assignments_update;
DROP TRIGGER IF EXISTS plan_changes_assignments_delete;
DROP TRIGGER IF EXISTS plan_changes_task_deadlines_insert;
DROP TRIGGER IF EXISTS plan_changes_task_deadlines_update;
DROP TRIGGER IF EXISTS plan_changes_task_deadlines_delete;
DROP TRIGGER IF EXISTS plan_changes_task_deadline_overrides_insert;
DROP TRIGGER IF EXISTS plan_changes_task_deadline_overrides_update;
DROP TRIGGER IF EXISTS plan_changes_task_deadline_overrides_delete;
DROP TRIGGER IF EXISTS plan_changes_agencies_insert;
DROP TRIGGER IF EXISTS plan_changes_agencies_update;
DROP TRIGGER IF EXISTS plan_changes_agencies_delete;
DROP TRIGGER IF EXISTS plan_changes_reports_insert;
DROP TRIGGER IF EXISTS plan_changes_reports_update;
DROP TRIGGER IF EXISTS plan_changes_reports_delete;
DROP TRIGGER IF EXISTS plan_changes_report_obligations_insert;
DROP TRIGGER IF EXISTS plan_changes_report_obligations_update;
DROP TRIGGER IF EXISTS plan_changes_report_obligations_delete;
DROP TRIGGER IF EXISTS plan_changes_extension;
DROP TABLE IF EXISTS plan_changes;

CREATE TABLE plan_dirty (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  item_kind  TEXT NOT NULL CHECK (item_kind IN ('task', 'report', 'plan', 'all')),
  item_id    INTEGER
);

CREATE TRIGGER plan_dirty_tasks_insert AFTER INSERT ON tasks BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.id); END;
CREATE TRIGGER plan_dirty_tasks_update AFTER UPDATE ON tasks BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.id); END;
CREATE TRIGGER plan_dirty_tasks_delete AFTER DELETE ON tasks BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.id); END;
CREATE TRIGGER plan_dirty_assignments_insert AFTER INSERT ON assignments BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.task_id); END;
CREATE TRIGGER plan_dirty_assignments_update AFTER UPDATE ON assignments BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.task_id); END;
CREATE TRIGGER plan_dirty_assignments_delete AFTER DELETE ON assignments BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.task_id); END;
CREATE TRIGGER plan_dirty_assignments_update_old AFTER UPDATE ON assignments WHEN OLD.task_id IS NOT NEW.task_id BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.task_id); END;
CREATE TRIGGER plan_dirty_task_deadlines_insert AFTER INSERT ON task_deadlines BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.task_id); END;
CREATE TRIGGER plan_dirty_task_deadlines_update AFTER UPDATE ON task_deadlines BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.task_id); END;
CREATE TRIGGER plan_dirty_task_deadlines_delete AFTER DELETE ON task_deadlines BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.task_id); END;
CREATE TRIGGER plan_dirty_task_deadlines_update_old AFTER UPDATE ON task_deadlines WHEN OLD.task_id IS NOT NEW.task_id BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.task_id); END;
CREATE TRIGGER plan_dirty_task_deadline_overrides_insert AFTER INSERT ON task_deadline_overrides BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.task_id); END;
CREATE TRIGGER plan_dirty_task_deadline_overrides_update AFTER UPDATE ON task_deadline_overrides BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', NEW.task_id); END;
CREATE TRIGGER plan_dirty_task_deadline_overrides_delete AFTER DELETE ON task_deadline_overrides BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.task_id); END;
CREATE TRIGGER plan_dirty_task_deadline_overrides_update_old AFTER UPDATE ON task_deadline_overrides WHEN OLD.task_id IS NOT NEW.task_id BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('task', OLD.task_id); END;
CREATE TRIGGER plan_dirty_plans_update AFTER UPDATE ON plans BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('plan', NEW.id); END;
CREATE TRIGGER plan_dirty_plans_delete AFTER DELETE ON plans BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('all', NULL); END;
CREATE TRIGGER plan_dirty_agencies_update AFTER UPDATE ON agencies WHEN OLD.active IS NOT NEW.active BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('all', NULL); END;
CREATE TRIGGER plan_dirty_agencies_delete AFTER DELETE ON agencies BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('all', NULL); END;
CREATE TRIGGER plan_dirty_reports_insert AFTER INSERT ON reports BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('report', NEW.id); END;
CREATE TRIGGER plan_dirty_report_obligations_insert AFTER INSERT ON report_obligations BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('report', NEW.report_id); END;
CREATE TRIGGER plan_dirty_reports_update AFTER UPDATE ON reports BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('report', NEW.id); END;
CREATE TRIGGER plan_dirty_report_obligations_update AFTER UPDATE ON report_obligations BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('report', NEW.report_id); END;
CREATE TRIGGER plan_dirty_reports_delete AFTER DELETE ON reports BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('report', OLD.id); END;
CREATE TRIGGER plan_dirty_report_obligations_delete AFTER DELETE ON report_obligations BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES ('report', OLD.report_id); END;
-- A reply moves reminders when it changes what is done or the date in force (not a progress figure).
CREATE TRIGGER plan_dirty_item_states_insert AFTER INSERT ON item_states BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES (NEW.item_kind, NEW.item_id); END;
CREATE TRIGGER plan_dirty_item_states_update AFTER UPDATE ON item_states
  WHEN OLD.status IS NOT NEW.status OR OLD.done_at IS NOT NEW.done_at OR OLD.due_override IS NOT NEW.due_override
  BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES (NEW.item_kind, NEW.item_id); END;
CREATE TRIGGER plan_dirty_item_states_delete AFTER DELETE ON item_states BEGIN INSERT INTO plan_dirty (item_kind, item_id) VALUES (OLD.item_kind, OLD.item_id); END;
