package dev.kam.infrastructure.supervision;

import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.EnvFile;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The processes of one local platform ({@code KAM_HOME}): Kafka, PostgreSQL and the services, each its own process,
 * so that any one can be stopped, killed or started again while the others run (the fault suite does all three).
 * What it knows of them lives in files that outlast it: {@code run/NAME.pid}, {@code run/NAME.port}, the
 * infrastructure's {@code run/kafka.env} and {@code run/postgres.env} joined in {@code run/infra.env}, and
 * {@code logs/NAME.log}.
 */
public final class Supervisor {

    private static final Duration POLL = Duration.ofMillis(500);

    final Path root;
    final Path home;
    final Path run;
    final Path logs;
    final Path keys;
    final Path data;
    private final Map<String, String> environment;
    private final Duration startTimeout;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param environment the settings the user gave (KAM_* ports and modes, KAFKA_* client settings): they reach
     *        every process started, and win over what the local infrastructure wrote
     */
    public Supervisor(Path root, Path home, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.root = root;
        this.home = home;
        this.run = home.resolve("run");
        this.logs = home.resolve("logs");
        this.keys = home.resolve("keys");
        this.data = home.resolve("data");
        this.environment = Map.copyOf(environment);
        this.startTimeout = Duration.ofSeconds(Long.parseLong(environment.getOrDefault("KAM_START_TIMEOUT", "180")));
        this.out = out;
        this.err = err;
    }

    // --- what runs -------------------------------------------------------------------------------------

