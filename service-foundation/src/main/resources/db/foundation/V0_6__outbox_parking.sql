-- An event Kafka refuses for good (too large for the topic, an invalid record) is parked: the relay stops
-- retrying it, and the later events of the same subject on the same topic wait behind it, so their order holds,
-- while every other subject's events flow on. An operator retries it (parked_at back to NULL) or drops it.
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN dropped_at TIMESTAMPTZ;

DROP INDEX outbox_event_unpublished;
-- What the relay works on: neither published, nor parked, nor dropped.
CREATE INDEX outbox_event_pending ON outbox_event (position)
    WHERE published_at IS NULL AND parked_at IS NULL AND dropped_at IS NULL;
-- Parked events, to hold back the later events of their subject (usually none: the anti-join costs nothing).
CREATE INDEX outbox_event_parked ON outbox_event (topic, aggregate_id, position)
    WHERE parked_at IS NOT NULL AND published_at IS NULL AND dropped_at IS NULL;
CREATE INDEX outbox_event_dropped_at ON outbox_event (dropped_at) WHERE dropped_at IS NOT NULL;
