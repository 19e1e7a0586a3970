-- A record without payload is a tombstone: on a compacted topic it deletes the key's current state.
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
