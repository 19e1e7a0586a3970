package dev.kam.foundation.idempotency;

/** The same Idempotency-Key came with a different request: answered 422, nothing is done. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was used before with a different request; use a new key for a new request");
    }
}
