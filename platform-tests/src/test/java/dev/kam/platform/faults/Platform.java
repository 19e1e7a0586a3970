package dev.kam.platform.faults;

import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.DevTokens;
import dev.kam.platform.KamCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform as {@code ./kam up} starts it, shared by the fault scenarios of one test run: packaged
 * services, a real Kafka broker and a real PostgreSQL, each its own process that a scenario may kill, stop or
 * start again through {@code ./kam}. Stopped with {@code ./kam down} when the test JVM exits.
 */
final class Platform {

    static final List<String> SERVICES = List.of("customer-service", "scoring-service", "team-coordination-service");

    private static Platform instance;

    final KamCommand kam;
    private final DevKeys keys;
    private final Map<String, String> environment = new LinkedHashMap<>();
    /** ce_ids of poison records a scenario put on a topic on purpose: the only records a DLQ may hold. */
    final Set<String> poisonIds = ConcurrentHashMap.newKeySet();
    private final Path report;

    static synchronized Platform get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private Platform(KamCommand kam) {
        this.kam = kam;
        this.keys = DevKeys.ensure(kam.home.resolve("keys"));
        this.report = kam.root.resolve("platform-tests/target/fault-report.md");
        readEnvironment();
    }

    private static Platform start() {
        try {
            Path home = Files.createTempDirectory("kam-faults-");
            KamCommand kam = new KamCommand(home);
            KamCommand.Result up = kam.run(Duration.ofMinutes(8), "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            Platform platform = new Platform(kam);
            // a safety net for a JVM that ends without JUnit closing its root context
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "kam-faults-down"));
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /** {@code ./kam down} and the data removed; once, however often it is called. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            kam.run(Duration.ofMinutes(3), "down");
            deleteRecursively(kam.home);
        } catch (Exception e) {
            System.err.println("./kam down failed: " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void readEnvironment() {
        try {
            environment.putAll(kam.infrastructureEnvironment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- addresses and credentials ---------------------------------------------------------------------

    String baseUrl(String service) {
        String variable = switch (service) {
            case "customer-service" -> "KAM_CUSTOMER_PORT";
            case "scoring-service" -> "KAM_SCORING_PORT";
            case "team-coordination-service" -> "KAM_TEAM_PORT";
            default -> throw new IllegalArgumentException(service);
        };
        return "http://127.0.0.1:" + kam.port(variable);
    }

    String kafkaBootstrap() {
        return environment.get("KAM_KAFKA_BOOTSTRAP");
    }

    Connection database(String name) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", environment.get("KAM_DB_USER"));
        properties.setProperty("password", environment.getOrDefault("KAM_DB_PASSWORD", ""));
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(environment.get("KAM_DB_URL_" + name.toUpperCase()), properties);
    }

    String token(String subject, String... roles) {
        return DevTokens.sign(keys.privateKey(), subject, List.of(roles), Duration.ofHours(2));
    }

    // --- faults -----------------------------------------------------------------------------------------

    void kam(String... arguments) {
        try {
            KamCommand.Result result = kam.run(Duration.ofMinutes(5), arguments);
            assertThat(result.exitCode()).as("./kam " + String.join(" ", arguments) + ":\n" + result.output()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid(String name) {
        try {
            return Long.parseLong(Files.readString(kam.home.resolve("run/" + name + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory of a process, in MiB, from /proc. */
    long residentMiB(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid(name) + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    int readiness(String service) {
        return Http.status(baseUrl(service) + "/q/health/ready");
    }

    /** Appends one scenario's measured outcome to target/fault-report.md and prints it. */
    synchronized void report(String scenario, String outcome) {
        String line = "| " + scenario + " | " + outcome + " |\n";
        System.out.print("FAULT REPORT " + line);
        try {
            Files.createDirectories(report.getParent());
            if (!Files.exists(report)) {
                Files.writeString(report, "| scenario | measured outcome |\n|---|---|\n", StandardCharsets.UTF_8);
            }
            Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
