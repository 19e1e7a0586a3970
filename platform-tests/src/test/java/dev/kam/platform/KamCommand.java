package dev.kam.platform;

import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.client.RunningPlatform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./kam} of this checkout as a user would, on free ports and in a home of its own. */
public final class KamCommand {

    public record Result(int exitCode, String output) {
    }

    public final Path root = Path.of(System.getProperty("kam.root", "..")).toAbsolutePath().normalize();
    public final Path home;
    public final Map<String, Integer> ports = new HashMap<>();
    /** Further settings for ./kam and the services it starts, e.g. KAM_TRACING_OTLP_ENDPOINT. */
    public final Map<String, String> environment = new HashMap<>();

    public KamCommand(Path home) {
        this.home = home;
        for (PlatformFacts.Service service : PlatformFacts.services()) {
            ports.put(service.portVariable(), freePort());
        }
        ports.put(PlatformFacts.console().portVariable(), freePort());
        for (String name : List.of("KAM_KAFKA_PORT", "KAM_KAFKA_CONTROLLER_PORT", "KAM_POSTGRES_PORT")) {
            ports.put(name, freePort());
        }
    }

    /**
     * The platform on a cluster of {@code brokers} Kafka brokers: node N listens on the Kafka ports plus 100*(N-1), so
     * those ports are chosen with every node's free.
     */
    public void useKafkaCluster(int brokers) {
        environment.put("KAM_KAFKA_BROKERS", String.valueOf(brokers));
        for (String name : List.of("KAM_KAFKA_PORT", "KAM_KAFKA_CONTROLLER_PORT")) {
            ports.put(name, freePortWithNeighbours(brokers));
        }
    }

    public Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        if (arguments.length > 0 && arguments[0].equals("up")) {
            SharedPlatforms.stopAllBut(home); // one platform at a time on two cores
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("kam").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Path output = Files.createTempFile(home, "kam-output-", ".txt");
        builder.redirectOutput(output.toFile());
        builder.environment().put("KAM_HOME", home.toString());
        ports.forEach((name, port) -> builder.environment().put(name, String.valueOf(port)));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./kam " + String.join(" ", arguments) + " did not finish in " + timeout
                    + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The platform this command started, as its clients reach it (addresses, credentials, Kafka settings, tokens). */
    public RunningPlatform platform() {
        return RunningPlatform.at(home);
    }

    /** What the running local infrastructure wrote to {@code run/infra.env}: addresses, credentials, Kafka client settings. */
    public Map<String, String> infrastructureEnvironment() {
        return platform().environment();
    }

    /** The settings a Kafka client of the running platform needs, as its services read them. */
    public Map<String, Object> kafkaClientSettings() {
        return platform().kafkaClientSettings();
    }

    public int port(String name) {
        return ports.get(name);
    }

    /** A free port p with p+100, ..., p+100*(count-1) free too, all outside the kernel's ephemeral range. */
    static int freePortWithNeighbours(int count) {
        return TestPorts.freePortWithNeighbours(count);
    }

    /** A free port outside the kernel's ephemeral range, never one handed out before in this JVM (see {@link TestPorts}). */
    public static int freePort() {
        return TestPorts.freePort();
    }
}
