package dev.kam.platform.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 10: Kafka refuses records in the middle of the relay's batches, deterministically. The customer topic's
 * {@code max.message.bytes} is lowered under load (an operator's setting, a managed cluster's limit) while some
 * customers get large but legal buying centres: the broker refuses exactly those events while the producer has the
 * later events of the same customers in flight. They are parked, their customers' later events wait, everything else
 * flows; the operator raises the limit and retries them; then every event is on the topic once, in order.
 */
class RefusedRecordsFaultTest extends FaultScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOPIC_LIMIT = 16 * 1024;

    @Test
    void recordsKafkaRefusesMidBatchAreParkedTheirCustomersWaitAndAfterARetryAllArriveOnceInOrder() throws Exception {
        SyncClient client = syncJob("refused", 30, 20);
        SyncClient large = new SyncClient(platform, "refused-large", 6, "sync-refused-large").withLargeBuyingCentres()
                .start(2, 4, SyncClient.Mode.RETRY_UNTIL_ACCEPTED);
        String customers = platform.baseUrl("customer-service");
        String operator = platform.token("fault-operator", "operator");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
            pause(Duration.ofSeconds(3));
            topicLimit(admin, TOPIC_LIMIT);
            pause(Duration.ofSeconds(15));
            JsonNode parked = parked(customers, operator);
            assertThat(parked.size()).as("events Kafka refused are parked, not retried for ever").isPositive();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // the health check reads the 10-s samples
            while (Http.status(customers + "/q/health/well") != 503 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(Http.status(customers + "/q/health/well")).as("the parked events show in the health check").isEqualTo(503);
            assertThat(platform.readiness("customer-service")).as("and the service stays ready").isEqualTo(200);
            long held = 0;
            for (JsonNode event : parked) {
                held += event.path("heldBehind").asLong();
            }

            // The operator raises the limit and retries each parked event; nothing is refused any more.
            topicLimit(admin, null);
            int retried = 0;
            long retryDeadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
            for (JsonNode event = first(parked(customers, operator)); event != null; event = first(parked(customers, operator))) {
                assertThat(System.nanoTime()).as("every parked event retried within 3 minutes (" + retried + " so far, still parked: "
                        + event + ")").isLessThan(retryDeadline);
                HttpResponse<String> retry = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(customers + "/api/v1/outbox/parked-events/" + event.path("eventId").asText() + "/retry"))
                        .header("Authorization", "Bearer " + operator).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(retry.statusCode()).as(retry.body()).isIn(200, 404); // 404: published meanwhile
                retried++;
                Thread.sleep(200);
            }
            client.stop();
            large.stop();

            Oracle.Verdict verdict = oracle.check(client);
            Oracle.Verdict largeVerdict = oracle.check(large);
            platform.report("10. customer topic's max.message.bytes lowered to 16 KiB for 15 s under load, then raised",
                    verdict.summary() + "; large documents: " + largeVerdict.acceptedChanges() + " changes of " + largeVerdict.customers()
                            + " customers, " + parked.size() + " events parked with " + held + " held behind them, " + retried
                            + " retried by the operator, all published once and in order afterwards");
        } finally {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
                topicLimit(admin, null);
            }
        }
    }

    private static JsonNode first(JsonNode items) {
        return items.isEmpty() ? null : items.get(0);
    }

    private static JsonNode parked(String base, String token) throws Exception {
        HttpResponse<String> answer = Http.get(base + "/api/v1/outbox/parked-events?limit=500", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("items");
    }

    private static void topicLimit(Admin admin, Integer bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Oracle.CUSTOMER_EVENTS);
        AlterConfigOp change = bytes == null
                ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get();
        // The broker applies a topic's configuration from the metadata log: wait until it reports the new value.
        for (int attempt = 0; attempt < 100; attempt++) {
            ConfigEntry entry = admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            boolean applied = bytes == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    : String.valueOf(bytes).equals(entry.value());
            if (applied) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the broker did not apply max.message.bytes=" + bytes + " to " + Oracle.CUSTOMER_EVENTS + " within 10 s");
    }
}
