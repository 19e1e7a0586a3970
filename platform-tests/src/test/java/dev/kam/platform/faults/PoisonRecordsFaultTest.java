package dev.kam.platform.faults;

import dev.kam.platform.faults.TopicReader.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: poison on each consumed topic (not JSON, an unknown type, schema-valid but about another
 * customer than its subject): dead-lettered by every consumer with the reason, the rest processed, the
 * channels healthy.
 */
class PoisonRecordsFaultTest extends FaultScenario {

    @Test
    void poisonIsDeadLetteredWithItsReasonAndEverythingElseIsProcessed() throws Exception {
        List<String> customerPoison = new ArrayList<>();
        List<String> scoringPoison = new ArrayList<>();
        SyncClient client = syncJob("poison", 30, 30);
        pause(Duration.ofSeconds(3));
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            String other = UUID.randomUUID().toString();
            customerPoison.add(poison(kafka, Oracle.CUSTOMER_EVENTS, "kam.customer.registered.v1", "{\"customer\": {\"id\": ", null));
            customerPoison.add(poison(kafka, Oracle.CUSTOMER_EVENTS, "kam.customer.teleported.v1", "{\"customer\": {}}", null));
            customerPoison.add(poison(kafka, Oracle.CUSTOMER_EVENTS, "kam.customer.registered.v1", """
                    {"customer": {"id": "%s", "legalName": "Someone Else GmbH", "externalRefs": [], "archived": false, "version": 1},
                     "sequence": 1}""".formatted(other), "about another customer"));
            scoringPoison.add(poison(kafka, Oracle.SCORING_EVENTS, "kam.scoring.key-account-designated.v1", "not json at all", null));
            scoringPoison.add(poison(kafka, Oracle.SCORING_EVENTS, "kam.scoring.key-account-crowned.v1", "{}", null));
            scoringPoison.add(poison(kafka, Oracle.SCORING_EVENTS, "kam.scoring.key-account-designated.v1", """
                    {"customerId": "%s", "designation": "KEY_ACCOUNT", "modelVersion": 1, "score": 80, "regions": ["DE-SOUTH"],
                     "reasons": ["poison"], "designatedAt": "%s"}""".formatted(other, Instant.now()), "about another customer"));
        }
        pause(Duration.ofSeconds(5));
        client.stop();

        Oracle.Verdict verdict = oracle.check(client);
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            Map<String, String> scoringDlq = reasons(kafka.readAll("kam.scoring-service.dlq"));
            Map<String, String> teamDlq = reasons(kafka.readAll("kam.team-coordination-service.dlq"));
            assertThat(scoringDlq).containsKeys(customerPoison.toArray(String[]::new));
            assertThat(teamDlq).containsKeys(customerPoison.toArray(String[]::new)).containsKeys(scoringPoison.toArray(String[]::new));
            assertThat(scoringDlq.get(customerPoison.get(0))).contains("not JSON");
            assertThat(scoringDlq.get(customerPoison.get(1))).contains("unknown event type");
            assertThat(scoringDlq.get(customerPoison.get(2))).contains("about customer");
            assertThat(teamDlq.get(scoringPoison.get(2))).contains("about customer");
        }
        for (String service : Platform.SERVICES) {
            // all of /q/health: a channel that failed on poison shows in liveness (channels are not part of readiness)
            assertThat(Http.status(platform.healthUrl(service, ""))).as(service + " stays healthy, channels included").isEqualTo(200);
        }
        platform.report("5. poison on kam.customer.events and kam.scoring.events (3 kinds each)", verdict.summary()
                + "; 3 poison records in kam.scoring-service.dlq and 6 in kam.team-coordination-service.dlq, each with its reason");
    }

    private String poison(TopicReader kafka, String topic, String type, String value, String note) throws Exception {
        String id = "poison-" + UUID.randomUUID();
        String subject = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_type", type);
        headers.put("ce_source", "/kam/fault-suite");
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", subject);
        headers.put("content-type", "application/json");
        platform.poisonIds.add(id);
        kafka.send(topic, subject, value, headers);
        return id;
    }

    private static Map<String, String> reasons(List<Event> records) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Event record : records) {
            String reason = record.headers().entrySet().stream().filter(header -> header.getKey().contains("reason"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            reasons.put(record.id(), reason);
        }
        return reasons;
    }
}
