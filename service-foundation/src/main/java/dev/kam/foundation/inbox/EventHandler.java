package dev.kam.foundation.inbox;

/**
 * The effect of one event type on a consuming service. Runs inside the transaction that also records the
 * event as processed; throw {@link RejectedEventException} for an event that can never be applied.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(IncomingEvent event) throws Exception;
}
