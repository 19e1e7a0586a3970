package dev.kam.foundation.idempotency;

import dev.kam.foundation.persistence.Jdbc;
import dev.kam.foundation.rest.NdjsonLines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    /**
     * Runs {@code work} once per key, in the caller's transaction: a retry with the same key and request gets the stored
     * first answer and runs nothing; a concurrent one waits for the first and gets its answer too.
     *
     * @throws IdempotencyKeyReusedException when the key was used before with another request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer once(IdempotencyKey key, java.util.function.Supplier<StoredResponse> work) {
        Optional<StoredResponse> first = claim(key);
        if (first.isPresent()) {
            return new Answer(first.get(), true);
        }
        StoredResponse response = work.get();
        complete(key, response);
        return new Answer(response, false);
    }

    /**
     * A request whose body is streamed (an NDJSON import), with an optional {@code Idempotency-Key}. When the key was
     * answered before, the body is read to its end and nothing else is done: the same body gets the stored first answer,
     * another one the 422. Otherwise {@code perform} reads the body and does the work, then {@code commit} finishes it in
     * one transaction with storing its answer under the key. When a request with the same key got there first meanwhile,
     * {@code undo} takes back what {@code perform} did (that request's answer is given, or the 422 for another body).
     *
     * @param key null: no key, the work is done every time
     */
    public <T> Answer onceStreamed(String operation, String caller, String key, NdjsonLines body, java.util.function.Supplier<T> perform,
                                   java.util.function.Function<T, StoredResponse> commit, java.util.function.Consumer<T> undo) {
        if (key != null) {
            IdempotencyKey.requireWellFormed(key);
            if (QuarkusTransaction.requiringNew().call(() -> answeredBefore(IdempotencyKey.scope(operation, caller), key))) {
                try {
                    body.drain();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("the request's body broke off", e);
                }
                IdempotencyKey retried = IdempotencyKey.withFingerprint(operation, caller, key, body.fingerprint());
                StoredResponse first = QuarkusTransaction.requiringNew().call(() -> answered(retried)).orElseThrow(() ->
                        new IllegalStateException("the answer to " + IdempotencyKey.HEADER + " " + key + " expired while the body was read"));
                return new Answer(first, true);
            }
        }
        T done = perform.get();
        if (key == null) {
            return new Answer(QuarkusTransaction.requiringNew().call(() -> commit.apply(done)), false);
        }
        IdempotencyKey full = IdempotencyKey.withFingerprint(operation, caller, key, body.fingerprint());
        Answer answer;
        try {
            answer = QuarkusTransaction.requiringNew().call(() -> once(full, () -> commit.apply(done)));
        } catch (IdempotencyKeyReusedException e) {
            undo.accept(done);
            throw e;
        }
        if (answer.replayed()) {
            undo.accept(done);
        }
        return answer;
    }

    /** An answer to a request with an idempotency key; {@code replayed}: the stored first answer, nothing was done. */
    public record Answer(StoredResponse response, boolean replayed) {
        public jakarta.ws.rs.core.Response toResponse() {
            return response.toResponse(replayed);
        }
    }

    /**
     * The answer stored for {@code key}, looked up without claiming it: for a streamed request, which can tell whether it
     * is a retry only before doing anything, by reading its body to the end.
     *
     * @return the stored answer when the key was answered before with the same request; empty when it was not answered yet
     * @throws IdempotencyKeyReusedException when it was answered before for another request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> answered(IdempotencyKey key) {
        record Stored(String requestHash, StoredResponse response) {
        }
        List<Stored> stored = Jdbc.query(entityManager, """
                SELECT request_hash, status, body, location, etag FROM idempotency_record
                WHERE scope = ? AND idempotency_key = ? AND status <> 0""", (connection, statement) -> {
            statement.setString(1, key.scope());
            statement.setString(2, key.value());
        }, row -> new Stored(row.getString(1), new StoredResponse(row.getInt(2), row.getString(3), row.getString(4), row.getString(5))));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!key.sameRequestAs(stored.get(0).requestHash())) {
            throw new IdempotencyKeyReusedException(key.value());
        }
        return Optional.of(stored.get(0).response());
    }

    /**
     * Whether {@code value} of this caller and operation ({@link IdempotencyKey#scope}) was answered, whatever the request:
     * a streamed request asks first, and reads its body to the end without doing anything when it was.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean answeredBefore(String scope, String value) {
        return !Jdbc.query(entityManager, "SELECT 1 FROM idempotency_record WHERE scope = ? AND idempotency_key = ? AND status <> 0",
                (connection, statement) -> {
                    statement.setString(1, scope);
                    statement.setString(2, value);
                }, row -> 1).isEmpty();
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
