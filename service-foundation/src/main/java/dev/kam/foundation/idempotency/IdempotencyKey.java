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
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(HEADER + " must have 1 to " + MAX_LENGTH + " characters");
        }
        return new IdempotencyKey(operation + " by " + caller, value, sha256(canonicalRequest));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
