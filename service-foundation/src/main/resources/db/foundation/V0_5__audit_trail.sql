-- Who changed what and when, written in the same transaction as the change. Entries made for an event
-- point at it; the event itself carries the actor in its ce_actor header.
CREATE TABLE audit_entry (
    position     BIGSERIAL    PRIMARY KEY,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(256) NOT NULL,
    action       VARCHAR(128) NOT NULL,
    entity_type  VARCHAR(64)  NOT NULL,
    entity_id    VARCHAR(128) NOT NULL,
    event_id     UUID,
    details      JSONB
);

CREATE INDEX audit_entry_entity ON audit_entry (entity_type, entity_id, position);
CREATE INDEX audit_entry_actor ON audit_entry (actor, position);
CREATE INDEX audit_entry_occurred_at ON audit_entry (occurred_at);

ALTER TABLE outbox_event ADD COLUMN actor VARCHAR(256);
