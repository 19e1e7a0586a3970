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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
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

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the samples (an exemplar with its trace id may follow a value) of {@code name} whose labels contain every one of {@code labels}; 0 when there is none. */
    static double value(String name, String... labels) {
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([-0-9.eE+]+|NaN)( # .*)?$").matcher(scrape());
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= found.contains(label);
            }
            if (matches && !line.group(2).equals("NaN")) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }
}
