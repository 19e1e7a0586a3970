package dev.kam.foundation.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        int claimed = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_record (scope, idempotency_key, request_hash, status)
                        VALUES (?1, ?2, ?3, 0) ON CONFLICT (scope, idempotency_key) DO NOTHING""")
                .setParameter(1, key.scope())
                .setParameter(2, key.value())
                .setParameter(3, key.requestHash())
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT request_hash, status, body, location, etag FROM idempotency_record
                        WHERE scope = ?1 AND idempotency_key = ?2""")
                .setParameter(1, key.scope())
                .setParameter(2, key.value())
                .getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (!key.requestHash().equals(row[0])) {
            throw new IdempotencyKeyReusedException(key.value());
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]));
    }

    /** Stores the answer to a key claimed in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(IdempotencyKey key, StoredResponse response) {
        entityManager.createNativeQuery("""
                        UPDATE idempotency_record SET status = ?3, body = ?4, location = ?5, etag = ?6
                        WHERE scope = ?1 AND idempotency_key = ?2""")
                .setParameter(1, key.scope())
                .setParameter(2, key.value())
                .setParameter(3, response.status())
                .setParameter(4, response.body())
                .setParameter(5, response.location())
                .setParameter(6, response.etag())
                .executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpiredKeys() {
        entityManager.createNativeQuery("DELETE FROM idempotency_record WHERE created_at < ?1")
                .setParameter(1, Timestamp.from(Instant.now().minus(RETENTION)))
                .executeUpdate();
    }
}
