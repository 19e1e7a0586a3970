package dev.kam.foundation.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.kam.foundation.persistence.Jdbc;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of changes made by callers of the API, written in the transaction of the change so an
 * entry exists exactly when the change does. The service's own follow-up work (consuming events, rescoring)
 * is traceable through the events instead and is not repeated here.
 */
@ApplicationScoped
public class AuditTrail {

    /** What to look for; every part is optional. */
    public record Query(String entityType, String entityId, String actor, Instant since, long after, int limit) {
    }

    private final EntityManager entityManager;
    private final CurrentActor actor;
    private final ObjectMapper objectMapper;

    AuditTrail(EntityManager entityManager, CurrentActor actor, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.actor = actor;
        this.objectMapper = objectMapper;
    }

    /** Records a change by the current caller; does nothing for the service's own work. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String entityType, String entityId, Object details) {
        actor.caller().ifPresent(caller -> insert(caller, action, entityType, entityId, null, details));
    }

    /** The change an event reports, made by {@code caller}. */
    public record EventEntry(String caller, String action, String entityType, String entityId, UUID eventId, Object details) {
    }

    /** Records the changes events report, with one round trip. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEvents(List<EventEntry> entries) {
        Instant now = Instant.now();
        Jdbc.batch(entityManager, INSERT, entries, (insert, entry) -> bind(insert, now, entry.caller(), entry.action(),
                entry.entityType(), entry.entityId(), entry.eventId(), entry.details()));
    }

    /** Entries after {@code query.after()} in order, each filter left out when null. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> find(Query query) {
        return Jdbc.query(entityManager, """
                SELECT position, occurred_at, actor, action, entity_type, entity_id, event_id, CAST(details AS text)
                FROM audit_entry
                WHERE position > ?
                  AND (CAST(? AS text) IS NULL OR entity_type = ?)
                  AND (CAST(? AS text) IS NULL OR entity_id = ?)
                  AND (CAST(? AS text) IS NULL OR actor = ?)
                  AND occurred_at >= ?
                ORDER BY position LIMIT ?""", (connection, statement) -> {
            statement.setLong(1, query.after());
            statement.setString(2, query.entityType());
            statement.setString(3, query.entityType());
            statement.setString(4, query.entityId());
            statement.setString(5, query.entityId());
            statement.setString(6, query.actor());
            statement.setString(7, query.actor());
            Jdbc.setInstant(statement, 8, query.since() == null ? Instant.EPOCH : query.since());
            statement.setInt(9, query.limit());
        }, row -> new AuditEntry(row.getLong(1), Jdbc.instant(row, 2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getObject(7, UUID.class), json(row.getString(8))));
    }

    private static final String INSERT = """
            INSERT INTO audit_entry (occurred_at, actor, action, entity_type, entity_id, event_id, details)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""";

    private void insert(String caller, String action, String entityType, String entityId, UUID eventId, Object details) {
        Jdbc.batch(entityManager, INSERT, List.of(caller), (insert, who) -> bind(insert, Instant.now(), who, action, entityType,
                entityId, eventId, details));
    }

    private void bind(PreparedStatement insert, Instant at, String caller, String action, String entityType, String entityId,
                      UUID eventId, Object details) throws java.sql.SQLException {
        Jdbc.setInstant(insert, 1, at);
        insert.setString(2, caller);
        insert.setString(3, action);
        insert.setString(4, entityType);
        insert.setString(5, entityId);
        insert.setObject(6, eventId, Types.OTHER);
        insert.setString(7, details == null ? null : write(details));
    }

    private String write(Object details) {
        try {
            return objectMapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be written as JSON", e);
        }
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not JSON", e);
        }
    }
}
