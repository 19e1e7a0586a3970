package dev.kam.foundation.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.kam.foundation.audit.AuditTrail;
import dev.kam.foundation.audit.CurrentActor;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records an event in the outbox, inside the caller's transaction: the event exists exactly when the state
 * change it reports was committed. Data that does not match the event type's JSON Schema is refused here,
 * so nothing off-contract can reach a topic.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Object WAKE_UP_REGISTERED = new Object();

    private final OutboxRepository repository;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final CurrentActor actor;
    private final AuditTrail auditTrail;

    OutboxWriter(OutboxRepository repository, ObjectMapper objectMapper, TransactionSynchronizationRegistry transactions,
                 OutboxRelay relay, CurrentActor actor, AuditTrail auditTrail) {
        this.repository = repository;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relay = relay;
        this.actor = actor;
        this.auditTrail = auditTrail;
    }

    /**
     * @param subject the customer id the event is about: the Kafka key and {@code ce_subject}
     * @param data    the payload, serialised with the application's JSON settings
     * @return the event id ({@code ce_id})
     * @throws dev.kam.contracts.MalformedEventException when {@code data} breaks the type's schema
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(EventType type, String subject, Object data) {
        JsonNode json = objectMapper.valueToTree(data);
        EventSchemas.instance().requireValid(type, json);
        UUID eventId = UUID.randomUUID();
        String payload;
        try {
            payload = objectMapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
        Optional<String> caller = actor.caller();
        repository.persist(new OutboxEvent(eventId, aggregateType(type), subject, type.ceType(), type.topic(),
                Instant.now(), payload, null, caller.orElseGet(actor::service)));
        caller.ifPresent(who -> auditTrail.recordEvent(who, action(type), aggregateType(type), subject, eventId,
                json.has("changedFields") ? Map.of("changedFields", json.get("changedFields")) : null));
        wakeRelayAfterCommit();
        return eventId;
    }

    /**
     * Records a tombstone for {@code subject} on the compacted topic of {@code type}: once published and
     * compacted, the topic no longer holds any state for that key.
     *
     * @throws IllegalArgumentException when the type's topic is not compacted (a tombstone means nothing there)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordTombstone(EventType type, String subject) {
        boolean compacted = Topics.platformTopics().stream().anyMatch(topic -> topic.name().equals(type.topic()) && topic.compacted());
        if (!compacted) {
            throw new IllegalArgumentException(type.topic() + " is not compacted; tombstones belong on compacted topics only");
        }
        UUID eventId = UUID.randomUUID();
        repository.persist(new OutboxEvent(eventId, aggregateType(type), subject, type.ceType(), type.topic(),
                Instant.now(), null, null, actor.name()));
        wakeRelayAfterCommit();
        return eventId;
    }

    /** {@code kam.customer.registered.v1} is the action {@code customer.registered}. */
    private static String action(EventType type) {
        String[] parts = type.ceType().split("\\.");
        return parts[1] + "." + parts[2];
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
