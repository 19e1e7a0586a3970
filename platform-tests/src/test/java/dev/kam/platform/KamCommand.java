package dev.kam.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
        for (String name : List.of("KAM_CUSTOMER_PORT", "KAM_SCORING_PORT", "KAM_TEAM_PORT", "KAM_KAFKA_PORT",
                "KAM_KAFKA_CONTROLLER_PORT", "KAM_POSTGRES_PORT")) {
            ports.put(name, freePort());
        }
    }

    public Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
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

    /** What the running local infrastructure wrote to {@code run/infra.env}: addresses, credentials, Kafka client settings. */
    public Map<String, String> infrastructureEnvironment() throws IOException {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("run/infra.env"))) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                String value = line.substring(equals + 1);
                environment.put(line.substring(0, equals), value.startsWith("'") && value.endsWith("'") && value.length() > 1
                        ? value.substring(1, value.length() - 1) : value);
            }
        }
        return environment;
    }

    /**
     * The settings a Kafka client of the running platform needs, as its services read them: the bootstrap address and
     * every {@code KAFKA_*} variable (security protocol, SASL, trust store) as a {@code kafka.*} setting.
     */
    public Map<String, Object> kafkaClientSettings() throws IOException {
        Map<String, Object> settings = new HashMap<>();
        infrastructureEnvironment().forEach((name, value) -> {
            if (name.equals("KAM_KAFKA_BOOTSTRAP")) {
                settings.put("bootstrap.servers", value);
            } else if (name.startsWith("KAFKA_")) {
                settings.put(name.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        return settings;
    }

    public int port(String name) {
        return ports.get(name);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
