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
        tokens = new SessionTokens(settings(writeKeys(keys.resolve("ours")), Duration.ofHours(8)), new ObjectMapper());
        otherPlatform = new SessionTokens(settings(writeKeys(keys.resolve("theirs")), Duration.ofHours(8)), new ObjectMapper());
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
        SessionTokens expiring = new SessionTokens(settings(keys.resolve("ours"), Duration.ofSeconds(-10)), new ObjectMapper());
        assertThat(tokens.user(expiring.signIn("late", ConsoleUser.VIEWER).token())).isEmpty();
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
        return new ConsoleSettings() {
            public String customerUrl() { return "http://localhost:1"; }
            public String scoringUrl() { return "http://localhost:2"; }
            public String teamUrl() { return "http://localhost:3"; }
            public String signIn() { return "local"; }
            public Optional<String> signingKeyLocation() { return Optional.of(keyDirectory.resolve("private.pem").toString()); }
            public String publicKeyLocation() { return "file:" + keyDirectory.resolve("public.pem"); }
            public String issuer() { return "https://kam.local/issuer"; }
            public String audience() { return "kam"; }
            public Duration session() { return session; }
        };
    }
}
