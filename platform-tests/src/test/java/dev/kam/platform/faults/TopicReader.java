package dev.kam.platform.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Reads whole topics, asks the broker about consumer groups, and sends raw records: the suite's view of Kafka. */
final class TopicReader implements AutoCloseable {

    record Event(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
        String id() {
            return headers.get("ce_id");
        }

        String type() {
            return headers.getOrDefault("ce_type", "");
        }
    }

    private final String bootstrap;
    private final Admin admin;

    TopicReader(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(properties);
    }

    /** Every record now on {@code topic}, in partition and offset order. */
    List<Event> readAll(String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    events.add(new Event(record.topic(), record.partition(), record.offset(), record.key(), record.value(), headers));
                }
            }
        }
        return events;
    }

    /** Sum of end offsets: how many records a topic has received in all. */
    long endOffsetSum(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all().get();
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** Records of {@code topic} the group has not committed yet; a partition never committed counts in full. */
    long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    ConsumerGroupDescription group(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    }

    /** Moves the committed offsets of an idle group to the start of {@code topic}. */
    void rewind(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (TopicPartition partition : endOffsets(topic).keySet()) {
            start.put(partition, new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(group, start).all().get();
    }

    void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8));
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }

    static Map<String, List<Event>> byKey(Collection<Event> events) {
        Map<String, List<Event>> grouped = new HashMap<>();
        for (Event event : events) {
            grouped.computeIfAbsent(event.key(), ignored -> new ArrayList<>()).add(event);
        }
        return grouped;
    }

    @Override
    public void close() {
        admin.close();
    }
}
