package dev.kam.infrastructure.supervision;

import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.DevKeys;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The commands of {@code ./kam} that run processes: the script builds what is missing and hands over to these.
 * Each returns the exit code {@code ./kam} ends with.
 */
public final class KamCommands {

    private final Supervisor supervisor;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public KamCommands(Path root, Path home, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.supervisor = new Supervisor(root, home, environment, out, err);
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** Kafka, PostgreSQL and the three services, each started unless it runs; returns when all are ready. */
    public int up() throws IOException, InterruptedException {
        for (Path directory : List.of(supervisor.run, supervisor.logs, supervisor.keys, supervisor.data)) {
            Files.createDirectories(directory);
        }
        supervisor.checkPortsFree();
        DevKeys.ensure(supervisor.keys);
        out.println("starting Kafka and PostgreSQL (data in " + supervisor.data + ") ...");
        List<Part> kafka = supervisor.kafkaParts();
        if (kafka.size() > 1) {
            supervisor.ensureKafkaCluster(kafka.size());
        }
        supervisor.startInfrastructure(Part.POSTGRES);
        for (Part node : kafka) {
            supervisor.startInfrastructure(node); // side by side: a cluster's node waits for a quorum of the others
        }
        supervisor.awaitInfrastructure(Part.POSTGRES);
        for (Part node : kafka) {
            supervisor.awaitInfrastructure(node);
        }
        List<Part> services = PlatformFacts.services().stream().map(service -> Part.named(service.name())).toList();
        for (Part service : services) {
            supervisor.startService(service);
        }
        supervisor.startService(Part.CONSOLE);
        out.println("waiting for the services to be ready ...");
        for (Part service : services) {
            supervisor.awaitReady(service);
        }
        supervisor.awaitReady(Part.CONSOLE);
        Map<String, String> infrastructure = supervisor.infrastructureEnvironment();
        String databaseUrl = infrastructure.getOrDefault("KAM_DB_URL_" + PlatformFacts.databases().get(0).toUpperCase(java.util.Locale.ROOT), "");
        String databaseServer = databaseUrl.replaceFirst("\\?.*$", ""); // without the TLS parameters, whose paths hold slashes
        databaseServer = databaseServer.substring(0, databaseServer.lastIndexOf('/') + 1);
        out.println();
        out.println("KAM is up.");
        for (Part service : services) {
            out.printf("  %-27s http://localhost:%d%s%n", service, supervisor.port(service),
                    service.service().equals("customer-service") ? "   (Swagger UI: /q/swagger-ui)" : "");
        }
        out.printf("  %-27s %s   (%s)%n", "console", consoleUrl(), "oidc".equals(environment.get("KAM_CONSOLE_SIGN_IN"))
                ? "sign in through " + environment.getOrDefault("KAM_CONSOLE_OIDC_PROVIDER", "the identity provider")
                : "sign in with a role of your choice");
        out.printf("  %-27s %s%n", "Kafka", infrastructure.get("KAM_KAFKA_BOOTSTRAP"));
        out.printf("  %-27s %s  (databases %s; user %s)%n", "PostgreSQL", databaseServer,
                String.join(" ", PlatformFacts.databases()), infrastructure.get("KAM_DB_USER"));
        out.println();
        out.println("Try:  curl -H \"Authorization: Bearer $(./kam token viewer)\" http://localhost:"
                + supervisor.port(services.get(0)) + "/api/v1/service-info");
        out.println("Open the console: " + consoleUrl());
        out.println("Logs: ./kam logs SERVICE     Stop: ./kam down");
        return 0;
    }

    /** Every process ./kam started, services first; the data stays. */
    public int down() throws IOException, InterruptedException {
        supervisor.stop(Part.CONSOLE);
        for (Part service : supervisor.serviceProcesses()) {
            supervisor.stop(service);
        }
        supervisor.stop(supervisor.knownKafkaParts());
        supervisor.stop(Part.POSTGRES);
        supervisor.stopOrphanedPostgres();
        Files.deleteIfExists(supervisor.run.resolve("infra.env"));
        for (Path file : supervisor.infrastructureEnvFiles()) {
            Files.deleteIfExists(file);
        }
        out.println("KAM is down (data kept in " + supervisor.data + ")");
        return 0;
    }

    public int status() {
        List<Part> parts = new ArrayList<>(supervisor.knownKafkaParts());
        parts.add(Part.POSTGRES);
        parts.addAll(supervisor.httpProcesses());
        for (Part part : parts) {
            String state;
            if (!supervisor.isRunning(part)) {
                state = "stopped";
            } else {
                long pid = supervisor.pid(part).getAsLong();
                if (!part.isService()) {
                    state = "running (pid " + pid + ")";
                } else if (supervisor.isReady(part)) {
                    state = "ready on http://localhost:" + supervisor.port(part) + " (pid " + pid + ")";
                } else {
                    state = "running but not ready (pid " + pid + "; see ./kam logs " + part + ")";
                }
            }
            out.printf("%-27s %s%n", part, state);
        }
        Map<String, String> infrastructure = supervisor.infrastructureEnvironment();
        if (!infrastructure.isEmpty()) {
            out.printf("%-27s %s%n", "kafka server", infrastructure.getOrDefault("KAM_KAFKA_DESCRIPTION", "?"));
            out.printf("%-27s %s%n", "postgresql server", infrastructure.getOrDefault("KAM_POSTGRES_DESCRIPTION", "?"));
        }
        return 0;
    }

    /** A part's log, or the build's; {@code -f} follows it as it grows (and after it is truncated or replaced). */
    public int logs(String name, boolean follow) throws IOException, InterruptedException {
        if (!name.equals("build") && Part.find(name).isEmpty()) {
            throw new KamException("which log? " + String.join(", ", PlatformFacts.services().stream().map(PlatformFacts.Service::name).toList())
                    + " (or SERVICE@N), console, kafka, postgres or build");
        }
        Path log = supervisor.log(name);
        if (!Files.isRegularFile(log)) {
            throw new KamException("no log for " + name + " yet (" + log + ")");
        }
        if (!follow) {
            Files.copy(log, out);
            out.flush();
            return 0;
        }
        Processes.lastLines(log, 200).forEach(out::println);
        long position = Files.size(log);
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            Thread.sleep(250);
            if (!Files.isRegularFile(log)) {
                continue; // replaced: the new one is read from its start
            }
            long size = Files.size(log);
            if (size < position) {
                position = 0;
            }
            if (size > position) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(position);
                    int read;
                    while ((read = file.read(buffer)) > 0) {
                        out.write(buffer, 0, read);
                        position += read;
                    }
                }
                out.flush();
            }
        }
    }

    public int start(Part part) throws IOException, InterruptedException {
        Files.createDirectories(supervisor.run);
        Files.createDirectories(supervisor.logs);
        if (part.isService()) {
            if (!Files.isRegularFile(supervisor.run.resolve("infra.env"))) {
                throw new KamException("Kafka and PostgreSQL are not running; start the platform with ./kam up");
            }
            supervisor.startService(part);
            supervisor.awaitReady(part);
        } else {
            supervisor.startInfrastructure(part);
            supervisor.awaitInfrastructure(part);
        }
        out.println(part + " started");
        return 0;
    }

    /** @param immediately PostgreSQL only: its crash-like stop, no checkpoint, recovery at the next start */
    public int stop(Part part, boolean immediately) throws IOException, InterruptedException {
        if (part.equals(Part.POSTGRES) && immediately) {
            supervisor.stopPostgresImmediately();
        }
        supervisor.stop(part);
        if (part.equals(Part.POSTGRES)) {
            supervisor.stopOrphanedPostgres();
        }
        if (!part.isService()) {
            Files.deleteIfExists(supervisor.run.resolve(part.name() + ".env"));
        }
        return 0;
    }

    public int kill(Part part) throws IOException, InterruptedException {
        if (part.equals(Part.POSTGRES)) {
            throw new KamException("use ./kam stop postgres --immediate: PostgreSQL's own crash-like stop");
        }
        supervisor.kill(part);
        return 0;
    }

    /** The demo against the running platform, in a JVM of its own (its own class path). */
    public int demo(List<String> arguments) throws IOException, InterruptedException {
        for (PlatformFacts.Service service : PlatformFacts.services()) {
            if (!supervisor.isRunning(Part.named(service.name()))) {
                throw new KamException(service.name() + " is not running; start the platform first with ./kam up");
            }
        }
        List<String> command = new ArrayList<>(List.of(Supervisor.java(), "-Xmx512m", "-cp", moduleClassPath("demo"), "dev.kam.demo.Demo",
                "--keys", supervisor.keys.toString()));
        command.addAll(List.of("--customer", serviceUrl("customer-service"), "--scoring", serviceUrl("scoring-service"),
                "--team", serviceUrl("team-coordination-service"), "--console", consoleUrl()));
        command.addAll(arguments);
        return runInForeground(command);
    }

    /**
     * The benchmarks on a fresh platform of their own ({@code KAM_HOME/bench}), so runs compare; that platform is
     * stopped however the run ends (Ctrl-C included).
     */
    public int bench(List<String> arguments) throws IOException, InterruptedException {
        return onAFreshPlatform("bench", "dev.kam.bench.Bench", arguments);
    }

    /** The soak ({@code dev.kam.bench.Soak}) on a fresh platform of its own ({@code KAM_HOME/soak}), stopped however it ends. */
    public int soak(List<String> arguments) throws IOException, InterruptedException {
        return onAFreshPlatform("soak", "dev.kam.bench.Soak", arguments);
    }

    private int onAFreshPlatform(String name, String mainClass, List<String> arguments) throws IOException, InterruptedException {
        Path ownHome = supervisor.home.resolve(name);
        KamCommands own = new KamCommands(supervisor.root, ownHome, environment, out, err);
        own.downQuietly();
        deleteRecursively(ownHome.resolve("data"));
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable down = () -> {
            if (stopped.compareAndSet(false, true)) {
                own.downQuietly();
            }
        };
        Thread onExit = new Thread(down, "kam-" + name + "-down");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            long started = System.nanoTime();
            own.up();
            long upSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            List<String> command = new ArrayList<>(List.of(Supervisor.java(), "-Xmx2g", "-cp", moduleClassPath("benchmarks"), mainClass,
                    "--root", supervisor.root.toString(), "--home", ownHome.toString(), "--up-seconds", String.valueOf(upSeconds)));
            command.addAll(arguments);
            return runInForeground(command);
        } finally {
            down.run();
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
    }

    /** Stops what runs under this home, saying nothing: a platform that is not running has nothing to stop. */
    private void downQuietly() {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        try {
            new KamCommands(supervisor.root, supervisor.home, environment, silent, silent).down();
        } catch (IOException | RuntimeException e) {
            err.println("kam: could not stop the platform under " + supervisor.home + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String consoleUrl() {
        return "http://localhost:" + supervisor.port(Part.CONSOLE);
    }

    private String serviceUrl(String service) {
        return "http://localhost:" + supervisor.port(Part.named(service));
    }

    /** The module's jar and its dependencies ({@code target/lib}), as its build leaves them. */
    private String moduleClassPath(String module) throws IOException {
        Path target = supervisor.root.resolve(module).resolve("target");
        try (Stream<Path> jars = Files.list(target)) {
            Path jar = jars.filter(path -> path.getFileName().toString().matches(module + "-[0-9].*(?<!-sources|-tests|-javadoc)\\.jar"))
                    .findFirst().orElseThrow(() -> new KamException(module + " is not built (no jar in " + target + ")"));
            return jar + java.io.File.pathSeparator + target.resolve("lib") + java.io.File.separator + "*";
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KamException(module + " is not built (" + target + " is missing)");
        }
    }

    private static int runInForeground(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
