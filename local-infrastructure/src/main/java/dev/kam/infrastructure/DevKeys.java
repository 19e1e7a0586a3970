package dev.kam.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The local signing key of a development installation: an RSA key pair in PEM files, made on first use.
 * The services verify tokens with {@code public.pem}; {@code ./kam token} signs with {@code private.pem}.
 * Production never sees these: it reads its public key or JWKS address from configuration.
 */
public final class DevKeys {

    public static final String PUBLIC_KEY_FILE = "public.pem";
    public static final String PRIVATE_KEY_FILE = "private.pem";

    private final Path directory;

    private DevKeys(Path directory) {
        this.directory = directory;
    }

    /** The key pair in {@code directory}, generated there if it is not there yet. */
    public static DevKeys ensure(Path directory) {
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        Path publicKey = directory.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            try {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicKey, LocalFiles.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privateKey, LocalFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                LocalFiles.ownerOnly(privateKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return new DevKeys(directory);
    }

    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    public RSAPrivateKey privateKey() {
        try {
            String pem = Files.readString(directory.resolve(PRIVATE_KEY_FILE), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable private key in " + directory, e);
        }
    }
}
