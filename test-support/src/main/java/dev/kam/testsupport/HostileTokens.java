package dev.kam.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.DevTokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every kind of bearer token a service must refuse with 401, each otherwise carrying every role, so a
 * service that let one through would also authorise it.
 */
public final class HostileTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final List<String> ALL_ROLES = List.of("crm-integration", "key-account-manager", "sales-ops", "viewer");

    /** By name: none (no header at all is tested separately), expired, not yet valid, ... */
    public static Map<String, String> all() {
        Map<String, String> tokens = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        ObjectNode rs256 = header("RS256");
        tokens.put("expired", TestTokens.signed(rs256, claims().put("iat", now - 7200).put("nbf", now - 7200).put("exp", now - 3600)));
        tokens.put("not yet valid", TestTokens.signed(rs256, claims().put("nbf", now + 3600).put("exp", now + 7200)));
        tokens.put("wrong issuer", TestTokens.signed(rs256, claims().put("iss", "https://evil.example/issuer")));
        tokens.put("wrong audience", TestTokens.signed(rs256, claims().put("aud", "someone-else")));
        tokens.put("no expiry", TestTokens.signed(rs256, withoutExpiry()));
        String valid = TestTokens.signed(rs256, claims());
        String[] parts = valid.split("\\.");
        tokens.put("alg none", encode(header("none")) + "." + parts[1] + ".");
        tokens.put("alg none with signature", encode(header("none")) + "." + parts[1] + "." + parts[2]);
        ObjectNode otherClaims = claims().put("sub", "someone-else");
        tokens.put("tampered claims", parts[0] + "." + encode(otherClaims) + "." + parts[2]);
        tokens.put("tampered signature", parts[0] + "." + parts[1] + "." + flipFirstCharacter(parts[2]));
        tokens.put("unknown key", DevTokens.sign(foreignKeys().privateKey(), header("RS256"), claims()));
        tokens.put("HS256 with the public key as secret", hs256WithPublicKey());
        tokens.put("not a JWT", "not-a-jwt");
        return tokens;
    }

    private static String hs256WithPublicKey() {
        try {
            byte[] secret = Files.readAllBytes(KamInfrastructureResource.keys().publicKeyFile());
            String signingInput = encode(header("HS256")) + "." + encode(claims());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DevKeys foreignKeys;

    /** A key pair the services do not trust, made once per test JVM. */
    private static synchronized DevKeys foreignKeys() {
        if (foreignKeys == null) {
            try {
                Path directory = Files.createTempDirectory("kam-foreign-keys");
                directory.toFile().deleteOnExit();
                foreignKeys = DevKeys.ensure(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return foreignKeys;
    }

    private static ObjectNode header(String algorithm) {
        return JSON.createObjectNode().put("alg", algorithm).put("typ", "JWT");
    }

    private static ObjectNode claims() {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", DevTokens.ISSUER).put("aud", DevTokens.AUDIENCE).put("sub", "intruder").put("upn", "intruder")
                .put("jti", UUID.randomUUID().toString()).put("iat", now).put("nbf", now - 5)
                .put("exp", now + Duration.ofMinutes(10).toSeconds());
        ALL_ROLES.forEach(claims.putArray("groups")::add);
        return claims;
    }

    private static ObjectNode withoutExpiry() {
        ObjectNode claims = claims();
        claims.remove("exp");
        return claims;
    }

    private static String flipFirstCharacter(String text) {
        return (text.charAt(0) == 'A' ? 'B' : 'A') + text.substring(1);
    }

    private static String encode(ObjectNode node) {
        return BASE64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private HostileTokens() {
    }
}
