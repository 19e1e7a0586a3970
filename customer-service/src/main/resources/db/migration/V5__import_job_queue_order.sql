-- Import jobs are imported one after another in the order they were accepted (their 202), not the order their uploads
-- began: a slow upload begun before a quick one is accepted after it. Each job waits until every job accepted before it
-- is done, so for a reference named in several jobs the one accepted last wins (issue 31: two jobs had interleaved).
CREATE SEQUENCE import_job_queue_position;
ALTER TABLE import_job ADD COLUMN queue_position BIGINT;
UPDATE import_job SET queue_position = ordered.position
FROM (SELECT id, nextval('import_job_queue_position') AS position
      FROM (SELECT id FROM import_job WHERE status <> 'RECEIVING' ORDER BY submitted_at, id) AS accepted) AS ordered
WHERE import_job.id = ordered.id;
DROP INDEX import_job_waiting;
CREATE INDEX import_job_waiting ON import_job (queue_position) WHERE status IN ('QUEUED', 'RUNNING');
