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
 * the services accept them), or the access token the organisation's identity provider issued at an OpenID Connect
 * sign-in. Either is checked on every request, with the local public key or the provider's published keys, for its
 * issuer, audience and expiry, as the services check it, so that a cookie someone made up is never shown as a signed-in
 * user.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // a sign-in that is not configured stops the start, not the first person
public class SessionTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder FROM_BASE64URL = Base64.getUrlDecoder();

    private final ConsoleSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final IdentityProvider provider;
    private final PublicKey localKey;

    SessionTokens(ConsoleSettings settings, ObjectMapper json, IdentityProvider provider) {
        this.settings = settings;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.provider = provider;
        if (!List.of("local", "oidc").contains(settings.signIn())) {
            throw new IllegalStateException("kam.console.sign-in is " + settings.signIn() + ": local or oidc");
        }
        if (settings.signsInThroughProvider()) {
            if (settings.oidc().provider().isEmpty() || settings.oidc().clientId().isEmpty() || settings.oidc().clientSecret().isEmpty()) {
                throw new IllegalStateException("kam.console.sign-in=oidc needs kam.console.oidc.provider, client-id and client-secret "
                        + "(KAM_CONSOLE_OIDC_PROVIDER, KAM_CONSOLE_OIDC_CLIENT_ID, KAM_CONSOLE_OIDC_CLIENT_SECRET)");
            }
            this.localKey = null;
        } else {
            String location = settings.publicKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "kam.console.public-key-location is not set: a local sign-in's tokens are checked with the local public key"));
            this.localKey = publicKey(read(location));
        }
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
            PublicKey key = localKey != null ? localKey : provider.key(header.path("kid").asText("")).orElse(null);
            if (key == null) {
                return Optional.empty();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(FROM_BASE64URL.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(FROM_BASE64URL.decode(parts[1]));
            Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong(0));
            boolean audienceMatches = claims.path("aud").isArray() ? contains(claims.path("aud"), settings.audience())
                    : settings.audience().equals(claims.path("aud").asText());
            String subject = principal(claims);
            if (!expires.isAfter(clock.instant()) || !settings.issuer().equals(claims.path("iss").asText()) || !audienceMatches
                    || subject.isBlank()) {
                return Optional.empty();
            }
            List<String> roles = new ArrayList<>();
            claims.path("groups").forEach(group -> roles.add(group.asText()));
            return Optional.of(new ConsoleUser(subject, roles, token, expires));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IdentityProvider.ProviderException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The name the services know the user by, chosen as MicroProfile JWT chooses it ({@code upn}, else
     * {@code preferred_username}, else {@code sub}): a key account manager's employee id, which the team service
     * matches to the teams they lead. A provider's {@code sub} is often an opaque id.
     */
    static String principal(JsonNode claims) {
        for (String claim : List.of("upn", "preferred_username", "sub")) {
            String value = claims.path(claim).asText("");
            if (!value.isBlank()) {
                return value;
            }
        }
        return "";
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
