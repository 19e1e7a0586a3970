package dev.kam.foundation;

import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.foundation.metrics.PlatformGauges;
import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.foundation.probe.ProbeConsumer;
import dev.kam.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stuck relay or consumer shows in the health checks ({@code /q/health/well}, part of {@code /q/health}) while
 * readiness stays up: writes are still accepted into the outbox, and taking the instance out would not help.
 * ({@code kam.outbox.stuck-after} and {@code kam.consumer.stuck-after} are 5 s in these tests.)
 */
@QuarkusTest
@FoundationTest
class FlowHealthTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    EntityManager entityManager;
    @Inject
    SampledGauges gauges;
    @Inject
    PlatformGauges platformGauges;
    @Inject
    ProbeConsumer consumer;

    private UUID blocking;

    @AfterEach
    void clear() {
        consumer.injectTransientFaults(0);
        if (blocking != null) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DELETE FROM outbox_event WHERE event_id = ?1")
                    .setParameter(1, blocking).executeUpdate());
        }
    }

    @Test
    void aRelayThatCannotPublishIsReportedStuckAndRecoversWhenItCan() {
        assertThat(well().statusCode()).isEqualTo(200);
        // An event for a topic the broker does not have: Kafka cannot take it, and may be able to later (the topic
        // being created), so the relay keeps trying, and everything behind it waits.
        blocking = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, topic, occurred_at, payload)
                        VALUES (?1, 'team', ?2, 'kam.team.activated.v1', 'kam.topic-nobody-created', now(), '{}')""")
                .setParameter(1, blocking).setParameter(2, UUID.randomUUID().toString()).executeUpdate());

        await().atMost(WAIT).untilAsserted(() -> {
            Response health = well();
            assertThat(health.statusCode()).as(health.asString()).isEqualTo(503);
            assertThat(health.asString()).contains("outbox.stuck");
        });
        assertThat(given().get("/q/health/ready").statusCode()).as("readiness is not affected").isEqualTo(200);
        assertThat(given().get("/q/health").statusCode()).as("the overall health includes it").isEqualTo(503);

        clear();
        blocking = null;
        await().atMost(WAIT).untilAsserted(() -> assertThat(well().statusCode()).as(well().asString()).isEqualTo(200));
    }

    @Test
    void aConsumerWithLagThatCommitsNothingIsReportedStuck() {
        consumer.injectTransientFaults(1_000_000); // the database "away" for as long as this test wants
        sendTeamActivated();
        await().atMost(WAIT).untilAsserted(() -> {
            gauges.refreshNow();
            Response health = well();
            assertThat(health.statusCode()).as(health.asString()).isEqualTo(503);
            assertThat(health.asString()).contains("consumer.probe-events.stuck");
        });

        consumer.injectTransientFaults(0);
        await().atMost(WAIT).untilAsserted(() -> {
            gauges.refreshNow();
            assertThat(well().statusCode()).as(well().asString()).isEqualTo(200);
        });
    }

    @Test
    void aConsumerIdleForLongerThanStuckAfterIsNotStuckTheMomentARecordArrives() {
        // caught up, and nothing to commit for longer than stuck-after (5 s): its group's last commit is long past
        gauges.refreshNow();
        await().pollDelay(Duration.ofSeconds(6)).atMost(WAIT).untilAsserted(() -> {
            gauges.refreshNow();
            assertThat(well().statusCode()).as(well().asString()).isEqualTo(200);
        });
        consumer.injectTransientFaults(1_000_000); // the record waits while the sample finds it
        sendTeamActivated();
        await().atMost(WAIT).until(() -> {
            gauges.refreshNow();
            return lag() > 0;
        });
        Response health = well();
        assertThat(health.statusCode()).as("lag found a moment ago is not stuck: " + health.asString()).isEqualTo(200);

        consumer.injectTransientFaults(0);
        await().atMost(WAIT).until(() -> {
            gauges.refreshNow();
            return lag() == 0;
        });
    }

    private static void sendTeamActivated() {
        String customer = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(Topics.TEAM_EVENTS, customer, IdempotentConsumerTest.activated(customer, UUID.randomUUID().toString()),
                    IdempotentConsumerTest.headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));
        }
    }

    private long lag() {
        return platformGauges.consumers().stream().mapToLong(PlatformGauges.ChannelProgress::lag).sum();
    }

    private static Response well() {
        return given().get("/q/health/well");
    }
}
