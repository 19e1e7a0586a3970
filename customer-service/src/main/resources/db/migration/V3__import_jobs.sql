-- Bulk imports as jobs (issue 17): the upload is kept here in chunks before it is answered 202, so a job survives a
-- restart and any instance may go on with it; each chunk is imported in one transaction with its customers, which
-- also records the chunk's per-line results and the job's counts, so every line takes effect exactly once.
CREATE TABLE import_job (
    id            UUID         PRIMARY KEY,
    status        VARCHAR(16)  NOT NULL,          -- QUEUED, RUNNING, DONE
    submitted_by  VARCHAR(200) NOT NULL,
    lines         BIGINT       NOT NULL,          -- lines received
    processed     BIGINT       NOT NULL DEFAULT 0,
    created       BIGINT       NOT NULL DEFAULT 0,
    updated       BIGINT       NOT NULL DEFAULT 0,
    unchanged     BIGINT       NOT NULL DEFAULT 0,
    rejected      BIGINT       NOT NULL DEFAULT 0,
    submitted_at  TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX import_job_waiting ON import_job (submitted_at) WHERE status <> 'DONE';

CREATE TABLE import_job_chunk (
    job_id        UUID         NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    chunk         INTEGER      NOT NULL,
    first_line    BIGINT       NOT NULL,
    last_line     BIGINT       NOT NULL,
    line_numbers  BIGINT[],                       -- the uploaded lines, until imported
    texts         TEXT[],                         -- null where the line could not be read
    problems      TEXT[],                         -- why, where it could not
    results       JSONB,                          -- once imported: one entry per line
    imported_at   TIMESTAMPTZ,
    PRIMARY KEY (job_id, chunk)
);
