package dev.kam.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.kam.scoring.rest.CustomerEventsFixture.JSON;
import static dev.kam.scoring.rest.CustomerEventsFixture.headers;
import static dev.kam.scoring.rest.CustomerEventsFixture.profileChanged;
import static dev.kam.scoring.rest.CustomerEventsFixture.registered;
import static dev.kam.scoring.rest.CustomerEventsFixture.smallCustomer;
import static dev.kam.scoring.rest.CustomerEventsFixture.strategicCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@ScoringTest
class ScoringPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = "kam.scoring-service.dlq";

    private KafkaTestClient kafka;

    @BeforeEach
    void mark() {
        kafka = new KafkaTestClient().mark(Topics.SCORING_EVENTS).mark(Topics.KEY_ACCOUNTS_STATE).mark(DLQ);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aLargePartnerOnThreeContinentsBecomesAGlobalAccountAndLosesItWhenItShrinks() {
        String id = UUID.randomUUID().toString();
        ObjectNode customer = strategicCustomer(id);
        registered(kafka, customer);

        List<Received> events = scoringEventsOf(id, 2);
        assertThat(events).extracting(r -> r.headers().get("ce_type"))
                .containsExactly("kam.scoring.customer-scored.v1", "kam.scoring.key-account-designated.v1");
        JsonNode designated = json(events.get(1));
        assertThat(designated.get("designation").asText()).isEqualTo("NATIONAL_ACCOUNT");
        assertThat(designated.get("reach").asText()).isEqualTo("GLOBAL");
        assertThat(designated.get("areas")).extracting(JsonNode::asText).containsExactly("EUROPE", "AMERICAS", "ASIA_PACIFIC");
        assertThat(designated.get("countries")).extracting(JsonNode::asText).containsExactly("BR", "CN", "DE", "FR", "JP", "MX", "PL", "US");
        assertThat(designated.get("regions")).extracting(JsonNode::asText)
                .containsExactly("DE-SOUTH", "FRANCE", "CENTRAL-EASTERN-EUROPE", "USA", "LATIN-AMERICA", "GREATER-CHINA", "JAPAN");
        assertThat(designated.get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(designated.get("missing")).isEmpty();
        assertThat(designated.path("override").isObject()).as("decided by the model").isFalse();
        assertThat(designated.get("modelVersion").asInt()).isEqualTo(activeModelVersion());
        List<Received> state = stateOf(id, 1);
        assertThat(json(state.get(0)).get("designation").asText()).isEqualTo("NATIONAL_ACCOUNT");

        viewer().get("/api/v1/scores/" + id).then().statusCode(200)
                .body("tier", equalTo("KEY_ACCOUNT"))
                .body("designation", equalTo("NATIONAL_ACCOUNT"))
                .body("reach", equalTo("GLOBAL"))
                .body("areas", equalTo(List.of("EUROPE", "AMERICAS", "ASIA_PACIFIC")))
                .body("modelVersion", equalTo(activeModelVersion()))
                .body("criteria.purchasePotential.score", notNullValue())
                .body("criteria.buyingComplexity.weight", notNullValue())
                .body("criteria.partnershipOrientation.inputs.partnershipIntent", equalTo("STRATEGIC_ALLIANCE"))
                .body("reasons[0]", containsString("reaches the promotion threshold 65"))
                .body("reasons", hasItem(containsString("a global account: present in 3 world areas (EUROPE, AMERICAS, ASIA_PACIFIC)")))
                .body("whatWouldChange[0]", equalTo("a total below 55, or an annual purchase potential below 1,000,000 EUR, would revoke key-account status"));

        // The customer shrinks to a small single-site buyer: below the minimum potential, revoked.
        ObjectNode shrunk = smallCustomer(id);
        profileChanged(kafka, shrunk, 2, "annualPurchasePotential", "locations", "buyingCenter");
        List<Received> after = scoringEventsOf(id, 4);
        assertThat(after).extracting(r -> r.headers().get("ce_type")).containsExactly(
                "kam.scoring.customer-scored.v1", "kam.scoring.key-account-designated.v1",
                "kam.scoring.customer-scored.v1", "kam.scoring.key-account-revoked.v1");
        assertThat(json(after.get(3)).get("previousDesignation").asText()).isEqualTo("NATIONAL_ACCOUNT");
        List<Received> tombstoned = stateOf(id, 2);
        assertThat(tombstoned.get(1).value()).as("a tombstone").isNull();
        assertThat(tombstoned.get(1).key()).isEqualTo(id);
        viewer().get("/api/v1/scores/" + id).then().body("tier", equalTo("STANDARD")).body("designation", equalTo("NONE"))
                .body("reasons[0]", equalTo("the annual purchase potential of 60,000 EUR is below the model's minimum of 1,000,000 EUR "
                        + "for a key account, so the key account is revoked"));

        viewer().get("/api/v1/scores/" + id + "/history").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].designation", equalTo("NATIONAL_ACCOUNT")).body("[1].designation", equalTo("NONE"));
        viewer().queryParam("asOf", Instant.parse("2000-01-01T00:00:00Z").toString())
                .get("/api/v1/scores/" + id + "/history").then().body("size()", equalTo(0));
    }

    @Test
    void aBuyerDispersedOverGermanyIsANationalAccountAndOneThatDrawsBackToOneStateIsAKeyAccount() {
        String id = UUID.randomUUID().toString();
        ObjectNode customer = CustomerEventsFixture.germanCustomer(id);
        registered(kafka, customer);
        JsonNode designated = json(scoringEventsOf(id, 2).get(1));
        assertThat(designated.get("designation").asText()).isEqualTo("NATIONAL_ACCOUNT");
        assertThat(designated.get("reach").asText()).isEqualTo("NATIONAL");
        assertThat(designated.get("countries")).extracting(JsonNode::asText).containsExactly("DE");
        assertThat(designated.get("regions")).extracting(JsonNode::asText).containsExactly("DE-NORTH", "DE-EAST", "DE-WEST", "DE-SOUTH");
        viewer().get("/api/v1/scores/" + id).then().body("reasons", hasItem(
                "a national account: present in 4 sales territories (DE-NORTH, DE-EAST, DE-WEST, DE-SOUTH); 3 or more make a national account"));
        viewer().queryParam("reach", "NATIONAL").queryParam("region", "DE-EAST").queryParam("limit", 500)
                .get("/api/v1/key-accounts").then().statusCode(200).body("items.customerId", hasItem(id));

        // its sites drawn back to Bavaria: a key account of one territory
        ObjectNode drawnBack = CustomerEventsFixture.germanCustomer(id);
        drawnBack.withArray("locations").forEach(location -> ((ObjectNode) location).put("region", "Bayern"));
        profileChanged(kafka, drawnBack, 2, "locations");
        JsonNode changed = json(scoringEventsOf(id, 4).get(3));
        assertThat(changed.get("from").asText()).isEqualTo("NATIONAL_ACCOUNT");
        assertThat(changed.get("to").asText()).isEqualTo("KEY_ACCOUNT");
        assertThat(changed.get("reach").asText()).isEqualTo("LOCAL");

        // the CRM no longer knows its stated intent: still a key account, less clearly identified, and followers are told
        ObjectNode vaguer = drawnBack.deepCopy();
        vaguer.remove("partnershipIntent");
        profileChanged(kafka, vaguer, 3, "partnershipIntent");
        List<Received> all = scoringEventsOf(id, 6);
        assertThat(all.get(5).headers().get("ce_type")).isEqualTo("kam.scoring.key-account-updated.v1");
        JsonNode updated = json(all.get(5));
        assertThat(updated.get("designation").asText()).isEqualTo("KEY_ACCOUNT");
        assertThat(updated.get("missing")).extracting(JsonNode::asText).containsExactly("partnershipIntent");
        assertThat(json(stateOf(id, 3).get(2)).get("reach").asText()).isEqualTo("LOCAL");
    }

    @Test
    void aSmallSingleSiteBuyerStaysStandardAndIsToldWhatWouldChangeThat() {
        String id = UUID.randomUUID().toString();
        registered(kafka, smallCustomer(id));
        List<Received> events = scoringEventsOf(id, 1);
        afterAMarker(id);
        assertThat(kafka.readSinceMark(Topics.SCORING_EVENTS).stream().filter(r -> id.equals(r.key())))
                .extracting(r -> r.headers().get("ce_type")).containsExactly("kam.scoring.customer-scored.v1");
        assertThat(json(events.get(0)).get("tier").asText()).isEqualTo("STANDARD");
        viewer().get("/api/v1/scores/" + id).then().body("designation", equalTo("NONE"))
                .body("whatWouldChange[0]", containsString("would make this a key account"));
        assertThat(kafka.readSinceMark(Topics.KEY_ACCOUNTS_STATE)).noneMatch(r -> id.equals(r.key()));
    }

    @Test
    void theLargestLegalAmountsAreScoredAsWrittenNotRoundedPastTheSchemasLimit() {
        // 999999999999999.9999 is legal (below 10^15, four decimals); as a double it is 1e15, which the schema's exclusive
        // maximum refuses: a consumer that read it as a double dead-lettered the customer, who was then never scored.
        String id = UUID.randomUUID().toString();
        ObjectNode customer = strategicCustomer(id);
        customer.set("annualPurchasePotential", JSON.createObjectNode().put("amount", new java.math.BigDecimal("999999999999999.9999"))
                .put("currency", "EUR"));
        customer.set("currentAnnualRevenue", JSON.createObjectNode().put("amount", new java.math.BigDecimal("999999999999999.94"))
                .put("currency", "EUR"));
        registered(kafka, customer);
        List<Received> events = scoringEventsOf(id, 2);
        assertThat(events).extracting(r -> r.headers().get("ce_type"))
                .containsExactly("kam.scoring.customer-scored.v1", "kam.scoring.key-account-designated.v1");
        viewer().get("/api/v1/scores/" + id).then().statusCode(200).body("designation", equalTo("NATIONAL_ACCOUNT"));
        assertThat(kafka.readSinceMark(DLQ)).noneMatch(r -> id.equals(r.key()));
    }

    @Test
    void theSameCustomerEventDeliveredTwiceChangesTheScoreOnce() {
        String id = UUID.randomUUID().toString();
        ObjectNode data = JSON.createObjectNode();
        data.set("customer", strategicCustomer(id));
        data.put("sequence", 1);
        byte[] body = data.toString().getBytes(StandardCharsets.UTF_8);
        var headers = headers(UUID.randomUUID().toString(), EventType.CUSTOMER_REGISTERED, id);
        kafka.send(Topics.CUSTOMER_EVENTS, id, body, headers);
        kafka.send(Topics.CUSTOMER_EVENTS, id, body, headers);

        scoringEventsOf(id, 2);
        afterAMarker(id);
        assertThat(kafka.readSinceMark(Topics.SCORING_EVENTS).stream().filter(r -> id.equals(r.key())))
                .extracting(r -> r.headers().get("ce_type"))
                .containsExactly("kam.scoring.customer-scored.v1", "kam.scoring.key-account-designated.v1");
        viewer().get("/api/v1/scores/" + id + "/history").then().body("size()", equalTo(1));
    }

    @Test
    void changesOfOneCustomerArrivingTogetherAreScoredOneAfterTheOtherAndAStaleOneChangesNothing() {
        // Sent back to back, they reach the consumer in one poll, which is scored as one set-based batch:
        // each change must still get its own score, history entry and events, each naming the score before it.
        String id = UUID.randomUUID().toString();
        registered(kafka, strategicCustomer(id));
        profileChanged(kafka, smallCustomer(id), 2, "annualPurchasePotential", "locations", "buyingCenter");
        profileChanged(kafka, strategicCustomer(id), 3, "annualPurchasePotential", "locations", "buyingCenter");
        profileChanged(kafka, smallCustomer(id), 2, "annualPurchasePotential"); // stale: sequence 2 was applied

        List<Received> events = scoringEventsOf(id, 6);
        afterAMarker(id);
        List<Received> all = kafka.readSinceMark(Topics.SCORING_EVENTS).stream().filter(r -> id.equals(r.key())).toList();
        assertThat(all).extracting(r -> r.headers().get("ce_type")).containsExactly(
                "kam.scoring.customer-scored.v1", "kam.scoring.key-account-designated.v1",
                "kam.scoring.customer-scored.v1", "kam.scoring.key-account-revoked.v1",
                "kam.scoring.customer-scored.v1", "kam.scoring.key-account-designated.v1");
        JsonNode first = json(events.get(0));
        JsonNode second = json(events.get(2));
        JsonNode third = json(events.get(4));
        assertThat(first.path("previousScore").isNumber()).as("no score before the first").isFalse();
        assertThat(second.get("previousScore").asDouble()).isEqualTo(first.get("score").asDouble());
        assertThat(third.get("previousScore").asDouble()).isEqualTo(second.get("score").asDouble());
        viewer().get("/api/v1/scores/" + id + "/history").then().body("size()", equalTo(3))
                .body("designation", equalTo(List.of("NATIONAL_ACCOUNT", "NONE", "NATIONAL_ACCOUNT")));
        viewer().get("/api/v1/scores/" + id).then().body("designation", equalTo("NATIONAL_ACCOUNT"));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndScoringGoesOn() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.CUSTOMER_EVENTS, id, "{\"customer\": 42".getBytes(StandardCharsets.UTF_8),
                headers(UUID.randomUUID().toString(), EventType.CUSTOMER_REGISTERED, id));
        registered(kafka, smallCustomer(id));

        List<Received> deadLetters = kafka.awaitRecords(DLQ, WAIT, records -> !records.isEmpty());
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).headers()).containsEntry("dead-letter-topic", Topics.CUSTOMER_EVENTS)
                .containsKey("dead-letter-offset");
        assertThat(deadLetters.get(0).headers().get("dead-letter-reason")).startsWith("value is not JSON");
        scoringEventsOf(id, 1);
        given().get("/q/health").then().statusCode(200); // liveness holds the channel's own health
    }

    @Test
    void anOverrideForcesTheTierWithItsReasonAndRemovingItRestoresTheComputedOne() {
        String id = UUID.randomUUID().toString();
        registered(kafka, smallCustomer(id));
        scoringEventsOf(id, 1);

        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON)
                .body("{\"tier\":\"KEY_ACCOUNT\",\"reason\":\"board decision: strategic pilot\",\"expiresAt\":\""
                        + Instant.now().plusSeconds(86_400) + "\"}")
                .put("/api/v1/overrides/" + id).then().statusCode(200);
        viewer().get("/api/v1/scores/" + id).then().body("tier", equalTo("KEY_ACCOUNT")).body("designation", equalTo("KEY_ACCOUNT"))
                .body("reach", equalTo("LOCAL"))
                .body("override.reason", equalTo("board decision: strategic pilot"))
                .body("reasons[0]", containsString("overridden"));
        assertThat(stateOf(id, 1)).hasSize(1);
        JsonNode designated = json(scoringEventsOf(id, 3).get(2));
        assertThat(designated.get("override").get("reason").asText()).as("the designation says an override decided it")
                .isEqualTo("board decision: strategic pilot");
        assertThat(designated.get("override").get("by").asText()).isEqualTo("test-user");

        given().auth().oauth2(TestTokens.withRoles("viewer")).contentType(ContentType.JSON)
                .body("{\"tier\":\"STANDARD\",\"reason\":\"x\",\"expiresAt\":\"" + Instant.now().plusSeconds(60) + "\"}")
                .put("/api/v1/overrides/" + id).then().statusCode(403);

        given().auth().oauth2(TestTokens.forSubject("ops-lead-3", "sales-ops")).delete("/api/v1/overrides/" + id).then().statusCode(204);
        viewer().get("/api/v1/scores/" + id).then().body("tier", equalTo("STANDARD")).body("designation", equalTo("NONE"));
        List<Received> revoked = scoringEventsOf(id, 5);
        assertThat(revoked).extracting(r -> r.headers().get("ce_type")).contains("kam.scoring.key-account-revoked.v1");

        // who did it: the audit trail, and the events the override caused carry the caller
        assertThat(revoked).filteredOn(r -> r.headers().get("ce_type").equals("kam.scoring.key-account-designated.v1"))
                .extracting(r -> r.headers().get("ce_actor")).containsExactly("test-user");
        assertThat(revoked).filteredOn(r -> r.headers().get("ce_type").equals("kam.scoring.key-account-revoked.v1"))
                .extracting(r -> r.headers().get("ce_actor")).containsExactly("ops-lead-3");
        assertThat(revoked).filteredOn(r -> r.headers().get("ce_type").equals("kam.scoring.customer-scored.v1"))
                .extracting(r -> r.headers().get("ce_actor")).first().isEqualTo("service:scoring-service");
        io.restassured.response.Response trail = viewer().queryParam("entityType", "scoring").queryParam("entityId", id)
                .get("/api/v1/audit");
        assertThat(trail.jsonPath().getList("items.action")).startsWith("override.set")
                .contains("scoring.key-account-designated", "override.removed", "scoring.key-account-revoked");
        assertThat(trail.jsonPath().getString("items[0].details.reason")).isEqualTo("board decision: strategic pilot");
        assertThat(trail.jsonPath().getString("items[0].details.tier")).isEqualTo("KEY_ACCOUNT");
    }

    @Test
    void anExpiredOverrideGivesBackTheComputedTier() {
        String id = UUID.randomUUID().toString();
        registered(kafka, strategicCustomer(id));
        scoringEventsOf(id, 2);
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON)
                .body("{\"tier\":\"STANDARD\",\"reason\":\"credit hold\",\"expiresAt\":\"" + Instant.now().plusSeconds(3) + "\"}")
                .put("/api/v1/overrides/" + id).then().statusCode(200);
        viewer().get("/api/v1/scores/" + id).then().body("designation", equalTo("NONE"));

        await().atMost(WAIT).untilAsserted(() -> viewer().get("/api/v1/scores/" + id).then()
                .body("designation", equalTo("NATIONAL_ACCOUNT")).body("override", org.hamcrest.Matchers.nullValue()));
        viewer().get("/api/v1/scores/" + id + "/history").then()
                .body("cause", equalTo(List.of("customer-changed", "override-set", "override-expired")));
    }

    @Test
    void thePortfolioListsKeyAccountsByDesignationReachAndTerritory() {
        String id = UUID.randomUUID().toString();
        registered(kafka, strategicCustomer(id));
        scoringEventsOf(id, 2);
        // other tests leave many key accounts in Japan and Germany; few have sites in Latin America
        viewer().queryParam("designation", "NATIONAL_ACCOUNT").queryParam("region", "LATIN-AMERICA").queryParam("limit", 500)
                .get("/api/v1/key-accounts").then().statusCode(200).body("items.customerId", hasItem(id))
                .body("items.find { it.customerId == '" + id + "' }.reach", equalTo("GLOBAL"))
                .body("items.find { it.customerId == '" + id + "' }.areas", equalTo(List.of("EUROPE", "AMERICAS", "ASIA_PACIFIC")));
        viewer().queryParam("reach", "GLOBAL").queryParam("region", "LATIN-AMERICA").queryParam("limit", 500)
                .get("/api/v1/key-accounts").then().statusCode(200).body("items.customerId", hasItem(id));
        viewer().queryParam("reach", "NATIONAL").queryParam("region", "LATIN-AMERICA").queryParam("limit", 500)
                .get("/api/v1/key-accounts").then().statusCode(200).body("items.customerId", org.hamcrest.Matchers.not(hasItem(id)));
        viewer().queryParam("designation", "KEY_ACCOUNT").queryParam("limit", 500)
                .get("/api/v1/key-accounts").then().statusCode(200).body("items.customerId", org.hamcrest.Matchers.not(hasItem(id)));
        viewer().get("/api/v1/scores/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    private List<Received> scoringEventsOf(String id, int atLeast) {
        List<Received> records = kafka.awaitRecords(Topics.SCORING_EVENTS, WAIT,
                all -> all.stream().filter(r -> id.equals(r.key())).count() >= atLeast);
        List<Received> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        assertThat(mine).hasSizeGreaterThanOrEqualTo(atLeast);
        for (Received record : mine) {
            EventType type = EventType.ofCeType(record.headers().get("ce_type")).orElseThrow();
            assertThat(EventSchemas.instance().violations(type, json(record))).as(record.value()).isEmpty();
        }
        return mine;
    }

    private List<Received> stateOf(String id, int atLeast) {
        List<Received> records = kafka.awaitRecords(Topics.KEY_ACCOUNTS_STATE, WAIT,
                all -> all.stream().filter(r -> id.equals(r.key())).count() >= atLeast);
        return records.stream().filter(r -> id.equals(r.key())).toList();
    }

    private static JsonNode json(Received record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Another test may have activated a newer model (same thresholds): scores carry whichever is active. */
    private static int activeModelVersion() {
        List<Integer> active = viewer().get("/api/v1/scoring-models").path("findAll { it.status == 'ACTIVE' }.version");
        assertThat(active).hasSize(1);
        return active.get(0);
    }

    private static io.restassured.specification.RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.withRoles("viewer"));
    }

    /**
     * Waits until scoring has applied a marker: a new customer whose event goes to the same partition after {@code id}'s.
     * Then every event of {@code id} was applied, and all it caused is on the scoring topics: "nothing more happened" is
     * known, not waited for by a fixed time.
     */
    private void afterAMarker(String id) {
        String marker = KafkaTestClient.keyOnTheSamePartitionAs(id, Topics.EVENT_TOPIC_PARTITIONS);
        registered(kafka, smallCustomer(marker));
        scoringEventsOf(marker, 1);
    }
}
