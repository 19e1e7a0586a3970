package dev.kam.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokensTest {

    @Test
    void signsAnRs256TokenThatThePublicKeyVerifies(@TempDir Path keysDir) throws Exception {
        DevKeys keys = DevKeys.ensure(keysDir);
        String token = DevTokens.sign(keys.privateKey(), "someone", List.of("viewer", "sales-ops"), Duration.ofMinutes(5));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey(keys.publicKeyFile()));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactly("viewer", "sales-ops");
        assertThat(claims.get("iss").asText()).isEqualTo(DevTokens.ISSUER);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    void keepsTheKeyPairOnceMade(@TempDir Path keysDir) throws Exception {
        DevKeys.ensure(keysDir);
        String first = Files.readString(keysDir.resolve(DevKeys.PUBLIC_KEY_FILE));
        DevKeys.ensure(keysDir);
        assertThat(Files.readString(keysDir.resolve(DevKeys.PUBLIC_KEY_FILE))).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(keysDir.resolve(DevKeys.PRIVATE_KEY_FILE)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
