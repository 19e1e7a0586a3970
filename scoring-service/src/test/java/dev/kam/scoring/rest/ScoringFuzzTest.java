package dev.kam.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.testsupport.FuzzedWrites;
import dev.kam.testsupport.FuzzedWrites.Endpoint;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.kam.scoring.rest.CustomerEventsFixture.registered;
import static dev.kam.scoring.rest.CustomerEventsFixture.smallCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The write endpoints of scoring-service under random and mutated JSON: never a 5xx, a refusal leaves nothing behind. */
@QuarkusTest
@ScoringTest
class ScoringFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 150;

    @Inject
    EntityManager entityManager;

    @Test
    void modelAndOverrideWritesNeverFailWithA5xxAndRefusalsLeaveNoTrace() throws Exception {
        String id = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            registered(kafka, smallCustomer(id));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.withRoles("viewer"))
                .get("/api/v1/scores/" + id).then().statusCode(200));
        String salesOps = TestTokens.withRoles("sales-ops");

        JsonNode model = JSON.readTree(ModelActivationTest.draft());
        JsonNode override = JSON.createObjectNode().put("tier", "KEY_ACCOUNT").put("reason", "pilot")
                .put("expiresAt", Instant.now().plus(Duration.ofDays(30)).toString());

        FuzzedWrites.StillWorking stillWorking = answer -> {
            given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/scores/" + id).then().statusCode(200);
            given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/scoring-models").then().statusCode(200);
            FuzzedWrites.outboxDrains(this::unpublished);
        };
        List<String> failures = new ArrayList<>();
        failures.addAll(FuzzedWrites.check(new Endpoint("POST", "/api/v1/scoring-models", "application/json", salesOps),
                model, CASES, () -> footprint(id), stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("PUT", "/api/v1/overrides/" + id, "application/json", salesOps),
                override, CASES, () -> footprint(id), stillWorking));
        assertThat(failures).isEmpty();
    }

    /** Events not yet on Kafka, parked ones included. */
    private long unpublished() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND dropped_at IS NULL").getSingleResult()).longValue());
    }

    /**
     * Counts of every table a write adds to, and a hash of every row the fuzzed endpoints could change in place: the
     * models, the overrides and the fuzzed customer's score (a draft touches no score, an override only its customer's).
     * A refused request must leave all of it as it was. Other customers' scores are counted, not hashed: the 100,000
     * that {@code ModelActivationTest} leaves, turned to text before and after each of 300 cases, had taken this test
     * past its 10-minute limit in a full build.
     */
    private String footprint(String customerId) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(entityManager.createNativeQuery("""
                SELECT concat_ws('|', (SELECT count(*) FROM scoring_model), (SELECT sum(hashtext(m::text)) FROM scoring_model m),
                       (SELECT count(*) FROM score_override), (SELECT sum(hashtext(o::text)) FROM score_override o),
                       (SELECT count(*) FROM customer_score),
                       (SELECT sum(hashtext(s::text)) FROM customer_score s WHERE s.customer_id = CAST(?1 AS uuid)),
                       (SELECT count(*) FROM score_history), (SELECT count(*) FROM outbox_event), (SELECT count(*) FROM audit_entry))""")
                .setParameter(1, customerId).getSingleResult()));
    }
}
