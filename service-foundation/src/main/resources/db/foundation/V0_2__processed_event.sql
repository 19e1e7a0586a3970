-- Idempotent consumer: the id of every consumed event is inserted here in the same transaction as its
-- effect. A redelivered event finds its row and is skipped; two concurrent deliveries cannot both insert.
CREATE TABLE processed_event (
    consumer      VARCHAR(128) NOT NULL,
    event_id      VARCHAR(128) NOT NULL,
    event_type    VARCHAR(128) NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
