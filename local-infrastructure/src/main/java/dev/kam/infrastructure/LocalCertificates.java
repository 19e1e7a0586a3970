package dev.kam.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server certificate for 127.0.0.1 and localhost made at the first start (by the JDK's keytool), so the local Kafka broker and
 * PostgreSQL can be reached over TLS with full verification, the way an enterprise's own servers are: the server gets
 * a key store (PKCS#12) or PEM files, the clients a trust store or the certificate as the root to trust. Self-signed:
 * the clients trust exactly this certificate and nothing else. Files are readable by their owner only.
 */
public final class LocalCertificates {

    /**
     * @param keyStore       PKCS#12 with the private key and certificate (the server's)
     * @param trustStore     PKCS#12 with the certificate alone (the clients')
     * @param certificatePem the certificate (a PEM client's root certificate, and the PEM server's certificate)
     * @param privateKeyPem  the private key as unencrypted PKCS#8 PEM (a PEM server's key)
     * @param password       of both stores and the key
     */
    public record ServerCertificate(Path keyStore, Path trustStore, Path certificatePem, Path privateKeyPem, String password) {
    }

    /**
     * The certificate named {@code name} in {@code directory}, made at the first start: a server restarted later keeps
     * it, so clients that loaded the trust store before go on trusting it.
     *
     * @param password of the stores and the key: the same at every start of this directory
     */
    public static ServerCertificate ensure(Path directory, String name, String password) {
        Path keyStore = directory.resolve(name + "-keystore.p12");
        Path trustStore = directory.resolve(name + "-truststore.p12");
        Path certificate = directory.resolve(name + ".crt");
        Path privateKey = directory.resolve(name + ".key");
        ServerCertificate made = new ServerCertificate(keyStore, trustStore, certificate, privateKey, password);
        if (List.of(keyStore, trustStore, certificate, privateKey).stream().allMatch(Files::isRegularFile)) {
            return made;
        }
        try {
            Files.createDirectories(directory);
            for (Path old : List.of(keyStore, trustStore, certificate, privateKey)) {
                Files.deleteIfExists(old);
            }
            keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-validity", "365", "-dname", "CN=localhost, O=KAM local " + name,
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-keystore", trustStore.toString(),
                    "-storetype", "PKCS12", "-storepass", password);
            Files.writeString(privateKey, LocalFiles.pem("PRIVATE KEY", privateKey(keyStore, name, password).getEncoded()), StandardCharsets.US_ASCII);
            for (Path file : List.of(keyStore, trustStore, certificate, privateKey)) {
                LocalFiles.ownerOnly(file);
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a certificate in " + directory + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate just made in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Key privateKey(Path keyStore, String alias, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        return store.getKey(alias, password.toCharArray());
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while making a certificate", e);
        }
    }

    private LocalCertificates() {
    }
}
