package dev.kam.infrastructure.supervision;

import dev.kam.contracts.PlatformFacts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of the local platform, by the name {@code ./kam} gives it: {@code kafka} (or {@code kafka-1} to
 * {@code kafka-3}, the nodes of a cluster), {@code postgres}, a service
 * ({@code customer-service}), an extra instance of one ({@code scoring-service@2}) or the {@code console}.
 *
 * @param service the service (or the console) it runs, its module's name; {@code null} for Kafka and PostgreSQL
 * @param instance 1 for a service's first instance, N for {@code SERVICE@N}, 0 for Kafka and PostgreSQL
 */
public record Part(String name, String service, int instance) {

    public static final Part KAFKA = new Part("kafka", null, 0);
    public static final Part POSTGRES = new Part("postgres", null, 0);
    /** The console: started and supervised like a service, with one instance and no database. */
    public static final Part CONSOLE = new Part(PlatformFacts.console().name(), PlatformFacts.console().name(), 1);

    private static final Pattern KAFKA_NODE = Pattern.compile("kafka-[1-9]");
    private static final Pattern SERVICE_NAME = Pattern.compile("([a-z-]+)(?:@([1-9][0-9]{0,3}))?");

    /** @throws KamException naming the parts there are, when {@code name} is none of them */
    public static Part named(String name) {
        return find(name).orElseThrow(() -> new KamException(
                "which part? kafka (kafka-N of a cluster), postgres, " + String.join(", ", PlatformFacts.services().stream().map(PlatformFacts.Service::name).toList())
                        + ", SERVICE@N or console"));
    }

    public static Optional<Part> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.equals(KAFKA.name)) {
            return Optional.of(KAFKA);
        }
        if (name.equals(POSTGRES.name)) {
            return Optional.of(POSTGRES);
        }
        if (name.equals(CONSOLE.name)) {
            return Optional.of(CONSOLE);
        }
        if (KAFKA_NODE.matcher(name).matches()) {
            return Optional.of(new Part(name, null, 0));
        }
        Matcher matcher = SERVICE_NAME.matcher(name);
        if (!matcher.matches() || PlatformFacts.services().stream().noneMatch(service -> service.name().equals(matcher.group(1)))) {
            return Optional.empty();
        }
        return Optional.of(new Part(name, matcher.group(1), matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2))));
    }

    /** Node {@code id} of an embedded Kafka cluster ({@code KAM_KAFKA_BROKERS=3}). */
    public static Part kafkaNode(int id) {
        return named("kafka-" + id);
    }

    /** A service or the console: an HTTP process with a readiness check, started from its module's Quarkus build. */
    public boolean isService() {
        return service != null;
    }

    public boolean isConsole() {
        return equals(CONSOLE);
    }

    /** The single Kafka broker or a node of the cluster. */
    public boolean isKafka() {
        return name.equals(KAFKA.name) || KAFKA_NODE.matcher(name).matches();
    }

    /** The node's number of a Kafka cluster's node; 0 for every other part. */
    int kafkaNode() {
        return KAFKA_NODE.matcher(name).matches() ? Integer.parseInt(name.substring("kafka-".length())) : 0;
    }

    /**
     * What the command line of this part's process holds: a pid file may outlive its process, and the pid be
     * given to another process since.
     */
    String commandLineMarker() {
        return isService() ? service + "/target/quarkus-app/quarkus-run.jar" : "dev.kam.infrastructure.KamLauncher infra --only " + name + " ";
    }

    @Override
    public String toString() {
        return name;
    }
}
