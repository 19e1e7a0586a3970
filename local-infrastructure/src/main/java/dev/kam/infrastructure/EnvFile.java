package dev.kam.infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code NAME='value'} files the local infrastructure writes under {@code run/} (addresses, credentials, Kafka
 * client settings), as the services' environment, the launcher and the platform's clients read them. Values go in
 * single quotes, so a shell that sources the file takes them as they are ({@code &} and {@code ?} of a JDBC URL's TLS
 * parameters, the quotes of a JAAS setting).
 */
public final class EnvFile {

    /** Writes {@code variables} to {@code file} at once (a reader never sees half of it). */
    public static void write(Path file, Map<String, String> variables) throws IOException {
        StringBuilder text = new StringBuilder();
        variables.forEach((name, value) -> text.append(name).append('=').append(quoted(value)).append('\n'));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The variables of {@code files} in order (a later file's value wins); files that do not exist are skipped. */
    public static Map<String, String> read(List<Path> files) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                variables.putAll(read(file));
            }
        }
        return variables;
    }

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                String value = line.substring(equals + 1);
                variables.put(line.substring(0, equals), value.length() > 1 && value.startsWith("'") && value.endsWith("'")
                        ? value.substring(1, value.length() - 1) : value);
            }
        }
        return variables;
    }

    private static String quoted(String value) {
        if (value.contains("'")) {
            throw new IllegalArgumentException("a setting with a single quote cannot go into an env file: " + value);
        }
        return "'" + value + "'";
    }

    private EnvFile() {
    }
}
