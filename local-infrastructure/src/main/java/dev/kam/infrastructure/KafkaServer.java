package dev.kam.infrastructure;

/** A Kafka broker the platform can use, however it was obtained. Closing stops what was started. */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    /** A human-readable description for logs and {@code ./kam status}. */
    String describe();

    @Override
    void close();
}
