package dev.kam.platform;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the team events of one customer from the platform's broker, in order. */
final class TeamEvents {

    /** @param client the platform's Kafka client settings ({@link KamCommand#kafkaClientSettings()}) */
    static List<String> typesFor(Map<String, Object> client, String customerId, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> types = List.of();
        while (System.nanoTime() < deadline) {
            types = read(client, customerId);
            if (types.size() >= atLeast) {
                return types;
            }
            Thread.sleep(500);
        }
        return types;
    }

    private static List<String> read(Map<String, Object> client, String customerId) {
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("kam.team.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (customerId.equals(record.key())) {
                        Header type = record.headers().lastHeader("ce_type");
                        types.add(new String(type.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return types;
    }

    private TeamEvents() {
    }
}
