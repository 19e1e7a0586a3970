package dev.kam.scoring.rest;

import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kam.testsupport.PrometheusMetrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@ScoringTest
class ModelActivationTest {

    private static final int CUSTOMERS = 100_000;

    @Inject
    EntityManager entityManager;
    @Inject
    dev.kam.foundation.metrics.SampledGauges gauges;

    @Test
    void activatingANewModelRescoresEveryCustomerInTheBackgroundWithVisibleProgress() throws Exception {
        seedCustomers();
        long known = count("SELECT count(*) FROM customer_facts");

        Response created = given().auth().oauth2(TestTokens.forSubject("ops-lead-7", "sales-ops")).contentType(ContentType.JSON)
                .body(draft()).post("/api/v1/scoring-models");
        created.then().statusCode(201).body("status", equalTo("DRAFT"));
        int version = created.path("version");

        Response accepted = given().auth().oauth2(TestTokens.forSubject("ops-lead-7", "sales-ops")).post("/api/v1/scoring-models/" + version + "/activate");
        accepted.then().statusCode(202).body("status", equalTo("RUNNING")).body("modelVersion", equalTo(version));
        String job = accepted.header("Location");
        assertThat(accepted.<Integer>path("total")).isEqualTo((int) known);
        Response trail = given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("entityType", "scoring-model")
                .queryParam("entityId", String.valueOf(version)).get("/api/v1/audit");
        assertThat(trail.jsonPath().getList("items.action")).containsExactly("scoring-model.draft-created", "scoring-model.activated");
        assertThat(trail.jsonPath().getList("items.actor")).containsOnly("ops-lead-7");
        assertThat(trail.jsonPath().getString("items[1].details.rescoreJob")).isEqualTo(accepted.<String>path("id"));

        List<Integer> progress = new ArrayList<>();
        List<Double> remainingOnMetrics = new ArrayList<>();
        String status = "RUNNING";
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while ("RUNNING".equals(status) && System.nanoTime() < deadline) {
            Response poll = given().auth().oauth2(TestTokens.withRoles("viewer")).get(job);
            poll.then().statusCode(200);
            status = poll.path("status");
            progress.add(poll.path("done"));
            if (progress.size() % 8 == 1) {
                gauges.refreshNow();
                remainingOnMetrics.add(PrometheusMetrics.value("kam_rescore_remaining"));
            }
            Thread.sleep(250);
        }
        assertThat(status).isEqualTo("DONE");
        assertThat(progress).as("progress was visible while it ran").anyMatch(done -> done > 0 && done < known);
        assertThat(remainingOnMetrics).as("kam_rescore_remaining while it ran").anyMatch(remaining -> remaining > 0 && remaining < known);
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_rescore_remaining")).isZero();
        assertThat(PrometheusMetrics.value("kam_rescore_progress")).isEqualTo(1.0);
        assertThat(PrometheusMetrics.value("kam_accounts")).as("every scored customer counted by designation").isEqualTo((double) known);
        given().auth().oauth2(TestTokens.withRoles("viewer")).get(job).then().body("done", equalTo((int) known))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());

        assertThat(count("SELECT count(*) FROM customer_score")).isEqualTo(known);
        assertThat(count("SELECT count(*) FROM customer_score WHERE model_version <> " + version)).isZero();
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/scoring-models").then()
                .body("findAll { it.status == 'ACTIVE' }.version", equalTo(List.of(version)));

        given().auth().oauth2(TestTokens.withRoles("sales-ops")).post("/api/v1/scoring-models/" + version + "/activate").then()
                .statusCode(409).contentType("application/problem+json");

        // Every changed score was announced; let the relay drain them so later tests see their own events promptly.
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_type = 'kam.scoring.customer-scored.v1'")).isGreaterThanOrEqualTo(known);
    }

    @Test
    void onlySalesOpsChangeModelsAndAnInconsistentModelIsNamed() {
        given().auth().oauth2(TestTokens.withRoles("viewer", "key-account-manager")).contentType(ContentType.JSON).body(draft())
                .post("/api/v1/scoring-models").then().statusCode(403);
        String broken = draft().replace("\"purchasePotential\": 0.45", "\"purchasePotential\": 0.9");
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON).body(broken)
                .post("/api/v1/scoring-models").then().statusCode(400)
                .body("violations[0].message", org.hamcrest.Matchers.containsString("weights must sum to 1"));
    }

    /** Customers scoring knows from earlier events, written straight into its table to keep the test fast. */
    private void seedCustomers() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO customer_facts (customer_id, facts, event_sequence, archived, updated_at)
                SELECT gen_random_uuid(), jsonb_build_object(
                           'potentialAmount', 50000 + (n % 997) * 20000, 'potentialCurrency', 'EUR',
                           'buyingCenterSize', n % 9, 'distinctRoles', n % 5, 'selectionCriteria', n % 7,
                           'regions', CASE WHEN n % 3 = 0 THEN '["EMEA"]'::jsonb ELSE '["EMEA","APAC"]'::jsonb END,
                           'countries', 1 + n % 4, 'functionalAreas', n % 6, 'operatingUnits', n % 4,
                           'partnershipIntent', 'EXPLORING', 'supplierStatus', 'APPROVED', 'relationshipSince', '2020-01-01'),
                       1, false, now()
                FROM generate_series(1, ?1) AS n""").setParameter(1, CUSTOMERS).executeUpdate());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** A valid draft model, different from the default one; the fuzz test mutates it too. */
    static String draft() {
        return """
                {"description": "potential weighs more",
                 "definition": {
                   "weights": {"purchasePotential": 0.45, "buyingComplexity": 0.30, "partnershipOrientation": 0.25},
                   "promotionThreshold": 65, "demotionThreshold": 55, "minimumConfidence": 0.65, "nationalAccountRegions": 3,
                   "potentialFloorEur": 100000, "potentialCeilingEur": 50000000,
                   "eurPerUnit": {"EUR": 1, "USD": 0.92},
                   "complexityCaps": {"buyingCenterSize": 12, "distinctRoles": 5, "selectionCriteria": 10, "regions": 3,
                                      "countries": 8, "functionalAreas": 6, "operatingUnits": 5},
                   "partnershipIntentPoints": {"NONE": 0, "EXPLORING": 40, "LONG_TERM_PARTNERSHIP": 80, "STRATEGIC_ALLIANCE": 100},
                   "supplierStatusPoints": {"NONE": 0, "APPROVED": 40, "PREFERRED": 80, "STRATEGIC": 100},
                   "relationshipYearsForFullScore": 10}}""";
    }
}