    OptionalLong pid(Part part) {
        try {
            Path file = pidFile(part);
            return Files.isRegularFile(file) ? OptionalLong.of(Long.parseLong(Files.readString(file).strip())) : OptionalLong.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** Running: the pid file names a live process that is this part, not another process that got its pid since. */
    public boolean isRunning(Part part) {
        OptionalLong pid = pid(part);
        return pid.isPresent() && Processes.alive(pid.getAsLong())
                && Processes.commandLine(pid.getAsLong()).contains(part.commandLineMarker());
    }

    /** The three services and every extra instance a pid file names, in that order (not the console). */
    public List<Part> serviceProcesses() {
        List<Part> parts = new ArrayList<>();
        for (PlatformFacts.Service service : PlatformFacts.services()) {
            parts.add(Part.named(service.name()));
            TreeSet<String> instances = new TreeSet<>();
            if (Files.isDirectory(run)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(run, service.name() + "@*.pid")) {
                    files.forEach(file -> instances.add(file.getFileName().toString().replaceFirst("\\.pid$", "")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            instances.forEach(name -> Part.find(name).ifPresent(parts::add));
        }
        return parts;
    }

    /** The service processes and the console, as {@code down} and {@code status} treat them. */
    public List<Part> httpProcesses() {
        List<Part> parts = new ArrayList<>(serviceProcesses());
        parts.add(Part.CONSOLE);
        return parts;
    }

    /**
     * The processes Kafka runs as for {@code ./kam up}: one broker ({@code kafka}), or with {@code KAM_KAFKA_BROKERS=3}
     * the three nodes of a cluster ({@code kafka-1} to {@code kafka-3}).
     */
    public List<Part> kafkaParts() {
        int brokers = setting("KAM_KAFKA_BROKERS", 1);
        if (brokers == 1) {
            return List.of(Part.KAFKA);
        }
        if (brokers != 3) {
            throw new KamException("KAM_KAFKA_BROKERS must be 1 (a single broker) or 3 (a cluster), not " + brokers);
        }
        return java.util.stream.IntStream.rangeClosed(1, brokers).mapToObj(Part::kafkaNode).toList();
    }

    /** Every Kafka process this home knows of (a pid file), else the ones {@code ./kam up} would start. */
    public List<Part> knownKafkaParts() {
        List<Part> known = new ArrayList<>();
        for (Part part : List.of(Part.KAFKA, Part.kafkaNode(1), Part.kafkaNode(2), Part.kafkaNode(3))) {
            if (Files.isRegularFile(pidFile(part))) {
                known.add(part);
            }
        }
        return known.isEmpty() ? kafkaParts() : known;
    }

    /** A service's own port: its port variable, or the platform facts'. */
    public int servicePort(String service) {
        if (service.equals(Part.CONSOLE.service())) {
            return setting(PlatformFacts.console().portVariable(), PlatformFacts.console().port());
        }
        PlatformFacts.Service facts = PlatformFacts.services().stream().filter(candidate -> candidate.name().equals(service))
                .findFirst().orElseThrow(() -> new KamException("no service named " + service));
        return setting(facts.portVariable(), facts.port());
    }

    /**
     * The port a service process listens on: the one it was started on, or for a start the service's port plus
     * 100*(N-1) for {@code SERVICE@N}, or {@code KAM_INSTANCE_PORT} when set for an extra instance.
     */
    public int port(Part part) {
        Path file = run.resolve(part.name() + ".port");
        if (Files.isRegularFile(file)) {
            try {
                return Integer.parseInt(Files.readString(file).strip());
            } catch (IOException | NumberFormatException unreadable) {
                // as if never started
            }
        }
        String instancePort = environment.get("KAM_INSTANCE_PORT");
        if (part.instance() > 1 && instancePort != null && !instancePort.isBlank()) {
            return Integer.parseInt(instancePort.strip());
        }
        return servicePort(part.service()) + 100 * (part.instance() - 1);
    }

    public boolean isReady(Part service) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2;
        } catch (IOException notAnswering) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the local infrastructure wrote: addresses, credentials, Kafka client settings; empty when it is not up. */
    public Map<String, String> infrastructureEnvironment() {
        try {
            return EnvFile.read(List.of(run.resolve("infra.env")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    // --- Kafka and PostgreSQL --------------------------------------------------------------------------

    /** Starts Kafka or PostgreSQL as a process of its own (so either can be stopped alone); returns at once. */
    public void startInfrastructure(Part part) throws IOException, InterruptedException {
        Path envFile = run.resolve(part.name() + ".env");
        if (isRunning(part) && Files.isRegularFile(envFile)) {
            out.println(part + " already running (pid " + pid(part).getAsLong() + ")");
            return;
        }
        if (part.equals(Part.POSTGRES)) {
            stopOrphanedPostgres();
        }
        Files.deleteIfExists(envFile);
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "dev.kam.infrastructure.KamLauncher", "infra", "--only", part.name(), "--data-dir", data.toString(), "--env-file", envFile.toString()));
        if (part.kafkaNode() > 0) {
            Properties cluster = kafkaCluster();
            command.addAll(List.of("--cluster-id", cluster.getProperty("cluster.id"), "--brokers", cluster.getProperty("brokers")));
        }
        launch(part, command, Map.of());
    }

    /**
     * The embedded Kafka cluster's id and size, made by the {@code ./kam up} that first starts it and kept with its
     * data: every node is formatted with the same id, and a node started again alone rejoins the same cluster.
     */
    public Properties ensureKafkaCluster(int brokers) throws IOException {
        Path file = data.resolve("kafka-cluster/cluster.properties");
        if (!Files.isRegularFile(file)) {
            Properties cluster = new Properties();
            cluster.setProperty("cluster.id", org.apache.kafka.common.Uuid.randomUuid().toString());
            cluster.setProperty("brokers", String.valueOf(brokers));
            Files.createDirectories(file.getParent());
            try (var writer = Files.newBufferedWriter(file)) {
                cluster.store(writer, "the embedded Kafka cluster of this data directory");
            }
        }
        return kafkaCluster();
    }

    private Properties kafkaCluster() throws IOException {
        Path file = data.resolve("kafka-cluster/cluster.properties");
        if (!Files.isRegularFile(file)) {
            throw new KamException("no Kafka cluster under " + data + "; start one with KAM_KAFKA_BROKERS=3 ./kam up");
        }
        Properties cluster = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            cluster.load(reader);
        }
        return cluster;
    }

    /** Waits until Kafka or PostgreSQL wrote its addresses, then joins both parts' addresses into run/infra.env. */
    public void awaitInfrastructure(Part part) throws IOException, InterruptedException {
        Path envFile = run.resolve(part.name() + ".env");
        awaitStarted(part, () -> Files.isRegularFile(envFile), "could not start", "was not up");
        EnvFile.write(run.resolve("infra.env"), EnvFile.read(infrastructureEnvFiles()));
    }

    /** What Kafka and PostgreSQL wrote, one file per process (every node of a cluster names the same addresses). */
    public List<Path> infrastructureEnvFiles() {
        List<Path> files = new ArrayList<>(List.of(run.resolve("postgres.env"), run.resolve("kafka.env")));
        for (int node = 1; node <= 3; node++) {
            files.add(run.resolve(Part.kafkaNode(node).name() + ".env"));
        }
        return files;
    }

    /** The postmaster of the platform's data directory, if one runs: a killed launcher leaves it behind. */
    OptionalLong postmaster() {
        Path pidFile = data.resolve("postgres/postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return Processes.alive(pid) && Processes.commandLine(pid).contains("postgres") ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** A PostgreSQL left behind by a killed launcher still holds the data directory: stopped (fast shutdown) first. */
    public void stopOrphanedPostgres() throws InterruptedException {
        OptionalLong pid = postmaster();
        if (pid.isEmpty()) {
            return;
        }
        out.println("stopping a PostgreSQL left running from an earlier start (pid " + pid.getAsLong() + ")");
        Processes.signal(pid.getAsLong(), "INT");
        Processes.awaitExit(pid.getAsLong(), Duration.ofSeconds(30).toMillis());
    }

    /** PostgreSQL's immediate shutdown (SIGQUIT): no checkpoint, clients cut off, crash recovery at the next start. */
    public void stopPostgresImmediately() throws InterruptedException {
        OptionalLong pid = postmaster();
        if (pid.isPresent()) {
            Processes.signal(pid.getAsLong(), "QUIT");
            Processes.awaitExit(pid.getAsLong(), Duration.ofSeconds(20).toMillis());
        }
    }

    // --- services --------------------------------------------------------------------------------------

    /** Refuses, before anything starts, when a port the platform needs belongs to another process. */
    public void checkPortsFree() {
        List<Part> http = new ArrayList<>(PlatformFacts.services().stream().map(service -> Part.named(service.name())).toList());
        http.add(Part.CONSOLE);
        for (Part part : http) {
            int port = servicePort(part.service());
            if (!isRunning(part) && Processes.portInUse(port)) {
                throw new KamException("port " + port + " for " + part + " is already in use by another process");
            }
        }
        String kafkaMode = environment.getOrDefault("KAM_KAFKA_MODE", environment.getOrDefault("KAM_INFRA_MODE", "embedded"));
        if (!kafkaMode.equals("embedded")) {
            return;
        }
        for (Part kafka : kafkaParts()) {
            int offset = 100 * Math.max(0, kafka.kafkaNode() - 1); // node N of a cluster: the ports plus 100*(N-1)
            int kafkaPort = setting("KAM_KAFKA_PORT", PlatformFacts.kafkaPort()) + offset;
            int controllerPort = setting("KAM_KAFKA_CONTROLLER_PORT", PlatformFacts.kafkaControllerPort()) + offset;
            if (isRunning(kafka)) {
                continue;
            }
            if (Processes.portInUse(kafkaPort)) {
                throw new KamException("port " + kafkaPort + " for " + kafka + " is already in use by another process");
            }
            if (Processes.portInUse(controllerPort)) {
                throw new KamException("port " + controllerPort + " for the controller of " + kafka + " is already in use by another process");
            }
        }
    }

    /**
     * Starts a service process on its port with what the local infrastructure says (addresses, Kafka client
     * settings) where the user's environment does not say otherwise; returns at once.
     */
    public void startService(Part part) throws IOException {
        if (isRunning(part)) {
            out.println(part + " already running (pid " + pid(part).getAsLong() + ")");
            return;
        }
        Path jar = root.resolve(part.service()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new KamException(part.service() + " is not built (" + jar + " is missing); ./kam up builds it");
        }
        int port = port(part);
        if (Processes.portInUse(port)) {
            throw new KamException("port " + port + " for " + part + " is already in use by another process");
        }
        Map<String, String> settings = new java.util.HashMap<>(infrastructureEnvironment());
        settings.putAll(environment);
        if (part.isConsole()) {
            // the services where this platform runs them, and the local key that signs a local sign-in's tokens
            settings.put("KAM_CUSTOMER_URL", "http://localhost:" + servicePort("customer-service"));
            settings.put("KAM_SCORING_URL", "http://localhost:" + servicePort("scoring-service"));
            settings.put("KAM_TEAM_URL", "http://localhost:" + servicePort("team-coordination-service"));
            settings.put("KAM_JWT_PRIVATE_KEY_LOCATION", keys.resolve("private.pem").toString());
        } else {
            String database = PlatformFacts.services().stream().filter(service -> service.name().equals(part.service()))
                    .findFirst().orElseThrow().database();
            settings.put("KAM_DB_URL", settings.getOrDefault("KAM_DB_URL_" + database.toUpperCase(Locale.ROOT), ""));
        }
        settings.put("KAM_JWT_PUBLIC_KEY_LOCATION", "file:" + keys.resolve("public.pem"));
        settings.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        List<String> command = new ArrayList<>();
        command.add(java());
        String javaOptions = environment.getOrDefault("KAM_JAVA_OPTS", "");
        command.addAll(javaOptions.isBlank() ? List.of("-Xmx384m") : Arrays.asList(javaOptions.strip().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        launch(part, command, settings);
        Files.writeString(run.resolve(part.name() + ".port"), port + "\n");
    }

    /** Waits until the service answers ready; fails with its log's end when it stops during the start. */
    public void awaitReady(Part part) throws IOException, InterruptedException {
        awaitStarted(part, () -> isReady(part), "stopped during start", "was not ready");
    }

    /**
     * Polls until {@code started}; fails when the process ends first (with its log's end, and its pid forgotten) or
     * the start timeout passes.
     */
    private void awaitStarted(Part part, java.util.function.BooleanSupplier started, String ended, String late)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!started.getAsBoolean()) {
            if (!isRunning(part)) {
                showLogTail(part.name());
                Files.deleteIfExists(pidFile(part));
                throw new KamException(part + " " + ended + "; the log is " + log(part.name()));
            }
            if (System.nanoTime() > deadline) {
                throw new KamException(part + " " + late + " after " + startTimeout.toSeconds() + "s; see " + log(part.name()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    // --- stopping --------------------------------------------------------------------------------------

    /**
     * SIGTERM, and SIGKILL if the process has not ended within 30 s; returns once its last thread has ended (its ports
     * and files are free then, see {@link Processes#alive}) and forgets its pid and port.
     */
    public void stop(Part part) throws IOException, InterruptedException {
        stop(List.of(part));
    }

    /**
     * Stops {@code parts} side by side: all are signalled before any is waited for (the last node of a Kafka cluster
     * would otherwise wait in vain for a controller quorum to shut down in order).
     */
    public void stop(List<Part> parts) throws IOException, InterruptedException {
        Map<Part, Long> signalled = new java.util.LinkedHashMap<>();
        for (Part part : parts) {
            if (isRunning(part)) {
                long pid = pid(part).getAsLong();
                Processes.signal(pid, "TERM");
                signalled.put(part, pid);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Map.Entry<Part, Long> process : signalled.entrySet()) {
            long pid = process.getValue();
            if (!Processes.awaitExit(pid, Math.max(0, (deadline - System.nanoTime()) / 1_000_000))) {
                Processes.signal(pid, "KILL");
                if (!Processes.awaitExit(pid, Duration.ofMinutes(1).toMillis())) {
                    throw new KamException(process.getKey() + " (pid " + pid + ") was sent SIGKILL and still lives after a minute");
                }
            }
            out.println("stopped " + process.getKey());
        }
        for (Part part : parts) {
            Files.deleteIfExists(pidFile(part));
            Files.deleteIfExists(run.resolve(part.name() + ".port"));
        }
    }

    /**
     * SIGKILL, as a crash: returns once the process's last thread has ended; the port is kept, so a start brings the
     * process back where its clients look for it.
     */
    public void kill(Part part) throws IOException, InterruptedException {
        if (isRunning(part)) {
            long pid = pid(part).getAsLong();
            Processes.signal(pid, "KILL");
            if (!Processes.awaitExit(pid, Duration.ofMinutes(1).toMillis())) {
                throw new KamException(part + " (pid " + pid + ") was sent SIGKILL and still lives after a minute");
            }
            out.println("killed " + part + " (pid " + pid + ")");
        }
        Files.deleteIfExists(pidFile(part));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /**
     * Starts {@code command} as {@code part}'s process, detached in a session of its own (it outlives this launcher
     * and a terminal's hang-up or Ctrl-C), output appended to its log, and records its pid.
     */
    private void launch(Part part, List<String> command, Map<String, String> settings) throws IOException {
        Files.createDirectories(run);
        Files.createDirectories(logs);
        List<String> detached = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            detached.add("/usr/bin/setsid"); // execs in place: the pid stays the java process's
        }
        detached.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(detached).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(part.name()).toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(settings);
        Process process = builder.start();
        Files.writeString(pidFile(part), process.pid() + "\n");
    }

    private void showLogTail(String name) {
        Processes.lastLines(log(name), 20).forEach(err::println);
    }

    private Path pidFile(Part part) {
        return run.resolve(part.name() + ".pid");
    }

    private int setting(String name, int defaultValue) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
