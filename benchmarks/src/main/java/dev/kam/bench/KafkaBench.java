package dev.kam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Kafka work of the benchmarks: raw baselines, consumer-group bookkeeping, contract-valid customer events. */
final class KafkaBench implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final Admin admin;

    KafkaBench(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties);
    }

    KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(properties);
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Commits the end of {@code topic} as the group's position: the group skips what is there now. */
    void skipToEnd(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
        endOffsets(topic).forEach((partition, offset) -> end.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, end).all().get();
    }

    long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /** Reads {@code topic} from the given start offsets to its end as fast as a plain consumer can; records per second. */
    double consumeRate(String topic, Map<TopicPartition, Long> from) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic);
        long total = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            total += partition.getValue() - from.getOrDefault(partition.getKey(), 0L);
        }
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(end.keySet());
            from.forEach(consumer::seek);
            while (read < total) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Kafka's end-to-end latency at a fixed rate, like its EndToEndLatency tool: acks=all produce, a consumer
     * polling the same topic, latency from the scheduled send to the receipt.
     */
    Histogram endToEndLatency(double perSecond, Duration duration) throws Exception {
        String topic = "kam.bench.latency";
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            // exists from an earlier run
        }
        Histogram histogram = new Histogram(3);
        Map<String, Long> scheduled = new java.util.concurrent.ConcurrentHashMap<>();
        long count = (long) (duration.toSeconds() * perSecond);
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread sender = new Thread(() -> {
                long interval = (long) (1e9 / perSecond);
                long start = System.nanoTime();
                for (long i = 0; i < count; i++) {
                    long at = start + i * interval;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        Scenarios.sleepNanos(wait);
                    }
                    String key = "latency-" + i;
                    scheduled.put(key, at);
                    producer.send(new ProducerRecord<>(topic, key, new byte[512]));
                }
            });
            sender.start();
            long received = 0;
            long deadline = System.nanoTime() + duration.toNanos() + TimeUnit.SECONDS.toNanos(30);
            while (received < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    Long at = scheduled.remove(record.key());
                    if (at != null) {
                        histogram.recordValue(Math.max(1, System.nanoTime() - at));
                        received++;
                    }
                }
            }
            sender.join();
        }
        return histogram;
    }

    /** A customer-registered event as customer-service publishes it, for a new customer. */
    static byte[] registered(String customerId, boolean strategic, Random random) {
        ObjectNode data = (ObjectNode) template().deepCopy();
        ObjectNode customer = (ObjectNode) data.get("customer");
        customer.put("id", customerId);
        customer.put("legalName", "Pipeline Customer " + customerId);
        customer.put("version", 1);
        ((ArrayNode) customer.get("externalRefs")).removeAll().addObject().put("system", "salesforce").put("id", "pipe-" + customerId);
        ((ObjectNode) customer.get("annualPurchasePotential")).put("amount", strategic ? 20_000_000 + random.nextInt(20_000_000) : 50_000 + random.nextInt(500_000));
        if (strategic) {
            ArrayNode locations = customer.putArray("locations");
            locations.addObject().put("country", "DE").put("region", "Bayern");
            locations.addObject().put("country", "US").put("region", "Ohio");
            locations.addObject().put("country", "CN").put("region", "Shanghai");
            customer.put("partnershipIntent", "STRATEGIC_ALLIANCE");
        }
        data.put("sequence", 1);
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> headers(String eventId, String customerId) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_type", "kam.customer.registered.v1");
        headers.put("ce_source", "/kam/customer-service");
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", customerId);
        headers.put("ce_dataschema", "http://localhost:8081/schemas/events/kam.customer.registered.v1.json");
        headers.put("content-type", "application/json");
        return headers;
    }

    private static JsonNode template;

    private static synchronized JsonNode template() {
        if (template == null) {
            try (InputStream in = KafkaBench.class.getResourceAsStream("/schemas/examples/kam.customer.registered.v1.json")) {
                template = JSON.readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return template;
    }

    /** Produces {@code count} new customers' registrations to kam.customer.events; records per second. */
    double produceRegistrations(int count, double strategicShare) throws Exception {
        Random random = new Random(42);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("kam.customer.events", id,
                        registered(id, random.nextDouble() < strategicShare, random));
                headers(UUID.randomUUID().toString(), id).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        admin.close();
    }
}
