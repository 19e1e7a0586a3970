package dev.kam.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;

/**
 * Signs RS256 JWTs the way the platform's identity provider would: roles in the {@code groups} claim,
 * the platform's issuer and audience. For local use and tests.
 */
public final class DevTokens {

    /** The issuer and audience the services expect unless configured otherwise. */
    public static final String ISSUER = "https://kam.local/issuer";
    public static final String AUDIENCE = "kam";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private DevTokens() {
    }

    public static String sign(PrivateKey key, String subject, Collection<String> roles, Duration validity) {
        Instant now = Instant.now();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("aud", AUDIENCE)
                .put("sub", subject)
                .put("upn", subject)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond() - 5)
                .put("exp", now.plus(validity).getEpochSecond());
        roles.forEach(claims.putArray("groups")::add);
        return sign(key, JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT"), claims);
    }

    /** Signs any header and claims as given: tests use it for tokens that must be refused. */
    public static String sign(PrivateKey key, ObjectNode header, ObjectNode claims) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
