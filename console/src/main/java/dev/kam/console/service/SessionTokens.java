package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.console.config.ConsoleSettings;
import dev.kam.console.domain.ConsoleUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tokens a session carries: signed by the local key at a local sign-in (the way {@code ./kam token} signs them, so
 * the services accept them), and checked on every request with the key the services verify with, so that a cookie
 * someone made up is never shown as a signed-in user.
 */
@ApplicationScoped
public class SessionTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder FROM_BASE64URL = Base64.getUrlDecoder();

    private final ConsoleSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final PublicKey publicKey;

    SessionTokens(ConsoleSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.publicKey = publicKey(read(settings.publicKeyLocation()));
    }

    /** A token for {@code subject} in {@code role}, valid for the configured session length. */
    public ConsoleUser signIn(String subject, String role) {
        String location = settings.signingKeyLocation()
                .orElseThrow(() -> new IllegalStateException("kam.console.signing-key-location is not set: local sign-in needs the local key"));
        Instant now = clock.instant();
        Instant expires = now.plus(settings.session());
        ObjectNode claims = json.createObjectNode().put("iss", settings.issuer()).put("aud", settings.audience()).put("sub", subject)
                .put("upn", subject).put("jti", UUID.randomUUID().toString()).put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond() - 5).put("exp", expires.getEpochSecond());
        claims.putArray("groups").add(role);
        String signingInput = encode(json.createObjectNode().put("alg", "RS256").put("typ", "JWT")) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey(read(location)));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String token = signingInput + "." + BASE64URL.encodeToString(signature.sign());
            return new ConsoleUser(subject, List.of(role), token, Instant.ofEpochSecond(expires.getEpochSecond()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }

    /** The user of a session token: only a token signed with the platform's key, of its issuer and audience, not expired. */
    public Optional<ConsoleUser> user(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = json.readTree(FROM_BASE64URL.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(FROM_BASE64URL.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(FROM_BASE64URL.decode(parts[1]));
            Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong(0));
            boolean audienceMatches = claims.path("aud").isArray() ? contains(claims.path("aud"), settings.audience())
                    : settings.audience().equals(claims.path("aud").asText());
            if (!expires.isAfter(clock.instant()) || !settings.issuer().equals(claims.path("iss").asText()) || !audienceMatches
                    || claims.path("sub").asText().isBlank()) {
                return Optional.empty();
            }
            List<String> roles = new ArrayList<>();
            claims.path("groups").forEach(group -> roles.add(group.asText()));
            return Optional.of(new ConsoleUser(claims.path("sub").asText(), roles, token, expires));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    private String encode(ObjectNode node) {
        try {
            return BASE64URL.encodeToString(json.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String location) {
        Path path = Path.of(location.replaceFirst("^file:", ""));
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key " + path, e);
        }
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the public key is no RSA key in PEM", e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key is no RSA key in PEM (PKCS#8)", e);
        }
    }
}
