package dev.kam.foundation.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every Kafka client the platform builds outside SmallRye channels (the outbox relay's and the dead letters'
 * producers, the topic initializer's and the metrics' admin clients) from the same {@code kafka.*} settings the
 * channels read: bootstrap servers, security protocol, SASL mechanism and JAAS settings, trust and key stores, given
 * once as properties or environment variables ({@code KAFKA_SECURITY_PROTOCOL}). Each client takes the settings it
 * knows; the reliability of the platform's producers is enforced over whatever is configured.
 */
@ApplicationScoped
public class KafkaClients {

    /** The largest record the producers send, the broker's default {@code message.max.bytes} (1 MiB). */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    /**
     * What no setting may weaken: a record is acknowledged once every in-sync replica has it, and retries neither
     * reorder nor duplicate within a partition (the outbox's order per customer rests on it).
     */
    static final Map<String, Object> ENFORCED_PRODUCER_SETTINGS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");

    private final Map<String, Object> shared;

    /** @param kafkaSettings every {@code kafka.*} setting without its prefix, as SmallRye's channels get them */
    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings) {
        this.shared = Map.copyOf(kafkaSettings);
    }

    /**
     * An idempotent producer that waits for all in-sync replicas, so an acknowledged record is durable and retries
     * never reorder or duplicate within a partition. Times out in seconds, not minutes, so a broker outage surfaces
     * quickly and is retried by the caller.
     */
    public KafkaProducer<String, byte[]> reliableProducer(String clientId) {
        return new KafkaProducer<>(producerSettings(shared, clientId), new StringSerializer(), new ByteArraySerializer());
    }

    /** The {@code kafka.*} settings every client starts from. */
    Map<String, Object> shared() {
        return shared;
    }

    /** An admin client; each call waits at most {@code apiTimeout}. */
    public Admin admin(String clientId, Duration apiTimeout) {
        return Admin.create(adminSettings(shared, clientId, apiTimeout));
    }

    /** The producer's settings: the shared ones a producer knows, the platform's defaults where none is set, the enforced ones. */
    static Map<String, Object> producerSettings(Map<String, Object> shared, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        // Kafka's default, written out: the platform's input limits keep every event far below it (README, "Limits").
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        settings.putAll(known(shared, ProducerConfig.configNames()));
        settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG); // this client's own
        settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        settings.putAll(ENFORCED_PRODUCER_SETTINGS);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return settings;
    }

    static Map<String, Object> adminSettings(Map<String, Object> shared, String clientId, Duration apiTimeout) {
        Map<String, Object> settings = new HashMap<>(known(shared, AdminClientConfig.configNames()));
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(apiTimeout.toMillis(), 10_000));
        return settings;
    }

    /** Quarkus' own: the TLS configuration its {@code ssl.engine.factory.class} reads (kafka.tls-configuration-name). */
    private static final String QUARKUS_TLS_CONFIGURATION = "tls-configuration-name";

    private static Map<String, Object> known(Map<String, Object> shared, Set<String> names) {
        Map<String, Object> known = new HashMap<>();
        shared.forEach((name, value) -> {
            if (names.contains(name) || name.equals(QUARKUS_TLS_CONFIGURATION)) {
                known.put(name, value);
            }
        });
        return known;
    }
}
