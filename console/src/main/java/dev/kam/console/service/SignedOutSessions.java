package dev.kam.console.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions someone signed out of, until their token expires: a cookie copied before the sign-out must not sign anyone
 * in after it. Kept by the instance that signed the person out, as fingerprints of the tokens (never the tokens), each
 * forgotten when its token would have expired anyway; so the set holds at most the sign-outs of one session length.
 */
@ApplicationScoped
public class SignedOutSessions {

    /** Sign-outs kept at most; past it the ones whose tokens expire first make room (a flood of sign-outs cannot fill the heap). */
    static final int MOST = 100_000;

    private final Map<String, Instant> endedUntil = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** The session of {@code token}, valid until {@code expiresAt}, is over. */
    public void end(String token, Instant expiresAt) {
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return;
        }
        if (endedUntil.size() >= MOST) {
            endedUntil.values().removeIf(expiry -> !expiry.isAfter(now));
            while (endedUntil.size() >= MOST) {
                endedUntil.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(soonest -> endedUntil.remove(soonest.getKey()));
            }
        }
        endedUntil.put(fingerprint(token), expiresAt);
    }

    public boolean ended(String token) {
        Instant until = endedUntil.get(fingerprint(token));
        return until != null && until.isAfter(clock.instant());
    }

    private static String fingerprint(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
