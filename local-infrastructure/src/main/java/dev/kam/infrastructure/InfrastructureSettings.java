package dev.kam.infrastructure;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the servers come from, read from system properties ({@code kam.postgres.mode}) or the environment
 * ({@code KAM_POSTGRES_MODE}), system properties first.
 *
 * <ul>
 *   <li>{@code kam.infra.mode}: default for both servers, {@code embedded} unless set;</li>
 *   <li>{@code kam.postgres.mode}, {@code kam.kafka.mode}: {@code embedded}, {@code external} or {@code testcontainers};</li>
 *   <li>embedded: {@code kam.postgres.port}, {@code kam.kafka.port} (0 or unset: a free port),
 *       {@code kam.data.dir} (kept between runs; unset: a temporary directory removed at stop);</li>
 *   <li>external: {@code kam.postgres.url} (a JDBC URL of any database on the server, e.g.
 *       {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code kam.postgres.user},
 *       {@code kam.postgres.password}; {@code kam.kafka.bootstrap};</li>
 *   <li>{@code kam.kafka.security}: {@code plaintext} (default) or {@code sasl_ssl}: the embedded broker then takes only
 *       TLS connections with SCRAM logins, as an enterprise's cluster does (see {@link EmbeddedKafka});</li>
 *   <li>{@code kam.kafka.brokers}: {@code 1} (default) or {@code 3}: an embedded cluster of three brokers, each a
 *       process of its own under {@code ./kam} (parts {@code kafka-1} to {@code kafka-3}), on {@code kam.kafka.port}
 *       and {@code kam.kafka.controller-port} plus 100 per node, topics replicated three times with
 *       {@code min.insync.replicas=2}, as production runs (see {@link EmbeddedKafka.Node});</li>
 *   <li>{@code kam.postgres.tls}: {@code true} for an embedded PostgreSQL that takes only TLS connections, whose JDBC
 *       URLs ask for {@code sslmode=verify-full} (see {@link EmbeddedPostgresServer}).</li>
 * </ul>
 */
public record InfrastructureSettings(Mode postgresMode, Mode kafkaMode, int postgresPort, boolean postgresPortFallback, boolean postgresTls,
                                     int kafkaPort, int kafkaControllerPort, EmbeddedKafka.Security kafkaSecurity, int kafkaBrokers,
                                     Optional<Path> dataDirectory,
                                     String externalPostgresUrl, String externalPostgresUser,
                                     String externalPostgresPassword, String externalKafkaBootstrap) {

    public enum Mode {
        EMBEDDED, EXTERNAL, TESTCONTAINERS;

        static Mode parse(String value, String setting) {
            try {
                return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + " must be embedded, external or testcontainers, not '" + value + "'");
            }
        }
    }

    /** Reads the settings from system properties, then the environment. */
    public static InfrastructureSettings fromEnvironment() {
        return from(key -> {
            String value = System.getProperty(key);
            return value != null ? value : System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        });
    }

    public static InfrastructureSettings from(UnaryOperator<String> lookup) {
        Mode defaultMode = Mode.parse(value(lookup, "kam.infra.mode", "embedded"), "kam.infra.mode");
        Mode postgres = Mode.parse(value(lookup, "kam.postgres.mode", defaultMode.name()), "kam.postgres.mode");
        Mode kafka = Mode.parse(value(lookup, "kam.kafka.mode", defaultMode.name()), "kam.kafka.mode");
        String dataDir = lookup.apply("kam.data.dir");
        Settings external = new Settings(lookup);
        return new InfrastructureSettings(postgres, kafka,
                Integer.parseInt(value(lookup, "kam.postgres.port", "0")),
                Boolean.parseBoolean(value(lookup, "kam.postgres.port-fallback", "false")),
                Boolean.parseBoolean(value(lookup, "kam.postgres.tls", "false")),
                Integer.parseInt(value(lookup, "kam.kafka.port", "0")),
                Integer.parseInt(value(lookup, "kam.kafka.controller-port", "0")),
                security(value(lookup, "kam.kafka.security", "plaintext")),
                brokers(value(lookup, "kam.kafka.brokers", "1")),
                dataDir == null || dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir).toAbsolutePath()),
                external.require(postgres, "kam.postgres.url"),
                value(lookup, "kam.postgres.user", "postgres"),
                value(lookup, "kam.postgres.password", ""),
                external.require(kafka, "kam.kafka.bootstrap"));
    }

    private static EmbeddedKafka.Security security(String value) {
        try {
            return EmbeddedKafka.Security.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kam.kafka.security must be plaintext or sasl_ssl, not '" + value + "'");
        }
    }

    private static int brokers(String value) {
        if (!value.strip().equals("1") && !value.strip().equals("3")) {
            throw new IllegalArgumentException("kam.kafka.brokers must be 1 (a single broker) or 3 (a cluster), not '" + value + "'");
        }
        return Integer.parseInt(value.strip());
    }

    private record Settings(UnaryOperator<String> lookup) {
        String require(Mode mode, String key) {
            String value = lookup.apply(key);
            if (mode == Mode.EXTERNAL && (value == null || value.isBlank())) {
                throw new IllegalArgumentException(key + " is required when that server is external");
            }
            return value;
        }
    }

    private static String value(UnaryOperator<String> lookup, String key, String fallback) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
