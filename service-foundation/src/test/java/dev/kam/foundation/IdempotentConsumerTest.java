package dev.kam.foundation;

import dev.kam.contracts.EventType;
import dev.kam.contracts.ServiceNames;
import dev.kam.contracts.Topics;
import dev.kam.foundation.inbox.DeadLetterPublisher;
import dev.kam.foundation.inbox.IdempotentEventProcessor.Outcome;
import dev.kam.foundation.probe.ProbeConsumer;
import dev.kam.foundation.probe.ProbeService;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@FoundationTest
class IdempotentConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetter("foundation-probe");

    @Inject
    ProbeService probe;
    @Inject
    ProbeConsumer consumer;

    private KafkaTestClient kafka;

    @BeforeEach
    void mark() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS).mark(DLQ);
    }

    @AfterEach
    void close() {
        consumer.injectTransientFaults(0);
        kafka.close();
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        String customer = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = headers(eventId, EventType.TEAM_ACTIVATED.ceType(), customer);
        byte[] data = activated(customer, UUID.randomUUID().toString());

        kafka.send(Topics.TEAM_EVENTS, customer, data, headers);
        kafka.send(Topics.TEAM_EVENTS, customer, data, headers);
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.TEAM_EVENTS, customer, activated(customer, UUID.randomUUID().toString()),
                headers(marker, EventType.TEAM_ACTIVATED.ceType(), customer));

        await().atMost(WAIT).until(() -> probe.effects(customer) >= 2);
        assertThat(probe.effects(customer)).as("first delivery and the marker, not the duplicate").isEqualTo(2);
    }

    @Test
    void concurrentDeliveriesOfOneEventTakeEffectOnce() throws Exception {
        String customer = UUID.randomUUID().toString();
        ConsumerRecord<String, byte[]> record = record(customer, headers(UUID.randomUUID().toString(),
                EventType.TEAM_ACTIVATED.ceType(), customer), activated(customer, UUID.randomUUID().toString()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Outcome>> deliveries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                deliveries.add(() -> consumer.process(record));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> outcome : pool.invokeAll(deliveries)) {
                outcomes.add(outcome.get());
            }
            assertThat(outcomes).containsOnlyOnce(Outcome.APPLIED).contains(Outcome.DUPLICATE);
        } finally {
            pool.shutdownNow();
        }
        assertThat(probe.effects(customer)).isEqualTo(1);
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndTheRestIsProcessed() {
        String customer = UUID.randomUUID().toString();
        kafka.send(Topics.TEAM_EVENTS, customer, "{not json".getBytes(StandardCharsets.UTF_8),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));
        kafka.send(Topics.TEAM_EVENTS, customer, activated(customer, UUID.randomUUID().toString()),
                headers(UUID.randomUUID().toString(), "kam.team.exploded.v1", customer));
        kafka.send(Topics.TEAM_EVENTS, customer, "{\"customerId\":\"nope\"}".getBytes(StandardCharsets.UTF_8),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));
        kafka.send(Topics.TEAM_EVENTS, customer, activated(customer, ProbeConsumer.REJECTED_TEAM),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));
        kafka.send(Topics.TEAM_EVENTS, customer, activated(customer, UUID.randomUUID().toString()),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));

        await().atMost(WAIT).until(() -> probe.effects(customer) == 1);
        List<Received> deadLetters = kafka.awaitRecords(DLQ, WAIT, received -> received.size() >= 4);
        assertThat(deadLetters).hasSize(4);
        assertThat(deadLetters).extracting(r -> r.headers().get(DeadLetterPublisher.REASON)).satisfiesExactly(
                reason -> assertThat(reason).startsWith("value is not JSON"),
                reason -> assertThat(reason).isEqualTo("unknown event type kam.team.exploded.v1"),
                reason -> assertThat(reason).contains("does not match").contains("customerId"),
                reason -> assertThat(reason).isEqualTo("team " + ProbeConsumer.REJECTED_TEAM + " does not exist"));
        Received first = deadLetters.get(0);
        assertThat(first.key()).isEqualTo(customer);
        assertThat(first.value()).isEqualTo("{not json");
        assertThat(first.headers())
                .containsEntry(DeadLetterPublisher.ORIGINAL_TOPIC, Topics.TEAM_EVENTS)
                .containsEntry(DeadLetterPublisher.CONSUMER, ProbeConsumer.CONSUMER)
                .containsKeys(DeadLetterPublisher.ORIGINAL_PARTITION, DeadLetterPublisher.ORIGINAL_OFFSET, "ce_id");
        Long.parseLong(first.headers().get(DeadLetterPublisher.ORIGINAL_OFFSET));

        RestAssured.get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aPoisonRecordAtKafkasSizeLimitIsDeadLetteredWithoutItsValueRatherThanRetriedForEver() {
        // At the limit as it arrives, beyond it with the dead-letter headers added: it cannot travel as it is.
        String customer = UUID.randomUUID().toString();
        byte[] huge = new byte[1_048_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        kafka.send(Topics.TEAM_EVENTS, customer, huge, headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));
        kafka.send(Topics.TEAM_EVENTS, customer, activated(customer, UUID.randomUUID().toString()),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));

        await().atMost(WAIT).until(() -> probe.effects(customer) == 1); // the record behind it is applied
        List<Received> deadLetters = kafka.awaitRecords(DLQ, WAIT, received -> received.stream().anyMatch(r -> customer.equals(r.key())));
        Received deadLetter = deadLetters.stream().filter(r -> customer.equals(r.key())).findFirst().orElseThrow();
        assertThat(deadLetter.value()).isNull();
        assertThat(deadLetter.headers().get(DeadLetterPublisher.VALUE_DROPPED)).contains(Topics.TEAM_EVENTS);
        assertThat(deadLetter.headers().get(DeadLetterPublisher.REASON)).startsWith("value is not JSON");
    }

    @Test
    void aPoisonRecordDeliveredAgainIsNotDeadLetteredAgain() {
        String customer = UUID.randomUUID().toString();
        long offset = 1_000_000_000L + new java.util.Random().nextInt(1_000_000);
        ConsumerRecord<String, byte[]> poison = record(customer, headers(UUID.randomUUID().toString(),
                EventType.TEAM_ACTIVATED.ceType(), customer), "{not json".getBytes(StandardCharsets.UTF_8), offset);
        assertThat(consumer.process(poison)).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(consumer.process(poison)).isEqualTo(Outcome.DEAD_LETTERED);

        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.TEAM_EVENTS, marker, "{not json".getBytes(StandardCharsets.UTF_8),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), marker));
        List<Received> deadLetters = kafka.awaitRecords(DLQ, WAIT, received -> received.stream().anyMatch(r -> marker.equals(r.key())));
        assertThat(deadLetters).filteredOn(r -> customer.equals(r.key())).hasSize(1);
    }

    @Test
    void aKnownTypeTheConsumerDoesNotHandleIsSkippedUnreadButAnUnknownTypeIsDeadLettered() {
        String customer = UUID.randomUUID().toString();
        long offset = 3_000_000_000L + new java.util.Random().nextInt(1_000_000);
        // team-formed belongs on this topic; the probe only handles team-activated: its body is never read
        ConsumerRecord<String, byte[]> notOurs = record(customer, headers(UUID.randomUUID().toString(),
                EventType.TEAM_FORMED.ceType(), customer), "{not json".getBytes(StandardCharsets.UTF_8), offset);
        assertThat(consumer.process(notOurs)).isEqualTo(Outcome.IGNORED);
        ConsumerRecord<String, byte[]> unknown = record(customer, headers(UUID.randomUUID().toString(),
                "kam.team.teleported.v1", customer), "{}".getBytes(StandardCharsets.UTF_8), offset + 1);
        assertThat(consumer.process(unknown)).isEqualTo(Outcome.DEAD_LETTERED);
        ConsumerRecord<String, byte[]> wrongTopic = record(customer, headers(UUID.randomUUID().toString(),
                EventType.CUSTOMER_REGISTERED.ceType(), customer), "{}".getBytes(StandardCharsets.UTF_8), offset + 2);
        assertThat(consumer.process(wrongTopic)).isEqualTo(Outcome.DEAD_LETTERED);
    }

    @Test
    void anEventWhoseDataIsAboutAnotherCustomerThanItsSubjectIsDeadLettered() {
        String customer = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        ConsumerRecord<String, byte[]> misaddressed = record(customer, headers(UUID.randomUUID().toString(),
                EventType.TEAM_ACTIVATED.ceType(), customer), activated(other, UUID.randomUUID().toString()),
                2_000_000_000L + new java.util.Random().nextInt(1_000_000));
        assertThat(consumer.process(misaddressed)).isEqualTo(Outcome.DEAD_LETTERED);
        List<Received> deadLetters = kafka.awaitRecords(DLQ, WAIT, received -> received.stream().anyMatch(r -> customer.equals(r.key())));
        assertThat(deadLetters).filteredOn(r -> customer.equals(r.key())).singleElement()
                .satisfies(r -> assertThat(r.headers().get(DeadLetterPublisher.REASON))
                        .isEqualTo("the data is about customer " + other + " but ce_subject names " + customer));
        assertThat(probe.effects(other)).isZero();
        assertThat(probe.effects(customer)).isZero();
    }

    @Test
    void aBatchIsAppliedOnceInOrderAndItsPoisonAloneIsDeadLettered() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String poisoned = UUID.randomUUID().toString();
        long offset = 3_000_000_000L + new java.util.Random().nextInt(1_000_000) * 10L;
        Map<String, String> firstHeaders = headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), first);
        byte[] firstData = activated(first, UUID.randomUUID().toString());
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                record(first, firstHeaders, firstData, offset),
                record(first, firstHeaders, firstData, offset + 1), // the same event delivered twice in one batch
                record(poisoned, headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), poisoned),
                        "{not json".getBytes(StandardCharsets.UTF_8), offset + 2),
                record(poisoned, headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), poisoned),
                        activated(poisoned, ProbeConsumer.REJECTED_TEAM), offset + 3),
                record(second, headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), second),
                        activated(second, UUID.randomUUID().toString()), offset + 4));

        consumer.processBatch(batch);
        consumer.processBatch(batch); // redelivered whole: nothing happens twice

        assertThat(probe.effects(first)).isEqualTo(1);
        assertThat(probe.effects(second)).isEqualTo(1);
        assertThat(probe.effects(poisoned)).isZero();
        List<Received> deadLetters = kafka.awaitRecords(DLQ, WAIT,
                received -> received.stream().filter(r -> poisoned.equals(r.key())).count() >= 2);
        assertThat(deadLetters).filteredOn(r -> poisoned.equals(r.key()))
                .extracting(r -> r.headers().get(DeadLetterPublisher.REASON))
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).startsWith("value is not JSON"),
                        reason -> assertThat(reason).isEqualTo("team " + ProbeConsumer.REJECTED_TEAM + " does not exist"));
    }

    @Test
    void aTransientFaultInABatchRetriesTheWholeBatch() {
        String customer = UUID.randomUUID().toString();
        long offset = 4_000_000_000L + new java.util.Random().nextInt(1_000_000) * 10L;
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(record(customer, headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer),
                    activated(customer, UUID.randomUUID().toString()), offset + i));
        }
        consumer.injectTransientFaults(2);
        consumer.processBatch(batch);
        assertThat(probe.effects(customer)).isEqualTo(3);
    }

    @Test
    void aTransientFaultIsRetriedUntilItPassesAndNeverDeadLettered() {
        consumer.injectTransientFaults(3);
        int attemptsBefore = consumer.attempts();
        String customer = UUID.randomUUID().toString();
        kafka.send(Topics.TEAM_EVENTS, customer, activated(customer, UUID.randomUUID().toString()),
                headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer));

        await().atMost(WAIT).until(() -> probe.effects(customer) == 1);
        assertThat(consumer.attempts() - attemptsBefore).isGreaterThanOrEqualTo(4);
        assertThat(kafka.readSinceMark(DLQ)).isEmpty();
    }

    static Map<String, String> headers(String id, String type, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_type", type);
        headers.put("ce_source", ServiceNames.eventSource("test"));
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", subject);
        return headers;
    }

    static byte[] activated(String customer, String team) {
        return ("{\"customerId\":\"" + customer + "\",\"teamId\":\"" + team + "\",\"activatedAt\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> record(String key, Map<String, String> headers, byte[] value) {
        return record(key, headers, value, 0L);
    }

    private static ConsumerRecord<String, byte[]> record(String key, Map<String, String> headers, byte[] value, long offset) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, headerValue) -> recordHeaders.add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
        return new ConsumerRecord<>(Topics.TEAM_EVENTS, 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                -1, -1, key, value, recordHeaders, Optional.empty());
    }
}
