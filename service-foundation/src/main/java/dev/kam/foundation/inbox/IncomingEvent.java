package dev.kam.foundation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventEnvelope;
import dev.kam.contracts.EventType;
import dev.kam.contracts.data.EventData;

/**
 * A consumed event that passed the contract checks, with where it came from.
 *
 * @param traceparent the W3C trace context of the span that published it, null when it came without one
 */
public record IncomingEvent(EventEnvelope envelope, EventType type, String topic, int partition, long offset,
                            String traceparent) {

    public String id() {
        return envelope.id();
    }

    /** The customer id the event is about. */
    public String subject() {
        return envelope.subject();
    }

    public JsonNode data() {
        return envelope.data();
    }

    /** The data as the typed record consumers work with (event-contracts' {@code data} package), decoded here, once. */
    public <T> T data(Class<T> type) {
        return EventData.read(envelope.data(), type);
    }
}
