-- Transactional outbox: an event is written here in the same transaction as the state change it reports,
-- and the relay publishes it to Kafka afterwards. "position" is the publication order; writes to one
-- aggregate serialise on its row lock, so its events get increasing positions.
CREATE TABLE outbox_event (
    position        BIGSERIAL    PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    aggregate_type  VARCHAR(64)  NOT NULL,
    aggregate_id    VARCHAR(128) NOT NULL,
    event_type      VARCHAR(128) NOT NULL,
    topic           VARCHAR(249) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    payload         TEXT         NOT NULL,
    traceparent     VARCHAR(64),
    published_at    TIMESTAMPTZ,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      TEXT
);

CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX outbox_event_aggregate ON outbox_event (aggregate_id, position);
