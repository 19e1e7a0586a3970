package dev.kam.foundation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.MalformedEventException;
import dev.kam.contracts.Topics;
import dev.kam.foundation.outbox.OutboxEvent;
import dev.kam.foundation.outbox.OutboxRelay;
import dev.kam.foundation.outbox.OutboxRepository;
import dev.kam.foundation.probe.ProbeService;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@FoundationTest
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ProbeService probe;
    @Inject
    OutboxRepository outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper objectMapper;

    private KafkaTestClient kafka;

    @BeforeEach
    void markTopic() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS);
    }

    @AfterEach
    void restoreRelay() {
        relay.start();
        kafka.close();
    }

    @Test
    void publishesACommittedEventKeyedByCustomerWithCloudEventsHeaders() throws Exception {
        String customer = UUID.randomUUID().toString();
        UUID eventId = probe.activate(customer, UUID.randomUUID().toString(), false);

        Received record = awaitOne(customer);

        assertThat(record.key()).isEqualTo(customer);
        assertThat(record.headers())
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", eventId.toString())
                .containsEntry("ce_type", "kam.team.activated.v1")
                .containsEntry("ce_source", "/kam/foundation-probe")
                .containsEntry("ce_subject", customer)
                .containsEntry("content-type", "application/json")
                .containsKey("ce_time");
        // ce_dataschema is an address that answers with the schema, which the data fits
        String dataSchema = record.headers().get("ce_dataschema");
        assertThat(dataSchema).startsWith("http://localhost:").endsWith("/schemas/events/kam.team.activated.v1.json");
        io.restassured.RestAssured.given().get(dataSchema).then().statusCode(200).contentType("application/schema+json")
                .body("title", org.hamcrest.Matchers.equalTo("An account team has every required role and full coverage"));
        assertThat(EventSchemas.instance().violations(EventType.TEAM_ACTIVATED, objectMapper.readTree(record.value()))).isEmpty();
        await().atMost(WAIT).until(() -> published(eventId));
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String customer = UUID.randomUUID().toString();
        assertThatThrownBy(() -> probe.activate(customer, UUID.randomUUID().toString(), true))
                .hasMessageContaining("probe failure");
        assertThat(probe.activations(customer)).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.findByAggregateId(customer))).isEmpty();

        // The relay publishes in order: once a later event of the same customer is out, an earlier one would be too.
        UUID later = probe.activate(customer, UUID.randomUUID().toString(), false);
        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, received -> ofCustomer(received, customer).size() >= 1);
        assertThat(ofCustomer(records, customer)).extracting(r -> r.headers().get("ce_id")).containsExactly(later.toString());
    }

    @Test
    void refusesToRecordDataThatBreaksTheEventSchema() {
        String customer = UUID.randomUUID().toString();
        assertThatThrownBy(() -> probe.recordInvalid(customer))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("kam.team.activated.v1");
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.findByAggregateId(customer))).isEmpty();
    }

    @Test
    void keepsTheOrderOfOneCustomersEvents() {
        String customer = UUID.randomUUID().toString();
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            recorded.add(probe.activate(customer, UUID.randomUUID().toString(), false).toString());
        }
        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, received -> ofCustomer(received, customer).size() >= 40);
        List<Received> mine = ofCustomer(records, customer);
        assertThat(mine).extracting(r -> r.headers().get("ce_id")).containsExactlyElementsOf(recorded);
        assertThat(mine).extracting(Received::partition).containsOnly(mine.get(0).partition());
    }

    @Test
    void anEventRecordedWhileTheRelayIsDownIsPublishedOnceAfterARestart() throws Exception {
        relay.stop();
        String customer = UUID.randomUUID().toString();
        UUID eventId = probe.activate(customer, UUID.randomUUID().toString(), false);
        assertThat(ofCustomer(kafka.readSinceMark(Topics.TEAM_EVENTS), customer)).isEmpty();

        java.time.Instant restarted = java.time.Instant.now();
        relay.start(); // a fresh producer, as in a restarted service
        await().atMost(WAIT).until(() -> published(eventId));
        // published by the restarted relay, not by one that should have been down: its mark is later than the restart
        assertThat(publishedAt(eventId)).as("published after the restart").isAfterOrEqualTo(restarted.minusMillis(5));
        // a later event of the customer is the marker: once it is on the topic, a second copy of the first would be too
        UUID marker = probe.activate(customer, UUID.randomUUID().toString(), false);
        await().atMost(WAIT).until(() -> published(marker));
        assertThat(ofCustomer(kafka.readSinceMark(Topics.TEAM_EVENTS), customer))
                .extracting(r -> r.headers().get("ce_id")).containsExactly(eventId.toString(), marker.toString());
        await().atMost(WAIT).until(() -> probe.effects(customer) == 2);
    }

    @Test
    void anEventSentButNotMarkedBeforeACrashIsSentAgainAndTakesEffectOnce() throws Exception {
        String customer = UUID.randomUUID().toString();
        UUID eventId = probe.activate(customer, UUID.randomUUID().toString(), false);
        await().atMost(WAIT).until(() -> published(eventId));
        await().atMost(WAIT).until(() -> probe.effects(customer) == 1);

        // The state a crash leaves between the broker's acknowledgement and the commit of the mark.
        relay.stop();
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE outbox_event SET published_at = NULL WHERE event_id = ?1")
                .setParameter(1, eventId).executeUpdate());
        relay.start();

        await().atMost(WAIT).until(() -> published(eventId));
        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, received -> ofCustomer(received, customer).size() >= 2);
        assertThat(ofCustomer(records, customer)).extracting(r -> r.headers().get("ce_id"))
                .containsExactly(eventId.toString(), eventId.toString());
        // a later event of the customer is the marker: once the consumer applied it, it has read the second copy before it
        UUID marker = probe.activate(customer, UUID.randomUUID().toString(), false);
        await().atMost(WAIT).until(() -> processed(marker));
        assertThat(probe.effects(customer)).as("the event once, and the marker").isEqualTo(2);
    }

    private Received awaitOne(String customer) {
        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, received -> !ofCustomer(received, customer).isEmpty());
        List<Received> mine = ofCustomer(records, customer);
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    private java.time.Instant publishedAt(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.findByEventId(eventId).publishedAt());
    }

    /** Whether the probe consumer has applied (or skipped as seen) the event: its id is in the consumer's ledger. */
    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager.createNativeQuery(
                "SELECT 1 FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, dev.kam.foundation.probe.ProbeConsumer.CONSUMER).setParameter(2, eventId.toString()).getResultList().isEmpty());
    }

    private boolean published(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent event = outbox.findByEventId(eventId);
            return event != null && event.publishedAt() != null;
        });
    }

    static List<Received> ofCustomer(List<Received> records, String customer) {
        return records.stream().filter(r -> customer.equals(r.key())).toList();
    }
}
