package dev.kam.scoring.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.EventType;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.kam.scoring.rest.CustomerEventsFixture.JSON;
import static dev.kam.scoring.rest.CustomerEventsFixture.registered;
import static dev.kam.scoring.rest.CustomerEventsFixture.send;
import static dev.kam.scoring.rest.CustomerEventsFixture.smallCustomer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Overrides, history and portfolio queries under what a caller may send (issue 14): bounded, and 400 naming what is wrong. */
@QuarkusTest
@ScoringTest
class ScoringRequestLimitsTest {

    @Inject
    EntityManager entityManager;

    @Test
    void anOverrideRunsAtMostAYearAndADayAndNotForAnArchivedCustomer() {
        String id = scored(smallCustomer(UUID.randomUUID().toString()));
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON)
                .body(Map.of("tier", "KEY_ACCOUNT", "reason", "forever", "expiresAt", "9999-12-31T00:00:00Z"))
                .put("/api/v1/overrides/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("expiresAt")).body("detail", containsString("366 days"));
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON)
                .body(Map.of("tier", "KEY_ACCOUNT", "reason", "a year", "expiresAt", Instant.now().plus(Duration.ofDays(365)).toString()))
                .put("/api/v1/overrides/" + id).then().statusCode(200);

        ObjectNode archived = smallCustomer(UUID.randomUUID().toString());
        String archivedId = scored(archived);
        archived.put("archived", true).put("version", 2);
        ObjectNode data = JSON.createObjectNode();
        data.set("customer", archived);
        data.put("sequence", 2).put("archivedAt", Instant.now().toString());
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            send(kafka, EventType.CUSTOMER_ARCHIVED, archivedId, data);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> (Boolean) entityManager
                .createNativeQuery("SELECT archived FROM customer_facts WHERE customer_id = ?1")
                .setParameter(1, UUID.fromString(archivedId)).getSingleResult()));
        given().auth().oauth2(TestTokens.withRoles("sales-ops")).contentType(ContentType.JSON)
                .body(Map.of("tier", "KEY_ACCOUNT", "reason", "no effect", "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()))
                .put("/api/v1/overrides/" + archivedId).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("archived"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/scores/" + archivedId).then().body("override", nullValue());
    }

    /**
     * Issue 31: a draft with a currency rate of 1e308 or a minimum confidence of 1e-320 was taken and could be activated.
     * Such values are refused when the draft is made, naming the bound; the edges of the bounds are taken.
     */
    @Test
    void aDraftWithARateOrAShareBeyondWhatMeansAnythingIsRefusedWhenItIsMade() throws Exception {
        String salesOps = TestTokens.withRoles("sales-ops");
        String[][] refused = {{"/definition/eurPerUnit/USD", "1e308", "eurPerUnit"}, {"/definition/eurPerUnit/USD", "0.0000001", "eurPerUnit"},
                {"/definition/minimumConfidence", "1e-320", "minimumConfidence"}, {"/definition/potentialCeilingEur", "1e308", "potential bounds"},
                {"/definition/minimumPotentialEur", "1e16", "minimumPotentialEur"}};
        for (String[] value : refused) {
            given().auth().oauth2(salesOps).contentType(ContentType.JSON).body(draftWith(value[0], value[1]))
                    .post("/api/v1/scoring-models").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.message", org.hamcrest.Matchers.hasItem(containsString(value[2])));
        }
        given().auth().oauth2(salesOps).contentType(ContentType.JSON).body(draftWith("/definition/eurPerUnit/USD", "1000000"))
                .post("/api/v1/scoring-models").then().statusCode(201);
        given().auth().oauth2(salesOps).contentType(ContentType.JSON).body(draftWith("/definition/minimumConfidence", "0"))
                .post("/api/v1/scoring-models").then().statusCode(201);
    }

    /** The default draft with one number replaced, written as given (not through a double). */
    private static String draftWith(String pointer, String number) throws Exception {
        ObjectNode draft = (ObjectNode) JSON.readTree(ModelActivationTest.draft());
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) draft.at(pointer.substring(0, pointer.lastIndexOf('/')))).put(field, new java.math.BigDecimal(number));
        return draft.toString();
    }

    @Test
    void instantsBeyondWhatCanBeStoredAndValuesOfTheWrongKindAre400NamingTheParameter() {
        String id = scored(smallCustomer(UUID.randomUUID().toString()));
        for (String asOf : new String[]{"+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "soon"}) {
            given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("asOf", asOf).get("/api/v1/scores/" + id + "/history")
                    .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("asOf"));
        }
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("asOf", "9999-12-31T23:59:59Z")
                .get("/api/v1/scores/" + id + "/history").then().statusCode(200);
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("designation", "FOO").get("/api/v1/key-accounts").then()
                .statusCode(400).body("violations[0].field", equalTo("designation")).body("detail", containsString("NATIONAL_ACCOUNT"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("limit", "abc").get("/api/v1/key-accounts").then()
                .statusCode(400).body("violations[0].field", equalTo("limit"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("since", "+999999999-12-31T23:59:59Z").get("/api/v1/audit")
                .then().statusCode(400).body("violations[0].field", equalTo("since"));
    }

    private static String scored(ObjectNode customer) {
        String id = customer.get("id").asText();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            registered(kafka, customer);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.withRoles("viewer"))
                .get("/api/v1/scores/" + id).then().statusCode(200));
        return id;
    }
}
