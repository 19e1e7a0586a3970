package dev.kam.foundation;

import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.foundation.outbox.OutboxEvent;
import dev.kam.foundation.outbox.OutboxRelay;
import dev.kam.foundation.outbox.OutboxRepository;
import dev.kam.foundation.outbox.OutboxWriter.Pending;
import dev.kam.foundation.probe.ProbeService;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.PrometheusMetrics;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Kafka refuses one record in the middle of a relay batch, deterministically: the topic's own size limit is lowered
 * below one event (an operator's setting, or a managed cluster's), the broker refuses it while the producer still
 * has the records behind it in flight. Nothing behind the refused record may reach the topic before it (order per
 * customer), the relay must not stall, and it must not flood the topic: a record of another partition that was in
 * flight when the relay stopped its producer may arrive twice (at least once, the first copy first), never more.
 */
@QuarkusTest
@FoundationTest
class OutboxRefusalTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Below the large event (about 45 KB that does not compress), far above every other. */
    private static final int TOPIC_LIMIT = 32 * 1024;

    @Inject
    ProbeService probe;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxRepository outbox;
    @Inject
    EntityManager entityManager;
    @Inject
    SampledGauges gauges;

    private KafkaTestClient kafka;
    private Admin admin;

    @BeforeEach
    void markTopic() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KamInfrastructureResource.kafkaBootstrapServers()));
    }

    @AfterEach
    void restore() throws Exception {
        topicLimit(null);
        relay.start();
        admin.close();
        kafka.close();
    }

    @Test
    void aRecordTheBrokerRefusesMidBatchIsParkedItsCustomersLaterEventsWaitAndNothingOvertakesIt() throws Exception {
        String customer = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        topicLimit(TOPIC_LIMIT);
        relay.stop(); // the four events go out in one batch
        List<UUID> ids = probe.recordTogether(List.of(activated(customer), largePlan(customer), activated(customer), activated(other)));
        UUID first = ids.get(0);
        UUID refused = ids.get(1);
        UUID behind = ids.get(2);
        UUID otherCustomers = ids.get(3);
        relay.start();

        await().atMost(WAIT).until(() -> published(otherCustomers) && published(first));
        laterPasses(); // whatever a retrying relay would publish again is on the topic by now
        List<Received> records = kafka.readSinceMark(Topics.TEAM_EVENTS);
        assertThat(firstCopies(records, customer)).as("the customer's events on the topic: none behind the refused one")
                .containsExactly(first.toString());
        assertThat(firstCopies(records, other)).containsExactly(otherCustomers.toString());
        assertNoFlood(records);
        assertThat(published(behind)).isFalse();

        String operator = TestTokens.withRoles("operator");
        given().auth().oauth2(operator).get("/api/v1/outbox/parked-events").then().statusCode(200)
                .body("items.eventId", hasItem(refused.toString()));
        given().auth().oauth2(operator).get("/api/v1/outbox/parked-events/" + refused).then().statusCode(200)
                .body("subject", equalTo(customer))
                .body("type", equalTo(EventType.TEAM_PLAN_UPDATED.ceType()))
                .body("heldBehind", equalTo(1))
                .body("lastError", org.hamcrest.Matchers.containsString("RecordTooLargeException"));
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_outbox_parked")).isEqualTo(1);
        assertThat(PrometheusMetrics.value("kam_outbox_held")).isEqualTo(1);
        assertThat(given().get("/q/health/well").then().extract().statusCode()).as("parked events need an operator").isEqualTo(503);

        // The operator raises the topic's limit and retries: the refused event, then the one held behind it.
        topicLimit(null);
        given().auth().oauth2(operator).post("/api/v1/outbox/parked-events/" + refused + "/retry").then().statusCode(200);
        await().atMost(WAIT).until(() -> published(behind));
        records = kafka.readSinceMark(Topics.TEAM_EVENTS);
        assertThat(firstCopies(records, customer)).containsExactly(first.toString(), refused.toString(), behind.toString());
        assertNoFlood(records);
        given().auth().oauth2(operator).get("/api/v1/outbox/parked-events/" + refused).then().statusCode(404);
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_outbox_parked")).isZero();
        assertThat(PrometheusMetrics.value("kam_outbox_held")).isZero();
    }

    @Test
    void aRecordLargerThanTheProducerSendsIsParkedAtOnceAndDroppingItLetsTheEventsBehindItFlow() throws Exception {
        String customer = UUID.randomUUID().toString();
        relay.stop();
        UUID first = probe.recordTogether(List.of(activated(customer))).get(0);
        // A row no longer possible through the API (its limits keep events far below Kafka's 1 MiB), as an older
        // version or a hand-made fix could have left it.
        UUID tooLarge = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, topic, occurred_at, payload)
                        VALUES (?1, 'team', ?2, 'kam.team.plan-updated.v1', 'kam.team.events', now(), ?3)""")
                .setParameter(1, tooLarge).setParameter(2, customer).setParameter(3, "{\"mission\": \"" + "x".repeat(1_200_000) + "\"}")
                .executeUpdate());
        UUID behind = probe.recordTogether(List.of(activated(customer))).get(0);
        relay.start();

        await().atMost(WAIT).until(() -> published(first) && parked(tooLarge));
        laterPasses();
        assertThat(firstCopies(kafka.readSinceMark(Topics.TEAM_EVENTS), customer)).containsExactly(first.toString());
        String operator = TestTokens.withRoles("operator");
        given().auth().oauth2(operator).get("/api/v1/outbox/parked-events/" + tooLarge).then().statusCode(200)
                .body("lastError", org.hamcrest.Matchers.containsString("max.request.size"))
                .body("payloadBytes", org.hamcrest.Matchers.greaterThan(1_200_000));
        given().auth().oauth2(TestTokens.withRoles("viewer")).delete("/api/v1/outbox/parked-events/" + tooLarge).then().statusCode(403);

        given().auth().oauth2(operator).delete("/api/v1/outbox/parked-events/" + tooLarge).then().statusCode(204);
        await().atMost(WAIT).until(() -> published(behind));
        assertThat(firstCopies(kafka.readSinceMark(Topics.TEAM_EVENTS), customer)).containsExactly(first.toString(), behind.toString());
        assertThat(published(tooLarge)).isFalse();
        given().auth().oauth2(operator).get("/api/v1/audit?entityType=outbox-event&entityId=" + tooLarge).then().statusCode(200)
                .body("items.action", hasItem("outbox.event-dropped"));
    }

    @Test
    void refusalsInPassAfterPassSendNoEventAThirdTime() throws Exception {
        // Eight large events of eight customers, each followed by small events of many others, in one outbox: each pass
        // ends at the next large one, cutting off whatever was in flight behind it, which the next pass sends again.
        topicLimit(TOPIC_LIMIT);
        relay.stop();
        List<Pending> events = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            String customer = UUID.randomUUID().toString();
            large.add(customer);
            events.add(largePlan(customer));
            for (int i = 0; i < 60; i++) {
                events.add(activated(UUID.randomUUID().toString()));
            }
        }
        List<UUID> ids = probe.recordTogether(events);
        relay.start();

        await().atMost(WAIT).until(() -> ids.stream().filter(id -> !published(id)).count() == large.size());
        laterPasses();
        List<Received> records = kafka.readSinceMark(Topics.TEAM_EVENTS);
        for (int round = 0; round < large.size(); round++) {
            UUID parked = ids.get(round * 61); // each round: its large event, then 60 small ones
            assertThat(parked(parked)).isTrue();
            given().auth().oauth2(TestTokens.withRoles("operator")).delete("/api/v1/outbox/parked-events/" + parked).then().statusCode(204);
        }
        assertThat(records.stream().map(Received::key).filter(large::contains).toList()).as("the refused events are parked").isEmpty();
        assertNoFlood(records);
    }

    private static Pending activated(String customer) {
        return Pending.event(EventType.TEAM_ACTIVATED, customer,
                Map.of("customerId", customer, "teamId", UUID.randomUUID().toString(), "activatedAt", Instant.now().toString()));
    }

    /** A plan-updated event of about 45 KB of text that does not compress. */
    private static Pending largePlan(String customer) {
        Random random = new Random(customer.hashCode());
        List<Map<String, Object>> goals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder title = new StringBuilder();
            for (int c = 0; c < 300; c++) {
                title.appendCodePoint(0x4E00 + random.nextInt(0x5000)); // CJK: three bytes each, random
            }
            goals.add(Map.of("title", title.toString()));
        }
        return Pending.event(EventType.TEAM_PLAN_UPDATED, customer, Map.of("customerId", customer, "teamId", UUID.randomUUID().toString(),
                "mission", "grow together", "goals", goals, "version", 1, "updatedAt", Instant.now().toString()));
    }

    private void topicLimit(Integer bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TEAM_EVENTS);
        AlterConfigOp change = bytes == null
                ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get();
        // The broker applies a topic's configuration from the metadata log: wait until it reports the new value.
        String expected = bytes == null ? null : String.valueOf(bytes);
        await().atMost(WAIT).until(() -> {
            ConfigEntry entry = admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return expected == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG : expected.equals(entry.value());
        });
    }

    /**
     * Two later relay passes, each known by a marker event of another customer it published: a relay that sent a parked
     * event or one held behind it again would have sent it in those passes, before their markers.
     */
    private void laterPasses() {
        for (int pass = 0; pass < 2; pass++) {
            UUID marker = probe.recordTogether(List.of(activated(UUID.randomUUID().toString()))).get(0);
            await().atMost(WAIT).until(() -> published(marker));
        }
    }

    private boolean published(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent event = outbox.findByEventId(eventId);
            return event != null && event.publishedAt() != null;
        });
    }

    private boolean parked(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager.createNativeQuery(
                "SELECT 1 FROM outbox_event WHERE event_id = ?1 AND parked_at IS NOT NULL").setParameter(1, eventId).getResultList().isEmpty());
    }

    /** The customer's events in topic order, each event id once (a consumer's view: it skips what it has seen). */
    private static List<String> firstCopies(List<Received> records, String customer) {
        return records.stream().filter(r -> customer.equals(r.key())).map(r -> r.headers().get("ce_id")).distinct().toList();
    }

    /** A retrying relay once sent the records behind a refused one again and again; now an event arrives twice at most. */
    private static void assertNoFlood(List<Received> records) {
        Map<String, Long> copies = records.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.headers().get("ce_id"),
                java.util.stream.Collectors.counting()));
        assertThat(copies.values()).as("copies of each event on the topic").allMatch(count -> count <= 2);
    }
}
