package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.console.config.ConsoleSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The organisation's OpenID Connect provider, for {@code kam.console.sign-in=oidc}: its discovery document, its signing
 * keys (JWKS, fetched again when a token names a key not seen yet) and the authorization-code flow with PKCE. The
 * console keeps the access token it gets as the session, and passes it to the services, which verify it with the same
 * provider's keys ({@code KAM_JWT_PUBLIC_KEY_LOCATION}).
 */
@ApplicationScoped
public class IdentityProvider {

    /** What the browser carries between the redirect to the provider and its return: checked, then discarded. */
    public record PendingSignIn(String state, String nonce, String codeVerifier, String next) {

        public String cookieValue() {
            return String.join("~", state, nonce, codeVerifier, URLEncoder.encode(next, StandardCharsets.UTF_8));
        }

        public static Optional<PendingSignIn> fromCookie(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String[] parts = value.split("~", -1);
            if (parts.length != 4 || parts[0].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PendingSignIn(parts[0], parts[1], parts[2], java.net.URLDecoder.decode(parts[3], StandardCharsets.UTF_8)));
        }
    }

    /** The provider's answer to a code: the access token the session carries and the ID token's nonce. */
    public record Tokens(String accessToken, String idTokenNonce) {
    }

    /** A provider that could not be reached or refused: shown to the person with its words. */
    public static final class ProviderException extends RuntimeException {
        public ProviderException(String message) {
            super(message);
        }
    }

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Duration KEY_REFRESH_PAUSE = Duration.ofSeconds(30);

    private final ConsoleSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private volatile JsonNode discovery;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant keysFetched = Instant.EPOCH;

    IdentityProvider(ConsoleSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public PendingSignIn newSignIn(String next) {
        return new PendingSignIn(randomToken(), randomToken(), randomToken() + randomToken(), next);
    }

    /** Where the browser goes to sign in: the provider's authorization endpoint with this sign-in's state, nonce and PKCE challenge. */
    public URI authorizationUri(PendingSignIn pending, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", settings.oidc().scopes());
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", challenge(pending.codeVerifier()));
        query.put("code_challenge_method", "S256");
        return URI.create(endpoint("authorization_endpoint") + (endpoint("authorization_endpoint").contains("?") ? "&" : "?") + form(query));
    }

    /** The code the provider sent the browser back with, exchanged for tokens (client_secret_basic, with the PKCE verifier). */
    public Tokens exchange(String code, PendingSignIn pending, String redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("client_id", clientId());
        body.put("code_verifier", pending.codeVerifier());
        String credentials = URLEncoder.encode(clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.oidc().clientSecret().orElse(""), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint("token_endpoint"))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        JsonNode answer = call(request, "the token endpoint");
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new ProviderException("the identity provider answered the code without an access token");
        }
        String nonce = null;
        String idToken = answer.path("id_token").asText("");
        if (!idToken.isEmpty()) {
            String[] parts = idToken.split("\\.");
            try {
                nonce = parts.length == 3 ? json.readTree(Base64.getUrlDecoder().decode(parts[1])).path("nonce").asText(null) : null;
            } catch (IOException | IllegalArgumentException e) {
                throw new ProviderException("the identity provider's ID token cannot be read");
            }
        }
        return new Tokens(accessToken, nonce);
    }

    /** Where signing out ends the provider's session too, when it offers RP-initiated logout. */
    public Optional<URI> endSessionUri(String afterwards) {
        String endpoint = discovery().path("end_session_endpoint").asText("");
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId());
        query.put("post_logout_redirect_uri", afterwards);
        return Optional.of(URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query)));
    }

    /** The provider's key of that id; the keys are fetched again (at most every 30 s) when the id is new, as after a rotation. */
    public Optional<PublicKey> key(String keyId) {
        PublicKey key = pick(keys, keyId);
        if (key == null && Duration.between(keysFetched, clock.instant()).compareTo(KEY_REFRESH_PAUSE) >= 0) {
            synchronized (this) {
                if (Duration.between(keysFetched, clock.instant()).compareTo(KEY_REFRESH_PAUSE) >= 0) {
                    keysFetched = clock.instant();
                    keys = fetchKeys();
                }
            }
            key = pick(keys, keyId);
        }
        return Optional.ofNullable(key);
    }

    private static PublicKey pick(Map<String, PublicKey> keys, String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return keys.size() == 1 ? keys.values().iterator().next() : null;
        }
        return keys.get(keyId);
    }

    private Map<String, PublicKey> fetchKeys() {
        JsonNode set = call(HttpRequest.newBuilder(URI.create(endpoint("jwks_uri"))).timeout(Duration.ofSeconds(10)).GET().build(), "the key set");
        Map<String, PublicKey> fetched = new LinkedHashMap<>();
        for (JsonNode key : set.path("keys")) {
            if (!"RSA".equals(key.path("kty").asText()) || "enc".equals(key.path("use").asText())) {
                continue;
            }
            try {
                BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
                BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()));
                fetched.put(key.path("kid").asText(""), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            } catch (GeneralSecurityException | IllegalArgumentException unusable) {
                // a key of the set this console cannot use is skipped; a token signed with it is refused
            }
        }
        return Map.copyOf(fetched);
    }

    private JsonNode discovery() {
        JsonNode known = discovery;
        if (known == null) {
            String provider = settings.oidc().provider()
                    .orElseThrow(() -> new IllegalStateException("kam.console.oidc.provider is not set: sign-in=oidc needs the provider's address"));
            String location = provider.replaceFirst("/+$", "") + "/.well-known/openid-configuration";
            known = call(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(10)).GET().build(), "the discovery document");
            discovery = known;
        }
        return known;
    }

    private String endpoint(String name) {
        String endpoint = discovery().path(name).asText("");
        if (endpoint.isEmpty()) {
            throw new ProviderException("the identity provider's discovery document names no " + name);
        }
        return endpoint;
    }

    private String clientId() {
        return settings.oidc().clientId()
                .orElseThrow(() -> new IllegalStateException("kam.console.oidc.client-id is not set: sign-in=oidc needs the console's client id"));
    }

    private JsonNode call(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                String error = body.path("error").asText("status " + response.statusCode());
                String description = body.path("error_description").asText("");
                throw new ProviderException("the identity provider refused (" + what + "): " + error + (description.isEmpty() ? "" : ", " + description));
            }
            return body;
        } catch (IOException e) {
            throw new ProviderException("the identity provider did not answer (" + what + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the identity provider");
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
