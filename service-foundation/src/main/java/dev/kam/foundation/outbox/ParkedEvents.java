package dev.kam.foundation.outbox;

import dev.kam.foundation.audit.AuditTrail;
import dev.kam.foundation.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox events Kafka refused for good (see {@link OutboxRelay}), for an operator: what they are, why they
 * were refused and how many later events of their subject wait behind them; retry one (after fixing the cause,
 * e.g. the topic's size limit) or drop it (the events behind it then flow on, and its subject's consumers see a
 * gap in its sequence).
 */
@ApplicationScoped
public class ParkedEvents {

    /** A parked event as an operator sees it. */
    public record ParkedEvent(UUID eventId, long position, String type, String topic, String subject, Instant occurredAt,
                              Instant parkedAt, int attempts, String lastError, long payloadBytes, long heldBehind) {
    }

    /** How much of the outbox waits: events the relay works on, parked events, and events held behind them. */
    public record Backlog(long pending, double oldestPendingAgeSeconds, long parked, long held) {
    }

    private static final String SELECT = """
            SELECT o.event_id, o.position, o.event_type, o.topic, o.aggregate_id, o.occurred_at, o.parked_at, o.attempts,
                   o.last_error, coalesce(octet_length(o.payload), 0),
                   (SELECT count(*) FROM outbox_event h WHERE h.topic = o.topic AND h.aggregate_id = o.aggregate_id
                      AND h.position > o.position AND h.published_at IS NULL AND h.dropped_at IS NULL)
            FROM outbox_event o
            WHERE o.parked_at IS NOT NULL AND o.published_at IS NULL AND o.dropped_at IS NULL""";

    /**
     * Every part reads through a partial index (pending, parked): the outbox keeps published events for its
     * retention, and a scan of all of them on every gauge refresh took 0.6 s on three cores at 800,000 rows.
     */
    static final String BACKLOG = """
            WITH parked AS (SELECT topic, aggregate_id, min(position) AS first FROM outbox_event
                            WHERE parked_at IS NOT NULL AND published_at IS NULL AND dropped_at IS NULL
                            GROUP BY topic, aggregate_id),
                 waiting AS (SELECT o.occurred_at, p.first IS NOT NULL AS held
                             FROM outbox_event o LEFT JOIN parked p
                               ON p.topic = o.topic AND p.aggregate_id = o.aggregate_id AND o.position > p.first
                             WHERE o.published_at IS NULL AND o.parked_at IS NULL AND o.dropped_at IS NULL)
            SELECT count(*) FILTER (WHERE NOT held),
                   coalesce(EXTRACT(EPOCH FROM now() - min(occurred_at) FILTER (WHERE NOT held)), 0),
                   (SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL AND published_at IS NULL AND dropped_at IS NULL),
                   count(*) FILTER (WHERE held)
            FROM waiting""";

    private final EntityManager entityManager;
    private final AuditTrail auditTrail;
    private final OutboxRelay relay;

    ParkedEvents(EntityManager entityManager, AuditTrail auditTrail, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.auditTrail = auditTrail;
        this.relay = relay;
    }

    /** Parked events after {@code afterPosition}, oldest first. */
    @Transactional
    public List<ParkedEvent> list(long afterPosition, int limit) {
        return Jdbc.query(entityManager, SELECT + " AND o.position > ? ORDER BY o.position LIMIT ?", (connection, select) -> {
            select.setLong(1, afterPosition);
            select.setInt(2, limit);
        }, ParkedEvents::read);
    }

    @Transactional
    public Optional<ParkedEvent> find(UUID eventId) {
        return Jdbc.query(entityManager, SELECT + " AND o.event_id = ?", (connection, select) -> select.setObject(1, eventId),
                ParkedEvents::read).stream().findFirst();
    }

    /** Sends the event again, then the events held behind it. */
    @Transactional
    public Optional<ParkedEvent> retry(UUID eventId) {
        return settle(eventId, "UPDATE outbox_event SET parked_at = NULL WHERE event_id = ?", "outbox.event-retried");
    }

    /** Gives the event up: it is never published, and the events held behind it flow on. */
    @Transactional
    public Optional<ParkedEvent> drop(UUID eventId) {
        return settle(eventId, "UPDATE outbox_event SET dropped_at = now() WHERE event_id = ?", "outbox.event-dropped");
    }

    /** An operator's decision on a parked event: applied, audited, and the relay woken to act on it. */
    private Optional<ParkedEvent> settle(UUID eventId, String update, String action) {
        Optional<ParkedEvent> parked = find(eventId);
        parked.ifPresent(event -> {
            Jdbc.update(entityManager, update, (connection, statement) -> statement.setObject(1, eventId));
            auditTrail.record(action, "outbox-event", eventId.toString(), details(event));
            relay.wakeUp(); // or the next poll, if it looks before this commits
        });
        return parked;
    }

    /** The outbox's backlog by state, read in one statement (for the sampled gauges and the health check). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Backlog backlog() {
        return Jdbc.query(entityManager, BACKLOG,
                row -> new Backlog(row.getLong(1), row.getDouble(2), row.getLong(3), row.getLong(4))).get(0);
    }

    private static Map<String, Object> details(ParkedEvent event) {
        return Map.of("type", event.type(), "topic", event.topic(), "subject", event.subject(),
                "lastError", String.valueOf(event.lastError()));
    }

    private static ParkedEvent read(ResultSet row) throws SQLException {
        return new ParkedEvent(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                row.getTimestamp(6).toInstant(), row.getTimestamp(7).toInstant(), row.getInt(8), row.getString(9), row.getLong(10),
                row.getLong(11));
    }
}
