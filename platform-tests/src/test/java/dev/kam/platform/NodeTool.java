package dev.kam.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the integrators' tools that the build installed from the npm registry ({@code npm ci} in this module,
 * pinned by package-lock.json) with the machine's Node.js.
 */
final class NodeTool {

    record Result(int exitCode, String output) {
    }

    /** This module's folder, where package.json and node_modules are. */
    static final Path MODULE = Path.of(System.getProperty("kam.root", "..")).toAbsolutePath().normalize().resolve("platform-tests");

    private NodeTool() {
    }

    /** A command of {@code node_modules/.bin}, e.g. {@code spectral} or {@code tsc}. */
    static Result bin(String tool, Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(MODULE.resolve("node_modules/.bin").resolve(tool).toString());
        command.addAll(List.of(arguments));
        return run(command, Map.of(), timeout);
    }

    /** A script of {@code src/test/node} or a compiled one, run by node. */
    static Result node(Path script, Map<String, String> environment, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(arguments));
        return run(command, environment, timeout);
    }

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("kam-node-tool-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
