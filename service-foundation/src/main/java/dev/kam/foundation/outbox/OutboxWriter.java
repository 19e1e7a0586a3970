package dev.kam.foundation.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.kam.foundation.audit.CurrentActor;

import dev.kam.foundation.persistence.Jdbc;
import dev.kam.foundation.tracing.EventTracing;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the outbox, inside the caller's transaction: the event exists exactly when the state
 * change it reports was committed. Data that does not match the event type's JSON Schema is refused here,
 * so nothing off-contract can reach a topic. The outbox only records: auditing and the like are
 * {@link RecordedEvents} beans it tells what it wrote; the trace an event continues comes from tracing.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Object WAKE_UP_REGISTERED = new Object();
    private static final Object DEFERRED_ROWS = new Object();

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final CurrentActor actor;
    /** Resolved once: the beans are application-scoped, and writing events is the platform's hottest path. */
    private final List<RecordedEvents> recordedEvents;
    private final EventTracing tracing;

    OutboxWriter(EntityManager entityManager, ObjectMapper objectMapper, TransactionSynchronizationRegistry transactions,
                 OutboxRelay relay, CurrentActor actor, @Any Instance<RecordedEvents> recordedEvents, EventTracing tracing) {
        this.tracing = tracing;
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relay = relay;
        this.actor = actor;
        this.recordedEvents = recordedEvents.stream().toList();
    }

    /** An event to record together with others; see {@link #recordAll}. */
    public record Pending(EventType type, String subject, Object data, boolean tombstone) {

        public static Pending event(EventType type, String subject, Object data) {
            return new Pending(type, subject, data, false);
        }

        public static Pending tombstone(EventType type, String subject) {
            return new Pending(type, subject, null, true);
        }
    }

    /**
     * @param caller      the API caller whose change this reports, null for the service's own work
     * @param traceparent the trace the event continues (the REST call or the incoming event that caused it)
     */
    private record Row(UUID eventId, EventType type, String subject, Instant occurredAt, String payload, String actor,
                       String caller, JsonNode data, String traceparent) {
    }

    /**
     * @param subject the customer id the event is about: the Kafka key and {@code ce_subject}
     * @param data    the payload, serialised with the application's JSON settings
     * @return the event id ({@code ce_id})
     * @throws dev.kam.contracts.MalformedEventException when {@code data} breaks the type's schema
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(EventType type, String subject, Object data) {
        return recordAll(List.of(Pending.event(type, subject, data))).get(0);
    }

    /**
     * Records a tombstone for {@code subject} on the compacted topic of {@code type}: once published and
     * compacted, the topic no longer holds any state for that key.
     *
     * @throws IllegalArgumentException when the type's topic is not compacted (a tombstone means nothing there)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordTombstone(EventType type, String subject) {
        return recordAll(List.of(Pending.tombstone(type, subject))).get(0);
    }

    /**
     * Records events in the given order with one round trip to the database: what a consumer batch, a
     * rescore batch or an import chunk produces. Every event is checked first; one that breaks its schema
     * refuses the whole list.
     *
     * @return the event ids, in the order of {@code events}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> recordAll(List<Pending> events) {
        String caller = actor.caller().orElse(null);
        String recordedBy = caller != null ? caller : actor.service();
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>(events.size());
        for (Pending event : events) {
            rows.add(event.tombstone() ? tombstoneRow(event, now) : eventRow(event, caller, recordedBy, now));
        }
        @SuppressWarnings("unchecked")
        List<Row> deferred = (List<Row>) transactions.getResource(DEFERRED_ROWS);
        if (deferred != null) {
            deferred.addAll(rows);
        } else {
            write(rows);
        }
        return rows.stream().map(Row::eventId).toList();
    }

    /** Work whose events are recorded together; see {@link #recordingTogether}. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} in the current transaction and writes every event it records in one batch when it
     * ends, in the order recorded: a consumer batch or an import chunk records events one change at a time,
     * and this makes them one round trip. Events are still checked against their schema when recorded.
     * Nothing reads the outbox in between, so deferring the insert to the end of the work changes nothing else.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordingTogether(Work work) throws Exception {
        if (transactions.getResource(DEFERRED_ROWS) != null) {
            work.run();
            return;
        }
        List<Row> deferred = new ArrayList<>();
        transactions.putResource(DEFERRED_ROWS, deferred);
        try {
            work.run();
        } finally {
            transactions.putResource(DEFERRED_ROWS, null);
        }
        write(deferred);
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.batch(entityManager, """
                INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, topic, occurred_at, payload, actor, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, (insert, row) -> {
            insert.setObject(1, row.eventId());
            insert.setString(2, aggregateType(row.type()));
            insert.setString(3, row.subject());
            insert.setString(4, row.type().ceType());
            insert.setString(5, row.type().topic());
            insert.setTimestamp(6, Timestamp.from(row.occurredAt()));
            insert.setString(7, row.payload());
            insert.setString(8, row.actor());
            insert.setString(9, row.traceparent());
        });
        List<RecordedEvents.RecordedEvent> recorded = rows.stream()
                .map(row -> new RecordedEvents.RecordedEvent(row.eventId(), row.type(), row.subject(), row.caller(), row.data())).toList();
        recordedEvents.forEach(listener -> listener.recorded(recorded));
        wakeRelayAfterCommit();
    }

    private Row eventRow(Pending event, String caller, String recordedBy, Instant now) {
        JsonNode json = objectMapper.valueToTree(event.data());
        EventSchemas.instance().requireValid(event.type(), json);
        try {
            return new Row(UUID.randomUUID(), event.type(), event.subject(), now, objectMapper.writeValueAsString(json), recordedBy,
                    caller, json, tracing.traceparentFor(event.subject()).orElse(null));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }

    private Row tombstoneRow(Pending event, Instant now) {
        boolean compacted = Topics.platformTopics().stream()
                .anyMatch(topic -> topic.name().equals(event.type().topic()) && topic.compacted());
        if (!compacted) {
            throw new IllegalArgumentException(event.type().topic() + " is not compacted; tombstones belong on compacted topics only");
        }
        return new Row(UUID.randomUUID(), event.type(), event.subject(), now, null, actor.name(), null, null,
                tracing.traceparentFor(event.subject()).orElse(null));
    }

    /** {@code kam.customer.registered.v1} belongs to the {@code customer} aggregate. */
    private static String aggregateType(EventType type) {
        return type.ceType().split("\\.")[1];
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
