package dev.kam.testsupport;

import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.ExternalPostgres;
import dev.kam.infrastructure.InfrastructureSettings;
import dev.kam.infrastructure.LocalInfrastructure;
import dev.kam.infrastructure.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the real servers: a Kafka broker and PostgreSQL started once per test JVM
 * (embedded unless {@code kam.infra.mode} or {@code kam.postgres.mode}/{@code kam.kafka.mode} say otherwise,
 * see {@link InfrastructureSettings}), the service's database, its DLQ topic, and a test signing key.
 *
 * <p>Argument: {@code database}, the service's database (created when missing).
 */
public class KamInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    // Quarkus loads this class anew for every application start (a test profile restarts the application),
    // so the servers' addresses live in system properties: one set of servers per test JVM, whatever loads us.
    private static final String KAFKA = "kamtest.kafka.bootstrap";
    private static final String POSTGRES_URL = "kamtest.postgres.url";
    private static final String POSTGRES_USER = "kamtest.postgres.user";
    private static final String POSTGRES_PASSWORD = "kamtest.postgres.password";
    private static final String KEYS = "kamtest.keys.dir";

    private String database;

    @Override
    public void init(Map<String, String> args) {
        database = args.getOrDefault("database", "kam_test");
    }

    /** The test broker's address; starts the servers on first use. */
    public static String kafkaBootstrapServers() {
        ensureStarted();
        return System.getProperty(KAFKA);
    }

    /** The test PostgreSQL server; starts the servers on first use. */
    public static PostgresServer postgres() {
        ensureStarted();
        return new ExternalPostgres(System.getProperty(POSTGRES_URL), System.getProperty(POSTGRES_USER),
                System.getProperty(POSTGRES_PASSWORD));
    }

    private static void ensureStarted() {
        synchronized (System.getProperties()) {
            if (System.getProperty(KAFKA) != null) {
                return;
            }
            LocalInfrastructure infrastructure = LocalInfrastructure.start(InfrastructureSettings.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "kam-test-infrastructure-stop"));
            System.setProperty(POSTGRES_URL, infrastructure.postgres().jdbcUrl("postgres"));
            System.setProperty(POSTGRES_USER, infrastructure.postgres().user());
            System.setProperty(POSTGRES_PASSWORD, infrastructure.postgres().password());
            System.setProperty(KAFKA, infrastructure.kafka().bootstrapServers());
        }
    }

    /** The key that signs test tokens; the services under test trust its public half. */
    public static DevKeys keys() {
        synchronized (System.getProperties()) {
            if (System.getProperty(KEYS) == null) {
                try {
                    Path directory = Files.createTempDirectory("kam-test-keys-");
                    directory.toFile().deleteOnExit();
                    System.setProperty(KEYS, directory.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return DevKeys.ensure(Path.of(System.getProperty(KEYS)));
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = postgres();
        LocalInfrastructure.ensureDatabases(postgres, List.of(database));
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "mp.jwt.verify.publickey.location", keys().publicKeyFile().toUri().toString());
    }

    @Override
    public void stop() {
        // The servers outlive one application start: other test classes of this JVM reuse them.
    }
}
