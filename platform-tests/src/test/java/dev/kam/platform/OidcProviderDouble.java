package dev.kam.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The organisation's identity provider, as the console meets it in production: OpenID Connect discovery, a login page,
 * the authorization-code flow with PKCE (S256) for one confidential client, a JWKS and RP-initiated logout. What a real
 * provider checks, it checks: the client's secret, the redirect URI, that a code is used once and only with the
 * verifier of its challenge. Its access tokens are what an organisation configures for the platform: RS256, the
 * platform's issuer and audience, the role in {@code groups}, the employee id in {@code preferred_username} and an
 * opaque {@code sub}. It signs with the platform's local key, so the services started by {@code ./kam up} accept them.
 */
final class OidcProviderDouble implements AutoCloseable {

    static final String CLIENT_ID = "kam-console";
    static final String CLIENT_SECRET = "console-secret-for-tests";
    static final String KEY_ID = "kam-test-key-1";

    private record Grant(String redirectUri, String challenge, String nonce, String user, String role) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final PrivateKey signingKey;
    private final RSAPublicKey publicKey;
    private final String issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** What went wrong at the token endpoint, for the test to show when a sign-in fails. */
    final List<String> refusals = new CopyOnWriteArrayList<>();

    /** @param issuer the issuer the platform's services are configured to accept (KAM_JWT_ISSUER) */
    OidcProviderDouble(Path keys, String issuer) throws Exception {
        this.signingKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(keys.resolve("private.pem"))));
        this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pem(keys.resolve("public.pem"))));
        this.issuer = issuer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.createContext("/logout", this::logout);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        ObjectNode document = JSON.createObjectNode().put("issuer", url()).put("authorization_endpoint", url() + "/authorize")
                .put("token_endpoint", url() + "/token").put("jwks_uri", url() + "/jwks").put("end_session_endpoint", url() + "/logout");
        document.putArray("code_challenge_methods_supported").add("S256");
        send(exchange, 200, "application/json", JSON.writeValueAsString(document));
    }

    /** GET: the login page for the request; POST: the person signed in, back to the client with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                    || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
                send(exchange, 400, "text/plain", "unknown client or not the code flow with PKCE S256: " + query);
                return;
            }
            StringBuilder hidden = new StringBuilder();
            query.forEach((name, value) -> hidden.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"")
                    .append(escape(value)).append("\">"));
            send(exchange, 200, "text/html; charset=utf-8", """
                    <!DOCTYPE html><html lang="en"><head><title>Organisation sign-in</title></head><body><main>
                    <h1>Organisation sign-in</h1>
                    <form method="post" action="/authorize">%s
                    <label for="username">Username</label> <input id="username" name="username">
                    <label for="group">Group</label> <select id="group" name="group">
                    <option value="sales-ops">sales-ops</option><option value="key-account-manager">key-account-manager</option>
                    <option value="viewer">viewer</option></select>
                    <button type="submit" id="provider-sign-in">Sign in</button></form></main></body></html>""".formatted(hidden));
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(form.get("redirect_uri"), form.get("code_challenge"), form.get("nonce"), form.get("username"), form.get("group")));
        String back = form.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        send(exchange, 302, "text/plain", "");
    }

    private void token(HttpExchange exchange) throws IOException {
        String expectedBasic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code")); // a code is good once
        String refusal = null;
        if (!expectedBasic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refusal = "invalid_client";
        } else if (!"authorization_code".equals(form.get("grant_type")) || grant == null) {
            refusal = "invalid_grant";
        } else if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            refusal = "invalid_grant: another redirect_uri";
        } else if (form.get("code_verifier") == null || !grant.challenge().equals(challenge(form.get("code_verifier")))) {
            refusal = "invalid_grant: the code_verifier does not match the challenge";
        }
        if (refusal != null) {
            refusals.add(refusal);
            send(exchange, 400, "application/json", JSON.writeValueAsString(JSON.createObjectNode().put("error", refusal.split(":")[0])
                    .put("error_description", refusal)));
            return;
        }
        long now = Instant.now().getEpochSecond();
        ObjectNode access = JSON.createObjectNode().put("iss", issuer).put("aud", "kam").put("sub", UUID.randomUUID().toString())
                .put("preferred_username", grant.user()).put("iat", now).put("exp", now + 300).put("jti", UUID.randomUUID().toString());
        access.putArray("groups").add(grant.role());
        ObjectNode id = JSON.createObjectNode().put("iss", url()).put("aud", CLIENT_ID).put("sub", access.path("sub").asText())
                .put("nonce", grant.nonce()).put("iat", now).put("exp", now + 300);
        ObjectNode answer = JSON.createObjectNode().put("access_token", sign(access)).put("id_token", sign(id)).put("token_type", "Bearer")
                .put("expires_in", 300);
        send(exchange, 200, "application/json", JSON.writeValueAsString(answer));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys").addObject().put("kty", "RSA").put("kid", KEY_ID).put("use", "sig").put("alg", "RS256")
                .put("n", BASE64URL.encodeToString(unsigned(publicKey.getModulus().toByteArray())))
                .put("e", BASE64URL.encodeToString(unsigned(publicKey.getPublicExponent().toByteArray())));
        send(exchange, 200, "application/json", JSON.writeValueAsString(set));
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        exchange.getResponseHeaders().add("Location", query.getOrDefault("post_logout_redirect_uri", url()));
        send(exchange, 302, "text/plain", "");
    }

    private String sign(ObjectNode claims) {
        try {
            String input = BASE64URL.encodeToString(JSON.writeValueAsBytes(JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT")
                    .put("kid", KEY_ID))) + "." + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String challenge(String verifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static byte[] pem(Path file) throws IOException {
        return Base64.getMimeDecoder().decode(Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
