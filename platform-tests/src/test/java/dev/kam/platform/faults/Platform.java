package dev.kam.platform.faults;

import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.client.RunningPlatform;
import dev.kam.platform.KamCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform as {@code ./kam up} starts it, shared by the fault scenarios of one test run: packaged
 * services, a real Kafka broker and a real PostgreSQL, each its own process that a scenario may kill, stop or
 * start again through {@code ./kam}. Stopped with {@code ./kam down} when the test JVM exits.
 */
final class Platform {

    static final List<String> SERVICES = PlatformFacts.services().stream().map(PlatformFacts.Service::name).toList();
    /** Every part that answers HTTP: the services and the console. */
    static final List<String> PARTS_WITH_HTTP = java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of("console")).toList();

    /** The platform that runs, by its number of Kafka brokers: one at a time, on two cores. */
    private static final java.util.Map<Integer, Platform> RUNNING = new java.util.HashMap<>();

    final KamCommand kam;
    private final RunningPlatform platform;
    /** ce_ids of poison records a scenario put on a topic on purpose: the only records a DLQ may hold. */
    final Set<String> poisonIds = ConcurrentHashMap.newKeySet();
    private final Path report;

    /** The platform on one Kafka broker, as most scenarios run it. */
    static synchronized Platform get() {
        return withBrokers(1);
    }

    /** The platform on a cluster of three Kafka brokers (replication factor 3, min.insync.replicas 2). */
    static synchronized Platform cluster() {
        return withBrokers(3);
    }

    private static Platform withBrokers(int brokers) {
        Platform running = RUNNING.get(brokers);
        if (running != null) {
            return running;
        }
        stopAll();
        Platform started = start(brokers);
        RUNNING.put(brokers, started);
        return started;
    }

    /**
     * Copies the logs of every running platform (each part's log, the ./kam outputs, the run directory) to
     * target/fault-logs/{@code scenario}-TIME, so that a failed scenario's logs outlive the home deleted at the end.
     */
    static synchronized void keepLogs(String scenario) {
        for (Platform platform : RUNNING.values()) {
            Path kept = platform.kam.root.resolve("platform-tests/target/fault-logs")
                    .resolve(scenario + "-" + java.time.LocalDateTime.now().toString().replace(':', '-'));
            try (var files = Files.walk(platform.kam.home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = platform.kam.home.relativize(file);
                    boolean log = relative.startsWith("logs") || relative.startsWith("run") || relative.getFileName().toString().startsWith("kam-output-");
                    if (log) {
                        Files.createDirectories(kept.resolve(relative).getParent());
                        Files.copy(file, kept.resolve(relative), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                System.err.println("the logs of the failed scenario " + scenario + " are kept in " + kept);
            } catch (IOException e) {
                System.err.println("could not keep the logs of " + scenario + ": " + e.getMessage());
            }
        }
    }

    /** Stops whichever platform runs; the next scenario starts the one it needs. */
    static synchronized void stopAll() {
        RUNNING.values().forEach(Platform::stop);
        RUNNING.clear();
    }

    private Platform(KamCommand kam) {
        this.kam = kam;
        this.platform = kam.platform();
        this.report = kam.root.resolve("platform-tests/target/fault-report.md");
    }

    private static Platform start(int brokers) {
        try {
            Path home = Files.createTempDirectory(brokers == 1 ? "kam-faults-" : "kam-faults-cluster-");
            KamCommand kam = new KamCommand(home);
            if (brokers > 1) {
                kam.useKafkaCluster(brokers);
            }
            KamCommand.Result up = kam.run(Duration.ofMinutes(8), "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            Platform platform = new Platform(kam);
            dev.kam.platform.SharedPlatforms.started(home, Platform::stopAll); // another test's ./kam up stops it first
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
        dev.kam.platform.SharedPlatforms.stopped(kam.home);
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

    // --- addresses and credentials ---------------------------------------------------------------------

    String baseUrl(String service) {
        return platform.serviceUrl(service);
    }

    String kafkaBootstrap() {
        return platform.kafkaBootstrap();
    }

    Connection database(String name) throws SQLException {
        return platform.database(name);
    }

    String token(String subject, String... roles) {
        return platform.token(subject, roles);
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

    /** The events every service's outbox holds unpublished, together. */
    long outboxBacklog() throws SQLException {
        long backlog = 0;
        for (String database : PlatformFacts.databases()) {
            try (Connection connection = database(database);
                 java.sql.ResultSet rows = connection.createStatement()
                         .executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND dropped_at IS NULL")) {
                rows.next();
                backlog += rows.getLong(1);
            }
        }
        return backlog;
    }

    /** The console's address. */
    String consoleUrl() {
        return "http://127.0.0.1:" + kam.port(PlatformFacts.console().portVariable());
    }

    /** {@code /q/health/<kind>} (ready, live, well, started; "" for all of them) of a service or of the console. */
    String healthUrl(String part, String kind) {
        String base = part.equals("console") ? consoleUrl() : baseUrl(part);
        return base + "/q/health" + (kind.isEmpty() ? "" : "/" + kind);
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
