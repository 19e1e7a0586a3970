-- A chunk that fails as a whole for a reason that does not go away by itself (not a lost connection or a lock
-- conflict) is tried again a few times, then imported line by line, each line in a transaction of its own, so one
-- line the database refuses is reported as rejected instead of holding up its job and every job after it.
ALTER TABLE import_job_chunk ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
