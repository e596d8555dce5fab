-- Every done whose cover holds, oldest first, as a JSON array of ISO instants (`ItemState.dones`):
-- a quarterly task done for quý I in March and for quý II and III in July keeps both, so that quý I
-- stays done in March, on time, in the views and the periodic report's list, as the scores have it.
-- Filled from the events: the dones after the item's last reply that undid a done (a reopen, or
-- "đang làm" / a problem not about a later date), up to the state's done.
ALTER TABLE item_states ADD COLUMN dones TEXT NOT NULL DEFAULT '[]';
UPDATE item_states SET dones = (
  SELECT json_group_array(d.created_at) FROM (
    SELECT e.created_at FROM status_events e
    WHERE e.item_kind = item_states.item_kind AND e.item_id = item_states.item_id AND e.agency_id = item_states.agency_id
      AND e.status = 'done' AND e.created_at <= item_states.done_at
      AND e.created_at > COALESCE((
        SELECT MAX(r.created_at) FROM status_events r
        WHERE r.item_kind = item_states.item_kind AND r.item_id = item_states.item_id AND r.agency_id = item_states.agency_id
          AND r.created_at <= item_states.done_at
          AND (r.status = 'reopened' OR (r.status IN ('in_progress', 'blocked') AND r.keeps_done = 0))), '')
    ORDER BY e.created_at) d)
WHERE done_at IS NOT NULL;
