package dev.kam.foundation.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventType;

import java.util.List;
import java.util.UUID;

/**
 * What else a service does with the events it records, in the same transaction (auditing the callers' changes is
 * one): the outbox only records events and tells each of these beans what it recorded, so it knows nothing of them.
 */
public interface RecordedEvents {

    /**
     * @param caller the API caller whose change the event reports; null for the service's own work
     * @param data   the event's data; null for a tombstone
     */
    record RecordedEvent(UUID eventId, EventType type, String subject, String caller, JsonNode data) {
    }

    /** Called once per batch written to the outbox, in the writer's transaction, in the order recorded. */
    void recorded(List<RecordedEvent> events);
}
