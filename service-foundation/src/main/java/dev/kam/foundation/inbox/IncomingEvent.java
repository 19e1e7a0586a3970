package dev.kam.foundation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventEnvelope;
import dev.kam.contracts.EventType;

/** A consumed event that passed the contract checks, with where it came from. */
public record IncomingEvent(EventEnvelope envelope, EventType type, String topic, int partition, long offset) {

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
}
