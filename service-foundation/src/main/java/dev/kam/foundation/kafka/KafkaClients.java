package dev.kam.foundation.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;

/** Producers for the machinery that writes to Kafka outside SmallRye channels (outbox relay, dead letters). */
public final class KafkaClients {

    /** The largest record the producers send, the broker's default {@code message.max.bytes} (1 MiB). */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    /**
     * An idempotent producer that waits for all in-sync replicas, so an acknowledged record is durable and
     * retries never reorder or duplicate within a partition. Times out in seconds, not minutes, so a broker
     * outage surfaces quickly and is retried by the caller.
     */
    public static KafkaProducer<String, byte[]> reliableProducer(String bootstrapServers, String clientId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        // Kafka's default, written out: the platform's input limits keep every event far below it (README, "Limits").
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaClients() {
    }
}
