package dev.kam.infrastructure;

/** A Kafka cluster someone else runs; the platform only connects. */
public record ExternalKafka(String bootstrapServers) implements KafkaServer {

    @Override
    public String describe() {
        return "external Kafka at " + bootstrapServers;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
