package dev.kam.infrastructure;


import dev.kam.contracts.PlatformFacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The servers the platform runs on: one Kafka broker and one PostgreSQL server, started or found according
 * to {@link InfrastructureSettings}. The tests and {@code ./kam up} both start the platform through here.
 * Topics are not created here: every service creates the ones it needs when it starts.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The database of each service (platform-facts.properties), created when missing. */
    public static final List<String> SERVICE_DATABASES = PlatformFacts.databases();

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final Path temporaryDirectory;

    private LocalInfrastructure(PostgresServer postgres, KafkaServer kafka, Path temporaryDirectory) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** Starts (or connects to) both servers. */
    public static LocalInfrastructure start(InfrastructureSettings settings) {
        Path temporary = settings.dataDirectory().isPresent() ? null : createTemporaryDirectory();
        Path dataDirectory = settings.dataDirectory().orElse(temporary);
        PostgresServer postgres = null;
        try {
            postgres = startPostgres(settings, dataDirectory, temporary == null);
            KafkaServer kafka = startKafka(settings, dataDirectory);
            return new LocalInfrastructure(postgres, kafka, temporary);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            deleteRecursively(temporary);
            throw e;
        }
    }

    /** Starts (or connects to) PostgreSQL alone, with its data under {@code dataDirectory/postgres}. */
    public static PostgresServer startPostgres(InfrastructureSettings settings, Path dataDirectory, boolean durable) {
        return switch (settings.postgresMode()) {
            case EMBEDDED -> EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), settings.postgresPort(),
                    settings.postgresPortFallback(), durable, settings.postgresTls());
            case EXTERNAL -> new ExternalPostgres(settings.externalPostgresUrl(), settings.externalPostgresUser(),
                    settings.externalPostgresPassword());
            case TESTCONTAINERS -> ContainerServers.postgres();
        };
    }

    /**
     * Starts (or connects to) Kafka alone, with its data under {@code dataDirectory/kafka} ({@code kafka-sasl} for a
     * SASL_SSL broker, whose storage holds its SCRAM users from the start).
     */
    public static KafkaServer startKafka(InfrastructureSettings settings, Path dataDirectory) {
        return switch (settings.kafkaMode()) {
            case EMBEDDED -> EmbeddedKafka.start(dataDirectory.resolve(settings.kafkaSecurity() == EmbeddedKafka.Security.SASL_SSL
                    ? "kafka-sasl" : "kafka"), settings.kafkaPort(), settings.kafkaControllerPort(), settings.kafkaSecurity());
            case EXTERNAL -> new ExternalKafka(settings.externalKafkaBootstrap());
            case TESTCONTAINERS -> ContainerServers.kafka();
        };
    }

    /**
     * Starts node {@code node} of the embedded Kafka cluster, its data under {@code dataDirectory/kafka-cluster/node-N}
     * (see {@link EmbeddedKafka.Node}).
     */
    public static KafkaServer startKafkaNode(InfrastructureSettings settings, Path dataDirectory, EmbeddedKafka.Node node) {
        if (settings.kafkaMode() != InfrastructureSettings.Mode.EMBEDDED) {
            throw new IllegalArgumentException("a Kafka cluster of this machine is embedded; kam.kafka.mode is " + settings.kafkaMode());
        }
        return EmbeddedKafka.start(dataDirectory.resolve("kafka-cluster/node-" + node.id()), settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.kafkaSecurity(), node);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    /** Creates every database in {@code names} that does not exist yet; existing ones are left alone. */
    public void ensureDatabases(Collection<String> names) {
        ensureDatabases(postgres, names);
    }

    /** Creates every database in {@code names} that does not exist yet on {@code postgres}. */
    public static void ensureDatabases(PostgresServer postgres, Collection<String> names) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = connection.createStatement()) {
            for (String name : names) {
                if (!DATABASE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                exists.setString(1, name);
                try (ResultSet result = exists.executeQuery()) {
                    if (result.next()) {
                        continue;
                    }
                }
                try {
                    create.executeUpdate("CREATE DATABASE " + name);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // created concurrently by another starter
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases on " + postgres.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                deleteRecursively(temporaryDirectory);
            }
        }
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("kam-infrastructure-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a shutdown for
        }
    }
}
