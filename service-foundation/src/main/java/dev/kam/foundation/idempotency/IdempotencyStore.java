package dev.kam.foundation.idempotency;

import dev.kam.foundation.persistence.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the answers given to idempotency keys, inside the transaction of the operation itself: either
 * the effect and its stored answer commit together, or neither does.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** How long a key is remembered; sync jobs retry within minutes, not days. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private final EntityManager entityManager;

    IdempotencyStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims {@code key} for this transaction. A concurrent request with the same key waits here until the
     * first one ends, then gets its answer.
     *
     * @return the stored answer when the key was used before with the same request; empty when it is new
     * @throws IdempotencyKeyReusedException when it was used before with another request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(IdempotencyKey key) {
        int claimed = Jdbc.update(entityManager, """
                INSERT INTO idempotency_record (scope, idempotency_key, request_hash, status)
                VALUES (?, ?, ?, 0) ON CONFLICT (scope, idempotency_key) DO NOTHING""", (connection, statement) -> {
            statement.setString(1, key.scope());
            statement.setString(2, key.value());
            statement.setString(3, key.requestHash());
        });
        if (claimed == 1) {
            return Optional.empty();
        }
        record Claimed(String requestHash, StoredResponse response) {
        }
        Claimed earlier = Jdbc.query(entityManager, """
                SELECT request_hash, status, body, location, etag FROM idempotency_record WHERE scope = ? AND idempotency_key = ?""",
                (connection, statement) -> {
                    statement.setString(1, key.scope());
                    statement.setString(2, key.value());
                }, row -> new Claimed(row.getString(1), new StoredResponse(row.getInt(2), row.getString(3), row.getString(4), row.getString(5))))
                .get(0);
        if (!key.requestHash().equals(earlier.requestHash())) {
            throw new IdempotencyKeyReusedException(key.value());
        }
        return Optional.of(earlier.response());
    }

    /** Stores the answer to a key claimed in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(IdempotencyKey key, StoredResponse response) {
        Jdbc.update(entityManager, """
                UPDATE idempotency_record SET status = ?, body = ?, location = ?, etag = ? WHERE scope = ? AND idempotency_key = ?""",
                (connection, statement) -> {
                    statement.setInt(1, response.status());
                    statement.setString(2, response.body());
                    statement.setString(3, response.location());
                    statement.setString(4, response.etag());
                    statement.setString(5, key.scope());
                    statement.setString(6, key.value());
                });
    }

    @Scheduled(every = "1h", delayed = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpiredKeys() {
        Jdbc.update(entityManager, "DELETE FROM idempotency_record WHERE created_at < ?",
                (connection, statement) -> Jdbc.setInstant(statement, 1, Instant.now().minus(RETENTION)));
    }
}
