package dev.kam.customer.rest;

import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kam.customer.rest.Customers.asCrm;
import static dev.kam.customer.rest.Customers.asViewer;
import static dev.kam.customer.rest.Customers.data;
import static dev.kam.customer.rest.Customers.eventsOf;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.settle;
import static dev.kam.customer.rest.Customers.uniqueId;
import dev.kam.testsupport.PrometheusMetrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@CustomerTest
class CustomerLifecycleTest {

    private KafkaTestClient kafka;
    @jakarta.inject.Inject
    dev.kam.foundation.metrics.SampledGauges gauges;

    @BeforeEach
    void mark() {
        kafka = new KafkaTestClient().mark(Topics.CUSTOMER_EVENTS);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void createAnswers201WithLocationAndETagAndPublishesRegistered() {
        Response created = asCrm().body(nordwerk(uniqueId())).post("/api/v1/customers");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/customers/"))
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1))
                .body("archived", equalTo(false))
                .body("annualPurchasePotential.amount", equalTo(4200000))
                .body("buyingCenter[0].roles", equalTo(List.of("DECIDER", "BUYER")));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/customers/" + id);

        List<Received> events = eventsOf(kafka, id, 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).headers()).containsEntry("ce_type", "kam.customer.registered.v1");
        assertThat(data(events.get(0)).get("sequence").asLong()).isEqualTo(1);
        assertThat(data(events.get(0)).at("/customer/id").asText()).isEqualTo(id);

        asViewer().get("/api/v1/customers/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("legalName", containsString("Nordwerk"));
    }

    @Test
    void aMinimalCustomerWithOnlyALegalNameIsRegisteredAndItsEventFitsTheSchema() {
        Map<String, Object> minimal = Map.of("legalName", "Minimal GmbH " + uniqueId(),
                "operatingUnits", List.of(Map.of("name", "Head office")),
                "buyingCenter", List.of(Map.of("contactId", "c-1", "roles", List.of("BUYER"))));
        String id = asCrm().body(minimal).post("/api/v1/customers").then().statusCode(201).extract().path("id");
        assertThat(eventsOf(kafka, id, 1)).hasSize(1); // eventsOf checks every event against its JSON Schema
    }

    @Test
    void anUnknownCustomerIs404Problem() {
        asViewer().get("/api/v1/customers/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String id = asCrm().body(nordwerk(uniqueId())).post("/api/v1/customers").path("id");
        Map<String, Object> changed = nordwerk(uniqueId());
        changed.put("industry", "machinery");
        asCrm().header("If-Match", "\"1\"").body(changed).put("/api/v1/customers/" + id).then()
                .statusCode(200).header("ETag", equalTo("\"2\""));

        changed.put("industry", "chemicals");
        asCrm().header("If-Match", "\"1\"").body(changed).put("/api/v1/customers/" + id).then()
                .statusCode(412).contentType("application/problem+json").body("detail", containsString("version 2"));
        asViewer().get("/api/v1/customers/" + id).then().body("industry", equalTo("machinery"));
        asCrm().header("If-Match", "W/\"2\"").body(changed).put("/api/v1/customers/" + id).then().statusCode(200);
    }

    @Test
    void aWellFormedTagThisServiceNeverIssuedFailsThePreconditionWith412() {
        String ref = uniqueId();
        String byRef = "/api/v1/customers/by-external-ref/salesforce/" + ref;
        String id = asCrm().body(nordwerk(ref)).put(byRef).then().statusCode(201).extract().path("id");
        Map<String, Object> changed = nordwerk(ref);
        changed.put("industry", "machinery");

        asCrm().header("If-Match", "\"some-other-tag\"").body(changed).put("/api/v1/customers/" + id).then()
                .statusCode(412).contentType("application/problem+json").body("detail", containsString("version 1"));
        asCrm().header("If-Match", "\"some-other-tag\"").body(changed).put(byRef).then().statusCode(412);
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).header("If-Match", "W/\"v7\"")
                .contentType("application/merge-patch+json").body("{\"industry\":\"machinery\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(412);
        asCrm().header("If-Match", "\"some-other-tag\"").delete("/api/v1/customers/" + id).then().statusCode(412);
        asViewer().get("/api/v1/customers/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("industry", not(equalTo("machinery")));

        // a list matches when one of its tags names the current version
        asCrm().header("If-Match", "\"v0\", \"1\"").body(changed).put("/api/v1/customers/" + id).then()
                .statusCode(200).header("ETag", equalTo("\"2\""));
        // where nothing is there, 404 comes first: a precondition is judged only where the request could succeed
        asCrm().header("If-Match", "\"some-other-tag\"").body(changed).put("/api/v1/customers/" + UUID.randomUUID()).then()
                .statusCode(404);
        // a header that is no list of entity tags at all stays a bad request
        asCrm().header("If-Match", "\"2\" junk").body(changed).put("/api/v1/customers/" + id).then().statusCode(400);
        asCrm().header("If-Match", "\"2").body(changed).put("/api/v1/customers/" + id).then().statusCode(400);
    }

    @Test
    void ifMatchStarAsksForACustomerThatExists() {
        String ref = uniqueId();
        String byRef = "/api/v1/customers/by-external-ref/salesforce/" + ref;
        asCrm().header("If-Match", "*").body(nordwerk(ref)).put(byRef).then().statusCode(412).contentType("application/problem+json");
        asViewer().get(byRef).then().statusCode(404);

        asCrm().body(nordwerk(ref)).put(byRef).then().statusCode(201);
        Map<String, Object> changed = nordwerk(ref);
        changed.put("industry", "machinery");
        asCrm().header("If-Match", "*").body(changed).put(byRef).then().statusCode(200).header("ETag", equalTo("\"2\""));
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRemoves() {
        String id = asCrm().body(nordwerk(uniqueId())).post("/api/v1/customers").path("id");
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/merge-patch+json")
                .body("{\"annualPurchasePotential\":{\"amount\":5000000},\"industry\":null}")
                .patch("/api/v1/customers/" + id).then()
                .statusCode(200)
                .body("annualPurchasePotential.amount", equalTo(5000000))
                .body("annualPurchasePotential.currency", equalTo("EUR"))
                .body("industry", nullValue())
                .body("legalName", containsString("Nordwerk"));

        List<Received> events = eventsOf(kafka, id, 2);
        assertThat(data(events.get(1)).get("changedFields")).extracting(Object::toString)
                .isEqualTo(List.of("\"industry\"", "\"annualPurchasePotential\""));

        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/merge-patch+json")
                .body("{\"headquartersCountry\":\"Germany\"}")
                .patch("/api/v1/customers/" + id).then()
                .statusCode(400).body("violations.field", hasItem("headquartersCountry"));
    }

    @Test
    void archivingKeepsTheCustomerPublishesOnceAndRefusesLaterChanges() {
        gauges.refreshNow();
        double active = PrometheusMetrics.value("kam_customers", "state=\"active\"");
        double archived = PrometheusMetrics.value("kam_customers", "state=\"archived\"");
        Map<String, Object> body = nordwerk(uniqueId());
        String id = asCrm().body(body).post("/api/v1/customers").path("id");
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_customers", "state=\"active\"")).as("customers gauge").isEqualTo(active + 1);
        asCrm().delete("/api/v1/customers/" + id).then().statusCode(204).header("ETag", equalTo("\"2\""));
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_customers", "state=\"active\"")).isEqualTo(active);
        assertThat(PrometheusMetrics.value("kam_customers", "state=\"archived\"")).isEqualTo(archived + 1);
        asCrm().delete("/api/v1/customers/" + id).then().statusCode(204);
        asViewer().get("/api/v1/customers/" + id).then().statusCode(200).body("archived", equalTo(true));
        asCrm().body(body).put("/api/v1/customers/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("archived"));
        // a merge patch is 409 too, whatever it would make of the profile (un-archiving it, or a profile that is not valid)
        for (String patch : List.of("{\"archived\": false}", "{\"headquartersCountry\": \"Germany\"}")) {
            asCrm().contentType(CustomerResource.MERGE_PATCH).body(patch).patch("/api/v1/customers/" + id).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("archived"));
        }

        settle();
        List<Received> events = eventsOf(kafka, id, 2);
        assertThat(events).extracting(r -> r.headers().get("ce_type"))
                .containsExactly("kam.customer.registered.v1", "kam.customer.archived.v1");
        assertThat(data(events.get(1)).at("/customer/archived").asBoolean()).isTrue();
        assertThat(data(events.get(1)).get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheFirstAnswerWithoutASecondEffect() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = nordwerk(uniqueId());
        Response first = asCrm().header("Idempotency-Key", key).body(body).post("/api/v1/customers");
        first.then().statusCode(201);
        Response replay = asCrm().header("Idempotency-Key", key).body(body).post("/api/v1/customers");
        replay.then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")))
                .body("id", equalTo(first.path("id")));

        Map<String, Object> other = nordwerk(uniqueId());
        asCrm().header("Idempotency-Key", key).body(other).post("/api/v1/customers").then()
                .statusCode(422).contentType("application/problem+json");

        settle();
        String name = (String) body.get("legalName");
        asViewer().queryParam("q", name).get("/api/v1/customers").then().body("items.size()", equalTo(1));
        assertThat(eventsOf(kafka, first.path("id"), 1)).hasSize(1);
    }

    @Test
    void onlyCrmIntegrationsWriteAndEveryRoleReads() {
        given().auth().oauth2(TestTokens.withRoles("viewer", "sales-ops", "key-account-manager")).contentType(ContentType.JSON)
                .body(nordwerk(uniqueId())).post("/api/v1/customers").then().statusCode(403);
        given().contentType(ContentType.JSON).body(nordwerk(uniqueId())).post("/api/v1/customers").then().statusCode(401);
        String id = asCrm().body(nordwerk(uniqueId())).post("/api/v1/customers").path("id");
        // authentication before the Content-Type: 401, not 415, without a token
        given().contentType("text/csv").body("a,b").post("/api/v1/customer-imports").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").patch("/api/v1/customers/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON).body("{}")
                .patch("/api/v1/customers/" + id).then().statusCode(415);
        for (String role : List.of("viewer", "sales-ops", "key-account-manager", "crm-integration")) {
            given().auth().oauth2(TestTokens.withRoles(role)).get("/api/v1/customers/" + id).then().statusCode(200);
        }
        asViewer().delete("/api/v1/customers/" + id).then().statusCode(403);
    }

    @Test
    void anExternalReferenceOfAnotherCustomerIsAConflict() {
        String taken = uniqueId();
        asCrm().body(nordwerk(taken)).post("/api/v1/customers").then().statusCode(201);
        asCrm().body(nordwerk(taken)).post("/api/v1/customers").then().statusCode(409)
                .contentType("application/problem+json").body("violations[0].field", equalTo("externalRefs"));
    }

    @Test
    void theOpenApiDocumentDescribesOperationsErrorsAndExamples() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/customers/by-external-ref/{system}/{externalId}'.put.responses.'412'.'$ref'",
                        endsWith("PreconditionFailed"))
                .body("paths.'/api/v1/customers'.post.requestBody.content.'application/json'.examples.Nordwerk.value.legalName",
                        equalTo("Nordwerk Industrie AG"))
                .body("paths.'/api/v1/customer-imports'.post.requestBody.content", org.hamcrest.Matchers.hasKey("application/x-ndjson"))
                .body("components.responses.BadRequest.content.'application/problem+json'.schema.'$ref'", endsWith("Problem"));
    }
}
