package dev.kam.foundation.inbox;

import dev.kam.contracts.Topics;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a record this service cannot process to its {@code kam.<service>.dlq} topic: key, value and
 * headers as they arrived, plus where it came from and why it was rejected.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String ORIGINAL_TOPIC = "dead-letter-topic";
    public static final String ORIGINAL_PARTITION = "dead-letter-partition";
    public static final String ORIGINAL_OFFSET = "dead-letter-offset";
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String CONSUMER = "dead-letter-consumer";
    public static final String FAILED_AT = "dead-letter-failed-at";
    /** Set when the original value was too large to travel with the headers: the DLQ record keeps where it came from. */
    public static final String VALUE_DROPPED = "dead-letter-value-dropped";
    /** A reason is at most this long: the original record's exception message can be anything. */
    private static final int MAX_REASON = 2_000;

    private final String topic;
    private final KafkaClients kafkaClients;
    private final String clientId;
    private volatile KafkaProducer<String, byte[]> producer;

    DeadLetterPublisher(KamConfig config, KafkaClients kafkaClients) {
        this.topic = Topics.deadLetter(config.service().name());
        this.kafkaClients = kafkaClients;
        this.clientId = config.service().name() + "-dead-letters";
    }

    public String topic() {
        return topic;
    }

    /**
     * Blocks until the broker acknowledged the dead letter; throws if it did not (the caller retries). A record too
     * large to be sent again with the dead-letter headers (it was at the broker's limit already) is dead-lettered
     * without its value, which stays on its topic at the partition and offset the headers name.
     */
    public void publish(ConsumerRecord<String, byte[]> original, String consumer, String reason, Throwable cause)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            producer().send(deadLetter(original, consumer, reason, cause, true)).get(35, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RecordTooLargeException)) {
                throw e;
            }
            producer().send(deadLetter(original, consumer, reason, cause, false)).get(35, TimeUnit.SECONDS);
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> original, String consumer, String reason,
                                                      Throwable cause, boolean withValue) {
        ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(topic, original.key(), withValue ? original.value() : null);
        original.headers().forEach(header -> deadLetter.headers().add(header));
        deadLetter.headers()
                .add(ORIGINAL_TOPIC, bytes(original.topic()))
                .add(ORIGINAL_PARTITION, bytes(String.valueOf(original.partition())))
                .add(ORIGINAL_OFFSET, bytes(String.valueOf(original.offset())))
                .add(REASON, bytes(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason))
                .add(CONSUMER, bytes(consumer))
                .add(FAILED_AT, bytes(Instant.now().toString()));
        if (cause != null) {
            deadLetter.headers().add(CAUSE, bytes(cause.getClass().getName()));
        }
        if (!withValue) {
            deadLetter.headers().add(VALUE_DROPPED, bytes("the value was too large to send again; read it at "
                    + original.topic() + "-" + original.partition() + "@" + original.offset()));
        }
        return deadLetter;
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = kafkaClients.reliableProducer(clientId);
                }
                current = producer;
            }
        }
        return current;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
