package dev.kam.foundation.probe;

import dev.kam.contracts.EventType;
import dev.kam.foundation.inbox.IdempotentEventProcessor;
import dev.kam.foundation.inbox.IncomingEvent;
import dev.kam.foundation.inbox.RejectedEventException;
import dev.kam.foundation.outbox.OutboxWriter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Consumes the probe's own team events and counts their effect, through the shared idempotent processor. */
@ApplicationScoped
public class ProbeConsumer {

    public static final String CONSUMER = "foundation-probe.team-events";
    /** A team id the handler refuses, as a business rule would. */
    public static final String REJECTED_TEAM = "00000000-0000-0000-0000-00000000dead";
    /** A team whose activation the handler answers with a dissolution event, as a service reacting to an event would. */
    public static final String ECHO_TEAM = "00000000-0000-0000-0000-0000000ec400";

    private final IdempotentEventProcessor processor;
    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final AtomicInteger transientFaultsToInject = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    ProbeConsumer(IdempotentEventProcessor processor, EntityManager entityManager, OutboxWriter outbox) {
        this.outbox = outbox;
        this.processor = processor;
        this.entityManager = entityManager;
    }

    @Incoming("probe-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        process(record);
    }

    /** The next {@code count} applications fail as if the database were unreachable. */
    public void injectTransientFaults(int count) {
        transientFaultsToInject.set(count);
    }

    public int attempts() {
        return attempts.get();
    }

    public IdempotentEventProcessor.Outcome process(ConsumerRecord<String, byte[]> record) {
        return processor.process(CONSUMER, record, Map.of(EventType.TEAM_ACTIVATED, this::apply));
    }

    public void processBatch(java.util.List<ConsumerRecord<String, byte[]>> records) {
        processor.processBatch(CONSUMER, records, Map.of(EventType.TEAM_ACTIVATED, this::apply));
    }

    private void apply(IncomingEvent event) throws Exception {
        attempts.incrementAndGet();
        if (transientFaultsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLTransientConnectionException("injected: connection refused");
        }
        if (REJECTED_TEAM.equals(event.data().path("teamId").asText())) {
            throw new RejectedEventException("team " + REJECTED_TEAM + " does not exist");
        }
        entityManager.createNativeQuery("""
                        INSERT INTO probe_effect (customer_id, applied) VALUES (?1, 1)
                        ON CONFLICT (customer_id) DO UPDATE SET applied = probe_effect.applied + 1""")
                .setParameter(1, event.subject())
                .executeUpdate();
        if (ECHO_TEAM.equals(event.data().path("teamId").asText())) {
            outbox.record(EventType.TEAM_DISSOLVED, event.subject(), Map.of("customerId", event.subject(), "teamId", ECHO_TEAM,
                    "reason", "echo", "dissolvedAt", java.time.Instant.now().toString()));
        }
    }
}
