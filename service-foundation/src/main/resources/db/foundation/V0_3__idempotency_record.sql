-- Idempotency-Key on POST: the first answer to a key is stored in the same transaction as its effect, and
-- returned again for a retry with the same key and body.
CREATE TABLE idempotency_record (
    scope            VARCHAR(300) NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    status           INTEGER      NOT NULL,
    body             TEXT,
    location         TEXT,
    etag             VARCHAR(100),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
