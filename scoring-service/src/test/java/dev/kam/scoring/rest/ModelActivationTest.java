package dev.kam.scoring.rest;

import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.scoring.domain.ScoringModel;
import dev.kam.scoring.repository.ScoringRepository.RescoreJob;
import dev.kam.scoring.service.ModelService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kam.testsupport.PrometheusMetrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@ScoringTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelActivationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int CUSTOMERS = 100_000;

    @Inject
    EntityManager entityManager;
    @Inject
    dev.kam.foundation.metrics.SampledGauges gauges;

    @Inject
    ModelService models;

    /**
     * A database upgraded from a release whose model had another shape (regions instead of sales territories, no
     * minimum potential, supplier status as a criterion): its active model cannot be applied. The service replaces
     * it with the defaults as a new version, rescores everyone, and refuses to activate an old draft.
     */
    @Test
    @Order(1)
    void anActiveModelOfAnEarlierShapeIsReplacedByTheDefaultsAndEveryCustomerRescored() {
        int outdated = QuarkusTransaction.requiringNew().call(() -> {
            int version = ((Number) entityManager.createNativeQuery("SELECT max(version) + 1 FROM scoring_model").getSingleResult()).intValue();
            entityManager.createNativeQuery("UPDATE scoring_model SET status = 'RETIRED' WHERE status = 'ACTIVE'").executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO scoring_model (version, status, description, definition, created_at, activated_at)
                    VALUES (?1, 'ACTIVE', 'as an earlier release stored it', CAST(?2 AS jsonb), now(), now())""")
                    .setParameter(1, version).setParameter(2, EARLIER_SHAPE).executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO scoring_model (version, status, description, definition, created_at)
                    VALUES (?1, 'DRAFT', 'an earlier draft', CAST(?2 AS jsonb), now())""")
                    .setParameter(1, version + 1).setParameter(2, EARLIER_SHAPE).executeUpdate();
            return version;
        });
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).post("/api/v1/scoring-models/" + (outdated + 1) + "/activate").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.message", org.hamcrest.Matchers.hasItem("partnership is required"));

        RescoreJob job = models.replaceOutdatedModel().orElseThrow();
        assertThat(job.modelVersion()).isEqualTo(outdated + 2);
        assertThat(models.replaceOutdatedModel()).as("nothing left to replace").isEmpty();
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/scoring-models/" + job.modelVersion()).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("description", org.hamcrest.Matchers.containsString("replaces version " + outdated))
                .body("definition.minimumPotentialEur", equalTo(1_000_000.0f))
                .body("definition.salesTerritories.name", org.hamcrest.Matchers.hasItems("DE-NORTH", "DE-SOUTH", "JAPAN"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/scoring-models/" + outdated).then().body("status", equalTo("RETIRED"));
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> given().auth().oauth2(TestTokens.withRoles("viewer"))
                .get("/api/v1/rescore-jobs/" + job.id()).then().body("status", equalTo("DONE")));
        assertThat(count("SELECT count(*) FROM customer_score WHERE model_version <> " + job.modelVersion())).isZero();
        Response trail = given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("entityType", "scoring-model")
                .queryParam("entityId", String.valueOf(job.modelVersion())).get("/api/v1/audit");
        assertThat(trail.jsonPath().getList("items.action")).containsExactly("scoring-model.replaced-outdated");
    }

    /** A model as the release before sales territories stored it. */
    private static final String EARLIER_SHAPE = """
            {"weights": {"purchasePotential": 0.4, "buyingComplexity": 0.35, "partnershipOrientation": 0.25},
             "promotionThreshold": 65, "demotionThreshold": 55, "minimumConfidence": 0.65, "nationalAccountRegions": 3,
             "potentialFloorEur": 100000, "potentialCeilingEur": 50000000, "eurPerUnit": {"EUR": 1},
             "complexityCaps": {"buyingCenterSize": 12, "distinctRoles": 5, "selectionCriteria": 10, "regions": 3, "countries": 8,
                                "functionalAreas": 6, "operatingUnits": 5},
             "partnershipIntentPoints": {"NONE": 0, "EXPLORING": 40, "LONG_TERM_PARTNERSHIP": 80, "STRATEGIC_ALLIANCE": 100},
             "supplierStatusPoints": {"NONE": 0, "APPROVED": 40, "PREFERRED": 80, "STRATEGIC": 100},
             "relationshipYearsForFullScore": 10}""";

    @Test
    @Order(2)
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
    @Order(3)
    void onlySalesOpsChangeModelsAndAnInconsistentModelIsNamed() throws Exception {
        given().auth().oauth2(TestTokens.withRoles("viewer", "key-account-manager")).contentType(ContentType.JSON).body(draft())
                .post("/api/v1/scoring-models").then().statusCode(403);
        ObjectNode broken = (ObjectNode) JSON.readTree(draft());
        ((ObjectNode) broken.get("definition").get("weights")).put("purchasePotential", 0.9);
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON).body(broken.toString())
                .post("/api/v1/scoring-models").then().statusCode(400)
                .body("violations[0].message", org.hamcrest.Matchers.containsString("weights must sum to 1"));
    }

    @Test
    @Order(4)
    void anIdempotencyKeyMakesOneDraftOfARetriedPostAndRefusesAnotherBodyUnderIt() throws Exception {
        String salesOps = TestTokens.withRoles("sales-ops");
        long drafts = count("SELECT count(*) FROM scoring_model");
        String key = "draft-" + java.util.UUID.randomUUID();
        Response first = given().auth().oauth2(salesOps).header("Host", "evil.example").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(draft()).post("/api/v1/scoring-models");
        first.then().statusCode(201).header("Location", org.hamcrest.Matchers.startsWith("/api/v1/scoring-models/"));
        given().auth().oauth2(salesOps).header("Idempotency-Key", key).contentType(ContentType.JSON).body(draft())
                .post("/api/v1/scoring-models").then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location"))).body("version", equalTo(first.path("version")));
        ObjectNode other = (ObjectNode) JSON.readTree(draft());
        other.put("description", "another draft");
        given().auth().oauth2(salesOps).header("Idempotency-Key", key).contentType(ContentType.JSON).body(other.toString())
                .post("/api/v1/scoring-models").then().statusCode(422).contentType("application/problem+json");
        assertThat(count("SELECT count(*) FROM scoring_model")).as("one draft for the key").isEqualTo(drafts + 1);
    }

    /** Customers scoring knows from earlier events, written straight into its table to keep the test fast. */
    private void seedCustomers() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO customer_facts (customer_id, facts, event_sequence, archived, updated_at)
                SELECT gen_random_uuid(), jsonb_build_object(
                           'potentialAmount', 50000 + (n % 997) * 20000, 'potentialCurrency', 'EUR',
                           'buyingCenterSize', n % 9, 'distinctRoles', n % 5,
                           'criteria', CASE WHEN n % 2 = 0 THEN '["price","security of supply"]'::jsonb ELSE '["price"]'::jsonb END,
                           'places', CASE WHEN n % 3 = 0 THEN '[{"country":"DE","region":"Bayern"}]'::jsonb
                                     ELSE '[{"country":"DE","region":"Hamburg"},{"country":"JP","region":null}]'::jsonb END,
                           'areas', CASE WHEN n % 4 = 0 THEN '["EXECUTIVE","PROCUREMENT"]'::jsonb ELSE '["PROCUREMENT"]'::jsonb END,
                           'operatingUnits', n % 4, 'partnershipIntent', 'EXPLORING', 'supplierStatus', 'APPROVED'),
                       1, false, now()
                FROM generate_series(1, ?1) AS n""").setParameter(1, CUSTOMERS).executeUpdate());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** A valid draft model, the default one with other weights; the fuzz test mutates it too. */
    static String draft() {
        ObjectNode definition = JSON.valueToTree(ScoringModel.defaults());
        definition.putObject("weights").put("purchasePotential", 0.45).put("buyingComplexity", 0.30).put("partnershipOrientation", 0.25);
        ObjectNode draft = JSON.createObjectNode().put("description", "potential weighs more");
        draft.set("definition", definition);
        return draft.toString();
    }
}
