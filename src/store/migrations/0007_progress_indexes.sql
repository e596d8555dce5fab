-- Approved extensions are rare: a partial index lets the summaries find them without scanning every state.
CREATE INDEX item_states_due_override ON item_states (due_override) WHERE due_override IS NOT NULL;
