package dev.kam.infrastructure;

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
 * infra --data-dir DIR --env-file FILE   start Kafka and PostgreSQL, write their addresses to FILE, run until stopped
 * keys DIR                               make the local signing key pair in DIR if missing
 * token DIR ROLE...                      print a JWT with ROLEs signed by the key in DIR
 * </pre>
 */
public final class KamLauncher {

    static final Set<String> ROLES = Set.of("crm-integration", "key-account-manager", "sales-ops", "viewer");

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
                List<String> roles = List.of(Arrays.copyOfRange(args, 2, args.length));
                for (String role : roles) {
                    if (!ROLES.contains(role)) {
                        fail("unknown role '" + role + "'; roles are " + String.join(", ", ROLES.stream().sorted().toList()));
                    }
                }
                DevKeys keys = DevKeys.ensure(Path.of(args[1]));
                System.out.println(DevTokens.sign(keys.privateKey(), "local-" + String.join("-", roles), roles, Duration.ofHours(12)));
            }
            default -> usage();
        }
    }

    private static void runInfrastructure(String[] args) throws IOException, InterruptedException {
        Path dataDir = null;
        Path envFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]).toAbsolutePath();
                case "--env-file" -> envFile = Path.of(args[i + 1]).toAbsolutePath();
                default -> usage();
            }
        }
        if (dataDir == null || envFile == null) {
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
                case "kam.postgres.port" -> "5432";
                case "kam.postgres.port-fallback" -> "true";
                case "kam.kafka.port" -> "9092";
                case "kam.kafka.controller-port" -> "9093";
                case "kam.data.dir" -> data.toString();
                default -> null;
            };
        });

        LocalInfrastructure infrastructure;
        try {
            infrastructure = LocalInfrastructure.start(settings);
            infrastructure.ensureDatabases(LocalInfrastructure.SERVICE_DATABASES);
        } catch (RuntimeException e) {
            fail("infrastructure did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infrastructure.close();
            stopped.countDown();
        }, "kam-infrastructure-shutdown"));

        List<String> lines = new ArrayList<>();
        lines.add("KAM_KAFKA_BOOTSTRAP=" + infrastructure.kafka().bootstrapServers());
        for (String database : LocalInfrastructure.SERVICE_DATABASES) {
            lines.add("KAM_DB_URL_" + database.toUpperCase(Locale.ROOT) + "=" + infrastructure.postgres().jdbcUrl(database));
        }
        lines.add("KAM_DB_USER=" + infrastructure.postgres().user());
        lines.add("KAM_DB_PASSWORD=" + infrastructure.postgres().password());
        lines.add("KAM_POSTGRES_DESCRIPTION='" + infrastructure.postgres().describe() + "'");
        lines.add("KAM_KAFKA_DESCRIPTION='" + infrastructure.kafka().describe() + "'");
        Path temporary = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.createDirectories(envFile.getParent());
        Files.write(temporary, lines);
        Files.move(temporary, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("infrastructure ready: " + infrastructure.kafka().describe() + "; " + infrastructure.postgres().describe());
        stopped.await();
    }

    private static void requireArgs(String[] args, int count) {
        if (args.length < count) {
            usage();
        }
    }

    private static void usage() {
        fail("usage: infra --data-dir DIR --env-file FILE | keys DIR | token DIR ROLE...");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private KamLauncher() {
    }
}
