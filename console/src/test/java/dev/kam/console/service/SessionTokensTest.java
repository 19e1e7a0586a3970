package dev.kam.console.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.console.config.ConsoleSettings;
import dev.kam.console.domain.ConsoleUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokensTest {

    @TempDir
    static Path keys;

    static SessionTokens tokens;
    static SessionTokens otherPlatform;

    @BeforeAll
    static void keys() throws Exception {
        tokens = local(settings(writeKeys(keys.resolve("ours")), Duration.ofHours(8)));
        otherPlatform = local(settings(writeKeys(keys.resolve("theirs")), Duration.ofHours(8)));
    }

    @Test
    void aLocalSignInIsReadBackWithItsSubjectAndRole() {
        ConsoleUser signedIn = tokens.signIn("KAM-03", ConsoleUser.KEY_ACCOUNT_MANAGER);
        Optional<ConsoleUser> read = tokens.user(signedIn.token());
        assertThat(read).isPresent();
        assertThat(read.get().subject()).isEqualTo("KAM-03");
        assertThat(read.get().roles()).containsExactly(ConsoleUser.KEY_ACCOUNT_MANAGER);
    }

    @Test
    void aTokenOfAnotherKeyATamperedOneAndGarbageAreNobody() {
        String theirs = otherPlatform.signIn("intruder", ConsoleUser.SALES_OPS).token();
        assertThat(tokens.user(theirs)).isEmpty();

        String ours = tokens.signIn("viewer-1", ConsoleUser.VIEWER).token();
        String[] parts = ours.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"viewer\"", "\"sales-ops\"");
        String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
        assertThat(tokens.user(promoted)).as("a role written into a signed token").isEmpty();

        assertThat(tokens.user(null)).isEmpty();
        assertThat(tokens.user("")).isEmpty();
        assertThat(tokens.user("a.b")).isEmpty();
        assertThat(tokens.user("not.a.token")).isEmpty();
    }

    @Test
    void anExpiredSessionIsNobody() throws Exception {
        SessionTokens expiring = local(settings(keys.resolve("ours"), Duration.ofSeconds(-10)));
        assertThat(tokens.user(expiring.signIn("late", ConsoleUser.VIEWER).token())).isEmpty();
    }

    @Test
    void theUserIsNamedAsTheServicesNameThemUpnThenPreferredUsernameThenSubject() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(SessionTokens.principal(json.readTree("{\"sub\": \"8f2c-opaque\", \"preferred_username\": \"KAM-03\"}"))).isEqualTo("KAM-03");
        assertThat(SessionTokens.principal(json.readTree("{\"sub\": \"s\", \"preferred_username\": \"p\", \"upn\": \"KAM-04\"}"))).isEqualTo("KAM-04");
        assertThat(SessionTokens.principal(json.readTree("{\"sub\": \"only-sub\"}"))).isEqualTo("only-sub");
        assertThat(SessionTokens.principal(json.readTree("{}"))).isEmpty();
    }

    @Test
    void aPendingSignInSurvivesItsCookieAndTheChallengeIsRfc7636s() {
        IdentityProvider.PendingSignIn pending = new IdentityProvider.PendingSignIn("st", "no", "verifier", "/accounts/42?asOf=2026-01-01&x=a~b");
        assertThat(IdentityProvider.PendingSignIn.fromCookie(pending.cookieValue())).contains(pending);
        assertThat(IdentityProvider.PendingSignIn.fromCookie("garbage")).isEmpty();
        assertThat(IdentityProvider.PendingSignIn.fromCookie(null)).isEmpty();
        // RFC 7636, appendix B
        assertThat(IdentityProvider.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aSignInThroughTheProviderIsRefusedAtStartWithoutItsClient() {
        ConsoleSettings unconfigured = settings(keys.resolve("ours"), Duration.ofHours(8), "oidc");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> local(unconfigured)).hasMessageContaining("KAM_CONSOLE_OIDC_PROVIDER");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> local(settings(keys.resolve("ours"), Duration.ofHours(8), "ldap")))
                .hasMessageContaining("local or oidc");
    }

    private static SessionTokens local(ConsoleSettings settings) {
        ObjectMapper json = new ObjectMapper();
        return new SessionTokens(settings, json, new IdentityProvider(settings, json));
    }

    private static Path writeKeys(Path directory) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(directory);
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
        Files.writeString(directory.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n" + pem.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(directory.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return directory;
    }

    static ConsoleSettings settings(Path keyDirectory, Duration session) {
        return settings(keyDirectory, session, "local");
    }

    static ConsoleSettings settings(Path keyDirectory, Duration session, String signIn) {
        return new ConsoleSettings() {
            public String customerUrl() { return "http://localhost:1"; }
            public String scoringUrl() { return "http://localhost:2"; }
            public String teamUrl() { return "http://localhost:3"; }
            public String signIn() { return signIn; }
            public Oidc oidc() {
                return new Oidc() {
                    public Optional<String> provider() { return Optional.empty(); }
                    public Optional<String> clientId() { return Optional.empty(); }
                    public Optional<String> clientSecret() { return Optional.empty(); }
                    public String scopes() { return "openid"; }
                };
            }
            public Optional<String> publicUrl() { return Optional.empty(); }
            public Optional<String> signingKeyLocation() { return Optional.of(keyDirectory.resolve("private.pem").toString()); }
            public Optional<String> publicKeyLocation() { return Optional.of("file:" + keyDirectory.resolve("public.pem")); }
            public String issuer() { return "https://kam.local/issuer"; }
            public String audience() { return "kam"; }
            public Duration session() { return session; }
        };
    }
}
