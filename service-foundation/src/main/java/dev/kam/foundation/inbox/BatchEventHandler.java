package dev.kam.foundation.inbox;

import dev.kam.contracts.EventType;

import java.util.List;
import java.util.Map;

/**
 * The effect of a batch of events on a consuming service, applied set-based: every event in the list is new
 * to this consumer (duplicates are already taken out) and is in delivery order. Runs inside the transaction
 * that records the events as processed; throw {@link RejectedEventException} for an event that can never be
 * applied (the batch is then applied one event at a time, and only that one is dead-lettered).
 */
@FunctionalInterface
public interface BatchEventHandler {

    void handle(List<IncomingEvent> events) throws Exception;

    /** One handler per type, called event by event. */
    static BatchEventHandler perEvent(Map<EventType, EventHandler> handlers) {
        return events -> {
            for (IncomingEvent event : events) {
                handlers.get(event.type()).handle(event);
            }
        };
    }
}
