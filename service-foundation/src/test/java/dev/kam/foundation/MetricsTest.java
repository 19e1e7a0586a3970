package dev.kam.foundation;

import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.foundation.outbox.OutboxRelay;
import dev.kam.foundation.probe.ProbeConsumer;
import dev.kam.foundation.probe.ProbeService;
import dev.kam.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static dev.kam.testsupport.PrometheusMetrics.scrape;
import static dev.kam.testsupport.PrometheusMetrics.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The technical metrics every service exports on /q/metrics, read as Prometheus scrapes them. */
@QuarkusTest
@FoundationTest
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONSUMER = "consumer=\"" + ProbeConsumer.CONSUMER + "\"";

    @Inject
    ProbeService probe;
    @Inject
    OutboxRelay relay;
    @Inject
    SampledGauges gauges;

    @Test
    void consumedRecordsProcessingTimeAndDeadLettersAreCounted() {
        double appliedBefore = value("kam_events_consumed_total", CONSUMER, "outcome=\"applied\"");
        double deadBefore = value("kam_dead_letters_total", CONSUMER);
        double timedBefore = value("kam_event_processing_seconds_count", CONSUMER);
        double publishedBefore = value("kam_outbox_published_total");

        String customer = UUID.randomUUID().toString();
        probe.activate(customer, UUID.randomUUID().toString(), false);
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            String poisoned = UUID.randomUUID().toString();
            kafka.send(Topics.TEAM_EVENTS, poisoned, "not json".getBytes(StandardCharsets.UTF_8),
                    IdempotentConsumerTest.headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), poisoned));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(value("kam_events_consumed_total", CONSUMER, "outcome=\"applied\"")).as(kamLines()).isGreaterThan(appliedBefore);
            assertThat(value("kam_dead_letters_total", CONSUMER, "topic=\"kam.team.events\"")).as(kamLines()).isGreaterThan(deadBefore);
            assertThat(value("kam_event_processing_seconds_count", CONSUMER)).as(kamLines()).isGreaterThan(timedBefore);
            assertThat(value("kam_outbox_published_total")).as(kamLines()).isGreaterThan(publishedBefore);
        });
    }

    @Test
    void theOutboxBacklogAndTheAgeOfItsOldestEventShowAStuckRelay() throws Exception {
        relay.stop();
        try {
            probe.activate(UUID.randomUUID().toString(), UUID.randomUUID().toString(), false);
            Thread.sleep(1100);
            gauges.refreshNow();
            assertThat(value("kam_outbox_backlog")).isGreaterThanOrEqualTo(1);
            assertThat(value("kam_outbox_oldest_unpublished_age_seconds")).isGreaterThanOrEqualTo(1.0);
        } finally {
            relay.start();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            gauges.refreshNow();
            assertThat(value("kam_outbox_backlog")).isZero();
            assertThat(value("kam_outbox_oldest_unpublished_age_seconds")).isZero();
        });
    }

    @Test
    void consumerLagIsReportedPerChannelAndFallsToZeroWhenCaughtUp() {
        probe.activate(UUID.randomUUID().toString(), UUID.randomUUID().toString(), false);
        await().atMost(WAIT).untilAsserted(() -> {
            gauges.refreshNow();
            String metrics = scrape();
            assertThat(metrics).containsPattern("kam_consumer_lag\\{[^}]*channel=\"probe-events\"[^}]*group=\"foundation-probe\"[^}]*topic=\"kam.team.events\"[^}]*}");
            assertThat(value("kam_consumer_lag", "channel=\"probe-events\"")).isZero();
        });
    }

    private static String kamLines() {
        return String.join("\n", scrape().lines().filter(line -> line.startsWith("kam_")).toList());
    }
}
