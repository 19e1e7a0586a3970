package dev.kam.infrastructure;

import dev.kam.contracts.PlatformFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The Java side of {@code ./kam}.
 *
 * <pre>
 * infra --data-dir DIR --env-file FILE [--only kafka|postgres]
 *                                        start Kafka and PostgreSQL (or one of them), write their addresses to
 *                                        FILE, run until stopped
 * keys DIR                               make the local signing key pair in DIR if missing
 * token DIR [--as EMPLOYEE_ID] ROLE...   print a JWT with ROLEs signed by the key in DIR (its subject EMPLOYEE_ID)
 * </pre>
 */
public final class KamLauncher {

    static final Set<String> ROLES = Set.copyOf(PlatformFacts.roles());

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "infra" -> runInfrastructure(Arrays.copyOfRange(args, 1, args.length));
            case "keys" -> {
                requireArgs(args, 2);
                System.out.println(DevKeys.ensure(Path.of(args[1])).publicKeyFile());
            }
            case "token" -> {
                requireArgs(args, 3);
                // --as EMPLOYEE_ID: the token speaks for that person (a key account manager, a line manager)
                boolean as = args[2].equals("--as");
                requireArgs(args, as ? 5 : 3);
                List<String> roles = List.of(Arrays.copyOfRange(args, as ? 4 : 2, args.length));
                for (String role : roles) {
                    if (!ROLES.contains(role)) {
                        fail("unknown role '" + role + "'; roles are " + String.join(", ", ROLES.stream().sorted().toList()));
                    }
                }
                DevKeys keys = DevKeys.ensure(Path.of(args[1]));
                String subject = as ? args[3] : "local-" + String.join("-", roles);
                System.out.println(DevTokens.sign(keys.privateKey(), subject, roles, Duration.ofHours(12)));
            }
            default -> usage();
        }
    }

    private static void runInfrastructure(String[] args) throws IOException, InterruptedException {
        Path dataDir = null;
        Path envFile = null;
        String only = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]).toAbsolutePath();
                case "--env-file" -> envFile = Path.of(args[i + 1]).toAbsolutePath();
                case "--only" -> only = args[i + 1];
                default -> usage();
            }
        }
        if (dataDir == null || envFile == null || (only != null && !Set.of("kafka", "postgres").contains(only))) {
            usage();
        }
        // ./kam up runs on the contract's ports; PostgreSQL moves to a free port if 5432 is taken by another server.
        Path data = dataDir;
        InfrastructureSettings settings = InfrastructureSettings.from(key -> {
            String value = System.getProperty(key);
            if (value == null) {
                value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            if (value != null) {
                return value;
            }
            return switch (key) {
                case "kam.postgres.port" -> String.valueOf(PlatformFacts.postgresPort());
                case "kam.postgres.port-fallback" -> "true";
                case "kam.kafka.port" -> String.valueOf(PlatformFacts.kafkaPort());
                case "kam.kafka.controller-port" -> String.valueOf(PlatformFacts.kafkaControllerPort());
                case "kam.data.dir" -> data.toString();
                default -> null;
            };
        });

        List<AutoCloseable> servers = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            if (!"kafka".equals(only)) {
                PostgresServer postgres = LocalInfrastructure.startPostgres(settings, dataDir, true);
                servers.add(postgres);
                LocalInfrastructure.ensureDatabases(postgres, LocalInfrastructure.SERVICE_DATABASES);
                for (String database : LocalInfrastructure.SERVICE_DATABASES) {
                    lines.add("KAM_DB_URL_" + database.toUpperCase(Locale.ROOT) + "=" + shellQuoted(postgres.jdbcUrl(database)));
                }
                lines.add("KAM_DB_USER=" + shellQuoted(postgres.user()));
                lines.add("KAM_DB_PASSWORD=" + shellQuoted(postgres.password()));
                lines.add("KAM_POSTGRES_DESCRIPTION=" + shellQuoted(postgres.describe()));
            }
            if (!"postgres".equals(only)) {
                KafkaServer kafka = LocalInfrastructure.startKafka(settings, dataDir);
                servers.add(0, kafka);
                lines.add("KAM_KAFKA_BOOTSTRAP=" + shellQuoted(kafka.bootstrapServers()));
                // what every Kafka client of the services needs besides the address (KAFKA_SECURITY_PROTOCOL, ...)
                kafka.clientEnvironment().forEach((name, value) -> lines.add(name + "=" + shellQuoted(value)));
                lines.add("KAM_KAFKA_DESCRIPTION=" + shellQuoted(kafka.describe()));
            }
        } catch (RuntimeException e) {
            closeAll(servers);
            fail((only == null ? "infrastructure" : only) + " did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(servers);
            stopped.countDown();
        }, "kam-infrastructure-shutdown"));

        Path temporary = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.createDirectories(envFile.getParent());
        Files.write(temporary, lines);
        Files.move(temporary, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println((only == null ? "infrastructure" : only) + " ready: " + String.join("; ", lines.stream()
                .filter(line -> line.contains("DESCRIPTION")).toList()));
        stopped.await();
    }

    /**
     * A value the env file's readers (bash's source, RunningPlatform) take as it is, whatever it holds ({@code &} and
     * {@code ?} of a JDBC URL's TLS parameters, the quotes of a JAAS setting): single quotes, none inside.
     */
    private static String shellQuoted(String value) {
        if (value.contains("'")) {
            throw new IllegalArgumentException("a setting with a single quote cannot go into the env file: " + value);
        }
        return "'" + value + "'";
    }

    private static void closeAll(List<AutoCloseable> servers) {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e.getMessage());
            }
        }
    }

    private static void requireArgs(String[] args, int count) {
        if (args.length < count) {
            usage();
        }
    }

    private static void usage() {
        fail("usage: infra --data-dir DIR --env-file FILE [--only kafka|postgres] | keys DIR | token DIR [--as EMPLOYEE_ID] ROLE...");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private KamLauncher() {
    }
}
