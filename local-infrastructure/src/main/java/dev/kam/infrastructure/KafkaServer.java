package dev.kam.infrastructure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A Kafka broker the platform can use, however it was obtained. Closing stops what was started. */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    /**
     * What a client needs besides the bootstrap servers, as {@code kafka.*} settings without the prefix (security
     * protocol, SASL mechanism and JAAS settings, trust store); empty for a plaintext broker.
     */
    default Map<String, String> clientSettings() {
        return Map.of();
    }

    /** {@link #clientSettings()} as the environment variables a service reads them from ({@code KAFKA_SECURITY_PROTOCOL}). */
    default Map<String, String> clientEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        clientSettings().forEach((name, value) -> environment.put("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return environment;
    }

    /** A human-readable description for logs and {@code ./kam status}. */
    String describe();

    @Override
    void close();
}
