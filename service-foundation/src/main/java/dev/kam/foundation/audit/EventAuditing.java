package dev.kam.foundation.audit;

import dev.kam.contracts.EventType;
import dev.kam.foundation.outbox.RecordedEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Audits the changes an API caller made, as the events recording them say: one audit entry per event an API call
 * caused (the service's own work, such as a rescore, is not a caller's change), with the changed fields where the
 * event names them.
 */
@ApplicationScoped
public class EventAuditing implements RecordedEvents {

    private final AuditTrail auditTrail;

    EventAuditing(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    public void recorded(List<RecordedEvent> events) {
        auditTrail.recordEvents(events.stream().filter(event -> event.caller() != null && event.data() != null)
                .map(event -> new AuditTrail.EventEntry(event.caller(), action(event.type()), entityType(event.type()), event.subject(),
                        event.eventId(), event.data().has("changedFields") ? Map.of("changedFields", event.data().get("changedFields")) : null))
                .toList());
    }

    /** {@code kam.customer.registered.v1} is the action {@code customer.registered}. */
    private static String action(EventType type) {
        String[] parts = type.ceType().split("\\.");
        return parts[1] + "." + parts[2];
    }

    /** {@code kam.customer.registered.v1} is about a {@code customer}. */
    private static String entityType(EventType type) {
        return type.ceType().split("\\.")[1];
    }
}
