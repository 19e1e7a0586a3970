package dev.kam.foundation.probe;

import dev.kam.contracts.EventType;
import dev.kam.foundation.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A use case of the probe application: a state change and the event that reports it, in one transaction. */
@ApplicationScoped
public class ProbeService {

    private final EntityManager entityManager;
    private final OutboxWriter outbox;

    ProbeService(EntityManager entityManager, OutboxWriter outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    @Transactional
    public UUID activate(String customerId, String teamId, boolean failAfterRecording) {
        entityManager.createNativeQuery("""
                        INSERT INTO probe_state (customer_id, activations) VALUES (?1, 1)
                        ON CONFLICT (customer_id) DO UPDATE SET activations = probe_state.activations + 1""")
                .setParameter(1, customerId)
                .executeUpdate();
        UUID eventId = outbox.record(EventType.TEAM_ACTIVATED, customerId,
                Map.of("customerId", customerId, "teamId", teamId, "activatedAt", Instant.now().toString()));
        if (failAfterRecording) {
            throw new IllegalStateException("probe failure after recording the event");
        }
        return eventId;
    }

    /** Records {@code events} in one transaction, in this order: one relay batch. */
    @Transactional
    public java.util.List<UUID> recordTogether(java.util.List<OutboxWriter.Pending> events) {
        return outbox.recordAll(events);
    }

    @Transactional
    public void recordInvalid(String customerId) {
        outbox.record(EventType.TEAM_ACTIVATED, customerId, Map.of("customerId", "not-a-uuid"));
    }

    @Transactional
    public int activations(String customerId) {
        return count("SELECT activations FROM probe_state WHERE customer_id = ?1", customerId);
    }

    @Transactional
    public int effects(String customerId) {
        return count("SELECT applied FROM probe_effect WHERE customer_id = ?1", customerId);
    }

    private int count(String sql, String customerId) {
        var rows = entityManager.createNativeQuery(sql).setParameter(1, customerId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
