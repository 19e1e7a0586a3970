package dev.kam.foundation.inbox;

import dev.kam.foundation.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The consumed-event ledger of the idempotent consumer (table {@code processed_event}). */
@ApplicationScoped
public class ProcessedEventRepository {

    private final EntityManager entityManager;

    ProcessedEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records that {@code consumer} processed {@code eventId}, in the current transaction.
     *
     * @return false when it had been recorded before: the event is a duplicate. A concurrent delivery of the
     * same event waits on the primary key until this transaction ends, then gets false.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, String eventId, String eventType) {
        return Jdbc.update(entityManager, """
                INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?) ON CONFLICT (consumer, event_id) DO NOTHING""",
                (connection, statement) -> {
                    statement.setString(1, consumer);
                    statement.setString(2, eventId);
                    statement.setString(3, eventType);
                }) == 1;
    }

    /**
     * Records that {@code consumer} processed each of {@code events}, in the current transaction, with one
     * statement.
     *
     * @return the ids recorded now; the others had been recorded before (duplicates). As with
     * {@link #markProcessed}, a concurrent delivery waits for this transaction and then finds them recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> markAllProcessed(String consumer, List<IncomingEvent> events) {
        return new HashSet<>(Jdbc.query(entityManager, """
                        INSERT INTO processed_event (consumer, event_id, event_type)
                        SELECT ?, event.id, event.type FROM unnest(?::text[], ?::text[]) AS event (id, type)
                        ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id""",
                (connection, insert) -> {
                    insert.setString(1, consumer);
                    insert.setArray(2, connection.createArrayOf("text", events.stream().map(IncomingEvent::id).toArray()));
                    insert.setArray(3, connection.createArrayOf("text", events.stream().map(event -> event.type().ceType()).toArray()));
                }, row -> row.getString(1)));
    }

    @Transactional
    public boolean isProcessed(String consumer, String eventId) {
        return !Jdbc.query(entityManager, "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?", (connection, statement) -> {
            statement.setString(1, consumer);
            statement.setString(2, eventId);
        }, row -> row.getInt(1)).isEmpty();
    }
}
