package dev.kam.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The platform's facts (its services with their ports and databases, the console's port, the roles, the local infrastructure's ports),
 * read from {@code platform-facts.properties}, the one place they are written; {@code ./kam} reads the same file.
 */
public final class PlatformFacts {

    /**
     * @param portVariable the environment variable that moves the service's port under {@code ./kam}
     */
    public record Service(String name, int port, String portVariable, String database) {
    }

    /** The console: a deployable with a port and no database of its own. */
    public record Console(String name, int port, String portVariable) {
    }

    private static final Properties FACTS = load();

    /** The three services, in the order they are started. */
    public static List<Service> services() {
        return words("services").stream().map(PlatformFacts::service).toList();
    }

    public static Service service(String name) {
        if (!words("services").contains(name)) {
            throw new IllegalArgumentException("no service named " + name + "; the services are " + words("services"));
        }
        return new Service(name, Integer.parseInt(required(name + ".port")), required(name + ".port-variable"), required(name + ".database"));
    }

    public static Console console() {
        return new Console("console", Integer.parseInt(required("console.port")), required("console.port-variable"));
    }

    public static List<String> databases() {
        return services().stream().map(Service::database).toList();
    }

    public static List<String> roles() {
        return words("roles");
    }

    public static int kafkaPort() {
        return Integer.parseInt(required("kafka.port"));
    }

    public static int kafkaControllerPort() {
        return Integer.parseInt(required("kafka.controller-port"));
    }

    public static int postgresPort() {
        return Integer.parseInt(required("postgres.port"));
    }

    private static List<String> words(String key) {
        return Arrays.stream(required(key).trim().split("\\s+")).toList();
    }

    private static String required(String key) {
        String value = FACTS.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("platform-facts.properties has no " + key);
        }
        return value.trim();
    }

    private static Properties load() {
        try (InputStream in = PlatformFacts.class.getResourceAsStream("/platform-facts.properties")) {
            if (in == null) {
                throw new IllegalStateException("platform-facts.properties is not on the class path");
            }
            Properties facts = new Properties();
            facts.load(in);
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlatformFacts() {
    }
}
