package dev.kam.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads and writes topics of the test broker directly. Reading assigns partitions instead of joining a
 * group (a group join costs seconds), and starts from the offsets remembered by {@link #mark(String)} so a
 * test sees only what happened after it began.
 */
public final class KafkaTestClient implements AutoCloseable {

    /** A record as a test looks at it: headers as strings, value as text. */
    public record Received(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<TopicPartition, Long> marks = new HashMap<>();

    public KafkaTestClient() {
        String bootstrap = KamInfrastructureResource.kafkaBootstrapServers();
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    }

    /** Remembers the current end of every partition of {@code topic}: later reads start there. */
    public KafkaTestClient mark(String topic) {
        List<TopicPartition> partitions = partitions(topic);
        marks.putAll(consumer.endOffsets(partitions));
        return this;
    }

    /** Everything on {@code topic} since its mark (or its beginning), in offset order per partition. */
    public List<Received> readSinceMark(String topic) {
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, marks.getOrDefault(partition, 0L));
        }
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                received.add(toReceived(record));
            }
        }
        return received;
    }

    /** Reads {@code topic} since its mark until {@code until} holds for what was read, or the timeout passes. */
    public List<Received> awaitRecords(String topic, Duration timeout, Predicate<List<Received>> until) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> received = readSinceMark(topic);
        while (!until.test(received) && System.nanoTime() < deadline) {
            sleep(100);
            received = readSinceMark(topic);
        }
        return received;
    }

    /**
     * A new customer id whose records go to the same partition as {@code key}'s (the default partitioner: murmur2 of the
     * key): a marker. Once a consumer has applied the marker's record, it has applied every record sent before it to that
     * partition, and what it published about them is on its topic before what it publishes about the marker.
     */
    public static String keyOnTheSamePartitionAs(String key, int partitions) {
        int wanted = partition(key, partitions);
        while (true) {
            String candidate = java.util.UUID.randomUUID().toString();
            if (partition(candidate, partitions) == wanted) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test record to " + topic, e);
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static Received toReceived(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        return new Received(record.topic(), record.partition(), record.offset(), record.key(), value, headers);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
