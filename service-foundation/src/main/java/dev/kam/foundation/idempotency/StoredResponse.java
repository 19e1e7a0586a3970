package dev.kam.foundation.idempotency;

/** The first answer given to an idempotency key, as it is replayed. */
public record StoredResponse(int status, String body, String location, String etag) {
}
