package dev.kam.foundation.metrics;

import dev.kam.foundation.persistence.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The technical gauges every service has: how far its outbox is behind (events not yet on Kafka, and the age
 * of the oldest one: a relay that is stuck shows as a growing age) and how far each of its consuming channels
 * is behind its topic (consumer lag, summed over the partitions).
 */
@ApplicationScoped
public class PlatformGauges {

    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    /** A consuming channel: its consumer group and topic. */
    record Channel(String name, String group, String topic) {
    }

    private final SampledGauges gauges;
    private final EntityManager entityManager;
    private final Config config;
    private Admin admin;

    PlatformGauges(SampledGauges gauges, EntityManager entityManager, Config config) {
        this.gauges = gauges;
        this.entityManager = entityManager;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        gauges.register("kam.outbox.backlog", "Outbox events not yet published to Kafka",
                List.of(SampledGauges.Sample.of(0)), this::outboxBacklog);
        gauges.register("kam.outbox.oldest.unpublished.age", "Age of the oldest outbox event not yet published (0 when none)",
                "seconds", true, List.of(SampledGauges.Sample.of(0)), this::oldestUnpublishedAge);
        List<Channel> channels = channels();
        if (!channels.isEmpty()) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    config.getValue("kam.service.name", String.class) + "-metrics"));
            gauges.register("kam.consumer.lag", "Records on a consumed topic that the channel's consumer group has not committed yet",
                    null, false, channels.stream().map(channel -> sample(channel, 0)).toList(), () -> lag(channels));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    private List<SampledGauges.Sample> outboxBacklog() {
        return Jdbc.query(entityManager, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL",
                rows -> SampledGauges.Sample.of(rows.getLong(1)));
    }

    private List<SampledGauges.Sample> oldestUnpublishedAge() {
        return Jdbc.query(entityManager, """
                SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0) FROM outbox_event WHERE published_at IS NULL""",
                rows -> SampledGauges.Sample.of(rows.getDouble(1)));
    }

    private List<SampledGauges.Sample> lag(List<Channel> channels) {
        List<SampledGauges.Sample> samples = new ArrayList<>();
        try {
            for (Channel channel : channels) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(channel.group())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                List<TopicPartition> partitions = admin.describeTopics(List.of(channel.topic())).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(channel.topic()).partitions().stream().map(info -> new TopicPartition(channel.topic(), info.partition())).toList();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata position = committed.get(partition);
                    lag += Math.max(0, ends.get(partition).offset() - (position == null ? 0 : position.offset()));
                }
                samples.add(sample(channel, lag));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
        return samples;
    }

    private static SampledGauges.Sample sample(Channel channel, long lag) {
        return SampledGauges.Sample.of(lag, "channel", channel.name(), "group", channel.group(), "topic", channel.topic());
    }

    /** The Kafka channels this service consumes, from the {@code mp.messaging.incoming.*} settings. */
    List<Channel> channels() {
        List<Channel> channels = new ArrayList<>();
        for (String property : config.getPropertyNames()) {
            Matcher match = INCOMING_TOPIC.matcher(property);
            if (match.matches()) {
                String name = match.group(1);
                String prefix = "mp.messaging.incoming." + name + ".";
                boolean kafka = config.getOptionalValue(prefix + "connector", String.class).orElse("").equals("smallrye-kafka");
                boolean enabled = config.getOptionalValue(prefix + "enabled", Boolean.class).orElse(true);
                if (kafka && enabled) {
                    String group = config.getOptionalValue(prefix + "group.id", String.class)
                            .orElse(config.getValue("quarkus.application.name", String.class));
                    channels.add(new Channel(name, group, config.getValue(property, String.class)));
                }
            }
        }
        return channels;
    }
}
