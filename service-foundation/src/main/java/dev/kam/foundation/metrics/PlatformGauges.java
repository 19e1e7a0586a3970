package dev.kam.foundation.metrics;

import dev.kam.foundation.kafka.KafkaClients;

import dev.kam.foundation.outbox.ParkedEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
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
 * of the oldest one: a relay that is stuck shows as a growing age; events Kafka refused for good, parked, and
 * the events of their subjects held behind them) and how far each of its consuming channels is behind its topic
 * (consumer lag, summed over the partitions). The last samples also tell the health checks whether the outbox and
 * the consumers make progress.
 */
@ApplicationScoped
public class PlatformGauges {

    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    /** A consuming channel: its consumer group and topic. */
    record Channel(String name, String group, String topic) {
    }

    /**
     * How far a consuming channel is behind, as last sampled.
     *
     * @param committedSince since when its lag has waited with nothing committed: the first sample that found lag
     *                       after a commit or after a sample without lag (or the latest sample); a channel whose lag
     *                       has waited longer than {@code kam.consumer.stuck-after} is stuck
     */
    public record ChannelProgress(String channel, String group, String topic, long lag, java.time.Instant committedSince) {
    }

    private final SampledGauges gauges;
    private final ParkedEvents outboxEvents;
    private final Config config;
    private final KafkaClients kafkaClients;
    private Admin admin;
    private volatile ParkedEvents.Backlog outbox = new ParkedEvents.Backlog(0, 0, 0, 0);
    private final Map<String, ChannelProgress> progress = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> committedSums = new java.util.concurrent.ConcurrentHashMap<>();

    PlatformGauges(SampledGauges gauges, ParkedEvents outboxEvents, Config config, KafkaClients kafkaClients) {
        this.kafkaClients = kafkaClients;
        this.gauges = gauges;
        this.outboxEvents = outboxEvents;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        // One statement samples the outbox; the families after the first read what it found.
        gauges.register("kam.outbox.backlog", "Outbox events the relay has still to publish (parked ones and those held behind them aside)",
                List.of(SampledGauges.Sample.of(0)), () -> {
                    outbox = outboxEvents.backlog();
                    return List.of(SampledGauges.Sample.of(outbox.pending()));
                });
        gauges.register("kam.outbox.oldest.unpublished.age", "Age of the oldest outbox event the relay has still to publish (0 when none)",
                "seconds", false, List.of(SampledGauges.Sample.of(0)), () -> List.of(SampledGauges.Sample.of(outbox.oldestPendingAgeSeconds())));
        gauges.register("kam.outbox.parked", "Outbox events Kafka refused for good, waiting for an operator (/api/v1/outbox/parked-events)",
                null, false, List.of(SampledGauges.Sample.of(0)), () -> List.of(SampledGauges.Sample.of(outbox.parked())));
        gauges.register("kam.outbox.held", "Outbox events waiting behind a parked event of the same subject",
                null, false, List.of(SampledGauges.Sample.of(0)), () -> List.of(SampledGauges.Sample.of(outbox.held())));
        List<Channel> channels = channels();
        if (!channels.isEmpty()) {
            admin = kafkaClients.admin(config.getValue("kam.service.name", String.class) + "-metrics", java.time.Duration.ofSeconds(15));
            gauges.register("kam.consumer.lag", "Records on a consumed topic that the channel's consumer group has not committed yet",
                    null, false, channels.stream().map(channel -> sample(channel, 0)).toList(), () -> lag(channels));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    /** The outbox as last sampled. */
    public ParkedEvents.Backlog outbox() {
        return outbox;
    }

    /** Each consuming channel as last sampled. */
    public List<ChannelProgress> consumers() {
        return List.copyOf(progress.values());
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
                long committedSum = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata position = committed.get(partition);
                    committedSum += position == null ? 0 : position.offset();
                    lag += Math.max(0, ends.get(partition).offset() - (position == null ? 0 : position.offset()));
                }
                samples.add(sample(channel, lag));
                remember(channel, lag, committedSum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
        return samples;
    }

    private void remember(Channel channel, long lag, long committedSum) {
        Long before = committedSums.put(channel.name(), committedSum);
        ChannelProgress last = progress.get(channel.name());
        // The clock runs from the first sample that found lag with nothing committed since: a channel that was caught
        // up at the last sample has waited at most since then, however long ago its group last had to commit.
        boolean waitingSinceBefore = last != null && before != null && before == committedSum && last.lag() > 0;
        java.time.Instant since = waitingSinceBefore ? last.committedSince() : java.time.Instant.now();
        progress.put(channel.name(), new ChannelProgress(channel.name(), channel.group(), channel.topic(), lag, since));
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
