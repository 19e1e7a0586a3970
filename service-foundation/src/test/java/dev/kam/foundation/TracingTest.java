package dev.kam.foundation;

import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.foundation.outbox.OutboxEvent;
import dev.kam.foundation.outbox.OutboxRepository;
import dev.kam.foundation.probe.ProbeConsumer;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace crosses the outbox and Kafka: the REST call's trace is stored with the event, the relay publishes it
 * in a producer span of that trace, the consumer processes it under that span, and what the consumer records
 * continues the same trace, also when a poll's events from different traces are applied together.
 */
@QuarkusTest
@FoundationTest
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    OutboxRepository outbox;
    @Inject
    ProbeConsumer consumer;
    @Inject
    jakarta.enterprise.inject.Instance<io.opentelemetry.sdk.trace.export.SpanExporter> exporters;

    private KafkaTestClient kafka;

    @BeforeEach
    void markTopic() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS).mark(Topics.deadLetter("foundation-probe"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theTraceOfARestCallReachesTheConsumerAndWhatItPublishesInTurn() {
        String traceId = randomHex(32);
        String callerSpan = randomHex(16);
        String customer = UUID.randomUUID().toString();

        String eventId = given().auth().oauth2(TestTokens.withRoles("crm-integration"))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType("application/json")
                .post("/api/v1/probe/activations/" + customer + "/" + ProbeConsumer.ECHO_TEAM)
                .then().statusCode(200).extract().as(String.class);

        OutboxEvent recorded = QuarkusTransaction.requiringNew().call(() -> outbox.findByEventId(UUID.fromString(eventId)));
        assertThat(recorded.traceparent()).as("the event stores the trace of the REST call that caused it")
                .startsWith("00-" + traceId + "-").doesNotContain(callerSpan);

        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, received -> received.stream()
                .filter(r -> r.key().equals(customer)).count() == 2);
        Received activated = records.stream().filter(r -> r.key().equals(customer)).findFirst().orElseThrow();
        Received dissolved = records.stream().filter(r -> r.key().equals(customer)).skip(1).findFirst().orElseThrow();
        assertThat(activated.headers().get("ce_type")).isEqualTo(EventType.TEAM_ACTIVATED.ceType());
        assertThat(dissolved.headers().get("ce_type")).isEqualTo(EventType.TEAM_DISSOLVED.ceType());
        String producerSpan = spanOf(activated.headers().get("traceparent"));
        assertThat(activated.headers().get("traceparent")).as("published in a producer span of the same trace")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(producerSpan).isNotEqualTo(spanOf(recorded.traceparent()));
        assertThat(dissolved.headers().get("traceparent")).as("what the consumer recorded continues the trace")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(spanOf(dissolved.headers().get("traceparent"))).isNotIn(producerSpan, callerSpan);
    }

    @Test
    void withoutACollectorNamedSpansStayLocal() {
        // kam.tracing.otlp-endpoint is not set here: the exporter that drops spans is the one in place, so Quarkus
        // does not start its OTLP exporter against a collector that is not there.
        assertThat(exporters.isResolvable()).isTrue();
        assertThat(exporters.get()).isInstanceOf(dev.kam.foundation.tracing.SpanExportOff.class);
    }

    @Test
    void eventsAppliedTogetherEachContinueTheTraceOfTheirOwnCustomer() {
        String firstTrace = randomHex(32);
        String secondTrace = randomHex(32);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        consumer.processBatch(List.of(
                echoActivation(first, "00-" + firstTrace + "-" + randomHex(16) + "-01", 0),
                echoActivation(second, "00-" + secondTrace + "-" + randomHex(16) + "-01", 1)));

        assertThat(traceparentsRecordedFor(first)).singleElement().asString().startsWith("00-" + firstTrace + "-");
        assertThat(traceparentsRecordedFor(second)).singleElement().asString().startsWith("00-" + secondTrace + "-");
    }

    @Test
    void logLinesWrittenWhileAnEventIsProcessedCarryItsTraceId() {
        String traceId = randomHex(32);
        String customer = UUID.randomUUID().toString();
        List<String> lines = new CopyOnWriteArrayList<>();
        // Formatted as it is written, on the thread that writes it: the trace ids come from that thread's context.
        PatternFormatter format = new PatternFormatter("traceId=%X{traceId} spanId=%X{spanId} %s");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && record.getMessage() != null) {
                    lines.add(format.format(ext));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            kafka.send(Topics.TEAM_EVENTS, customer, IdempotentConsumerTest.activated(customer, ProbeConsumer.REJECTED_TEAM),
                    withTraceparent(IdempotentConsumerTest.headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer),
                            "00-" + traceId + "-" + randomHex(16) + "-01"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(lines).filteredOn(line -> line.contains("dead-lettering"))
                    .anySatisfy(line -> assertThat(line).startsWith("traceId=" + traceId + " spanId=").containsPattern("spanId=[0-9a-f]{16} ")));
        } finally {
            root.removeHandler(capture);
        }
    }

    private List<String> traceparentsRecordedFor(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.findByAggregateId(customer).stream()
                .filter(event -> event.eventType().equals(EventType.TEAM_DISSOLVED.ceType()))
                .map(OutboxEvent::traceparent).toList());
    }

    private static ConsumerRecord<String, byte[]> echoActivation(String customer, String traceparent, long offset) {
        RecordHeaders headers = new RecordHeaders();
        withTraceparent(IdempotentConsumerTest.headers(UUID.randomUUID().toString(), EventType.TEAM_ACTIVATED.ceType(), customer), traceparent)
                .forEach((name, value) -> headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return new ConsumerRecord<>(Topics.TEAM_EVENTS, 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1,
                customer, IdempotentConsumerTest.activated(customer, ProbeConsumer.ECHO_TEAM), headers, Optional.empty());
    }

    private static Map<String, String> withTraceparent(Map<String, String> headers, String traceparent) {
        headers.put("traceparent", traceparent);
        return headers;
    }

    private static String spanOf(String traceparent) {
        return traceparent.split("-")[2];
    }

    private static String randomHex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }
}
