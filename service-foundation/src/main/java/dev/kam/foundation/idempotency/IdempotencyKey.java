package dev.kam.foundation.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A client's {@code Idempotency-Key} with what it applies to: the operation and the caller ({@code scope}),
 * and a hash of the request, so the same key with another body can be told apart.
 */
public record IdempotencyKey(String scope, String value, String requestHash) {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 200;

    public static IdempotencyKey of(String operation, String caller, String value, byte[] canonicalRequest) {
        return withFingerprint(operation, caller, value, sha256(canonicalRequest));
    }

    /**
     * A key for a request whose body is streamed (an NDJSON import): {@code fingerprint} is the SHA-256 of the body's
     * bytes, known once it was read.
     *
     * @throws IllegalArgumentException when the key is blank or longer than {@value #MAX_LENGTH} characters
     */
    public static IdempotencyKey withFingerprint(String operation, String caller, String value, String fingerprint) {
        requireWellFormed(value);
        return new IdempotencyKey(scope(operation, caller), value, fingerprint);
    }

    /** What a key applies to: one caller's requests of one operation. */
    public static String scope(String operation, String caller) {
        return operation + " by " + caller;
    }

    /** @throws IllegalArgumentException when {@code value} cannot be a key: blank, or longer than {@value #MAX_LENGTH} characters */
    public static void requireWellFormed(String value) {
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(HEADER + " must have 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** The same key of the same caller for the same operation, whatever the request: what a stored answer is found by. */
    public boolean sameRequestAs(String otherRequestHash) {
        return requestHash.equals(otherRequestHash);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
