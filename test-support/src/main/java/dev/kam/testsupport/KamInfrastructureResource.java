package dev.kam.testsupport;

import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.InfrastructureSettings;
import dev.kam.infrastructure.LocalInfrastructure;
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

    private static LocalInfrastructure infrastructure;
    private static DevKeys keys;

    private String database;

    @Override
    public void init(Map<String, String> args) {
        database = args.getOrDefault("database", "kam_test");
    }

    /** The running servers; starts them on first use. */
    public static synchronized LocalInfrastructure infrastructure() {
        if (infrastructure == null) {
            infrastructure = LocalInfrastructure.start(InfrastructureSettings.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "kam-test-infrastructure-stop"));
        }
        return infrastructure;
    }

    /** The key that signs test tokens; the services under test trust its public half. */
    public static synchronized DevKeys keys() {
        if (keys == null) {
            try {
                Path directory = Files.createTempDirectory("kam-test-keys-");
                directory.toFile().deleteOnExit();
                keys = DevKeys.ensure(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    @Override
    public Map<String, String> start() {
        LocalInfrastructure servers = infrastructure();
        servers.ensureDatabases(List.of(database));
        return Map.of(
                "quarkus.datasource.jdbc.url", servers.postgres().jdbcUrl(database),
                "quarkus.datasource.username", servers.postgres().user(),
                "quarkus.datasource.password", servers.postgres().password(),
                "kafka.bootstrap.servers", servers.kafka().bootstrapServers(),
                "mp.jwt.verify.publickey.location", keys().publicKeyFile().toUri().toString());
    }

    @Override
    public void stop() {
        // The servers outlive one application start: other test classes of this JVM reuse them.
    }
}
