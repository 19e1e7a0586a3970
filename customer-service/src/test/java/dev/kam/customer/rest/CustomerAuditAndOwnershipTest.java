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

import static dev.kam.customer.rest.Customers.asViewer;
import static dev.kam.customer.rest.Customers.eventsOf;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Who changed a customer is recorded and published; what the server owns cannot be set by a caller. */
@QuarkusTest
@CustomerTest
class CustomerAuditAndOwnershipTest {

    private KafkaTestClient kafka;

    @BeforeEach
    void mark() {
        kafka = new KafkaTestClient().mark(Topics.CUSTOMER_EVENTS);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void everyChangeIsInTheAuditTrailWithItsCallerAndTheEventsCarryThem() {
        String salesforceId = uniqueId();
        String id = given().auth().oauth2(TestTokens.forSubject("salesforce-sync", "crm-integration")).contentType(ContentType.JSON)
                .body(nordwerk(salesforceId)).put("/api/v1/customers/by-external-ref/salesforce/" + salesforceId)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.forSubject("dynamics-sync", "crm-integration"))
                .contentType("application/merge-patch+json").body(Map.of("industry", "rail"))
                .patch("/api/v1/customers/" + id).then().statusCode(200);

        List<Received> events = eventsOf(kafka, id, 2);
        assertThat(events).extracting(event -> event.headers().get("ce_actor")).containsExactly("salesforce-sync", "dynamics-sync");

        Response trail = asViewer().queryParam("entityType", "customer").queryParam("entityId", id).get("/api/v1/audit");
        trail.then().statusCode(200);
        assertThat(trail.jsonPath().getList("items.actor")).containsExactly("salesforce-sync", "dynamics-sync");
        assertThat(trail.jsonPath().getList("items.action")).containsExactly("customer.registered", "customer.profile-changed");
        assertThat(trail.jsonPath().getList("items.eventId")).containsExactly(
                events.get(0).headers().get("ce_id"), events.get(1).headers().get("ce_id"));
        assertThat(trail.jsonPath().getList("items[1].details.changedFields")).containsExactly("industry");
        assertThat(trail.jsonPath().getString("items[0].occurredAt")).isNotBlank();

        Response byActor = asViewer().queryParam("actor", "dynamics-sync").queryParam("entityId", id).get("/api/v1/audit");
        assertThat(byActor.jsonPath().getList("items.action")).containsExactly("customer.profile-changed");
    }

    @Test
    void theAuditTrailPagesWithACursorAndRefusesABadOne() {
        String subject = "pager-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.forSubject(subject, "crm-integration")).contentType(ContentType.JSON)
                    .body(nordwerk(uniqueId())).post("/api/v1/customers").then().statusCode(201);
        }
        Response first = asViewer().queryParam("actor", subject).queryParam("limit", 2).get("/api/v1/audit");
        assertThat(first.jsonPath().getList("items")).hasSize(2);
        String cursor = first.jsonPath().getString("nextCursor");
        Response second = asViewer().queryParam("actor", subject).queryParam("cursor", cursor).get("/api/v1/audit");
        assertThat(second.jsonPath().getList("items")).hasSize(1);
        assertThat(second.jsonPath().getString("nextCursor")).isNull();

        asViewer().queryParam("cursor", "rubbish").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo("cursor"));
        asViewer().queryParam("since", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("since"));
    }

    @Test
    void serverOwnedFieldsSentByACallerAreIgnored() {
        Map<String, Object> forged = new java.util.LinkedHashMap<>(nordwerk(uniqueId()));
        UUID chosenId = UUID.randomUUID();
        forged.put("id", chosenId.toString());
        forged.put("version", 41);
        forged.put("archived", true);
        forged.put("createdAt", "2001-01-01T00:00:00Z");
        forged.put("updatedAt", "2001-01-01T00:00:00Z");
        forged.put("score", 99);
        Response created = Customers.asCrm().body(forged).post("/api/v1/customers");
        created.then().statusCode(201);
        String id = created.path("id");
        assertThat(id).isNotEqualTo(chosenId.toString());
        assertThat(created.jsonPath().getInt("version")).isEqualTo(1);
        assertThat(created.jsonPath().getBoolean("archived")).isFalse();
        assertThat(created.jsonPath().getString("createdAt")).doesNotStartWith("2001");
        assertThat(created.asString()).doesNotContain("\"score\"");
        asViewer().get("/api/v1/customers/" + chosenId).then().statusCode(404);

        Response patched = given().auth().oauth2(TestTokens.withRoles("crm-integration"))
                .contentType("application/merge-patch+json")
                .body(Map.of("id", UUID.randomUUID().toString(), "version", 7, "createdAt", "2001-01-01T00:00:00Z", "archived", true))
                .patch("/api/v1/customers/" + id);
        assertThat(patched.statusCode()).as(patched.asString()).isEqualTo(200);
        Response after = asViewer().get("/api/v1/customers/" + id);
        assertThat(after.jsonPath().getString("id")).isEqualTo(id);
        assertThat(after.jsonPath().getInt("version")).isEqualTo(1);
        assertThat(after.jsonPath().getBoolean("archived")).isFalse();
        assertThat(after.jsonPath().getString("createdAt")).doesNotStartWith("2001");
    }
}
