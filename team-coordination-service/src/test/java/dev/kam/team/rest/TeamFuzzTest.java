package dev.kam.team.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.FuzzedWrites;
import dev.kam.testsupport.FuzzedWrites.Endpoint;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KamInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The write endpoints of team-coordination-service under random and mutated JSON: never a 5xx, a refusal leaves nothing behind. */
@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class TeamFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 120;

    @Inject
    EntityManager entityManager;

    @Test
    void staffTeamPlanAndRelationshipWritesNeverFailWithA5xxAndRefusalsLeaveNoTrace() throws Exception {
        String prefix = "fz-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String crm = TestTokens.withRoles("crm-integration");
        String salesOps = TestTokens.withRoles("sales-ops");
        Map<String, Object> staff = new LinkedHashMap<>();
        staff.put("name", "Fuzz Lead");
        staff.put("email", "lead@supplier.example");
        staff.put("function", "KEY_ACCOUNT_MANAGER");
        staff.put("regions", List.of("DE-NORTH"));
        staff.put("industries", List.of("automotive"));
        staff.put("capacity", 50);
        given().auth().oauth2(crm).contentType(ContentType.JSON).body(staff).put("/api/v1/staff/" + prefix + "lead").then().statusCode(200);
        staff.put("function", "EXECUTIVE");
        given().auth().oauth2(crm).contentType(ContentType.JSON).body(staff).put("/api/v1/staff/" + prefix + "exec").then().statusCode(200);
        Map<String, Object> specialist = new LinkedHashMap<>(staff);
        specialist.put("function", "TECHNICAL");
        specialist.put("managerId", prefix + "exec");
        given().auth().oauth2(crm).contentType(ContentType.JSON).body(specialist).put("/api/v1/staff/" + prefix + "tech").then().statusCode(200);

        String customer = UUID.randomUUID().toString();
        openTeam(customer);
        given().auth().oauth2(salesOps).contentType(ContentType.JSON)
                .body(Map.of("employeeId", prefix + "lead", "role", "KEY_ACCOUNT_MANAGER", "coverage", List.of()))
                .post("/api/v1/teams/" + customer + "/members").then().statusCode(201);

        JsonNode member = JSON.valueToTree(Map.of("employeeId", prefix + "exec", "role", "EXECUTIVE_SPONSOR", "coverage", List.of()));
        JsonNode plan = JSON.valueToTree(Map.of("mission", "grow together", "goals", List.of(Map.of("title", "double volume", "metric", "revenue",
                "target", "2 MEUR", "dueDate", "2027-06-30", "status", "ON_TRACK"), Map.of("title", "preferred supplier", "metric", "supplierStatus",
                "target", "PREFERRED", "dueDate", "2027-12-31")), "communication", List.of(Map.of("between", "sales and service", "channel",
                "weekly call", "cadence", "P7D", "functions", List.of("SALES", "SERVICE"), "lastHeld", "2026-11-20"))));
        JsonNode specialistRequest = JSON.valueToTree(Map.of("employeeId", prefix + "tech", "note", "the customer's quality team asks for one"));
        JsonNode relationship = JSON.valueToTree(Map.of("ownerEmployeeId", prefix + "lead", "cadenceDays", 30, "lastContact", "2026-11-01"));

        String viewer = TestTokens.withRoles("viewer");
        FuzzedWrites.StillWorking stillWorking = answer -> {
            given().auth().oauth2(viewer).get("/api/v1/staff").then().statusCode(200);
            given().auth().oauth2(viewer).get("/api/v1/teams/" + customer).then().statusCode(200);
            given().auth().oauth2(viewer).get("/api/v1/teams/" + customer + "/relationships").then().statusCode(200);
            given().auth().oauth2(viewer).get("/api/v1/teams/" + customer + "/health").then().statusCode(200);
            given().auth().oauth2(viewer).get("/api/v1/teams/" + customer + "/plan").then().statusCode(org.hamcrest.Matchers.oneOf(200, 404));
            given().auth().oauth2(viewer).get("/api/v1/teams/" + customer + "/specialists").then().statusCode(200);
            FuzzedWrites.outboxDrains(this::unpublished);
        };
        List<String> failures = new ArrayList<>();
        failures.addAll(FuzzedWrites.check(new Endpoint("PUT", "/api/v1/staff/" + prefix + "fuzzed", "application/json", crm),
                JSON.valueToTree(staff), CASES, this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("POST", "/api/v1/teams/" + customer + "/members", "application/json", salesOps),
                member, CASES, this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("PUT", "/api/v1/teams/" + customer + "/plan", "application/json", salesOps),
                plan, CASES, this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("PUT", "/api/v1/teams/" + customer + "/relationships/c-1", "application/json", salesOps),
                relationship, CASES, this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("POST", "/api/v1/teams/" + customer + "/specialist-requests", "application/json", salesOps),
                specialistRequest, CASES, this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.checkPathIds(new Endpoint("PUT", "/api/v1/staff/{id}", "application/json", crm),
                JSON.writeValueAsBytes(staff), this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.checkPathIds(new Endpoint("PUT", "/api/v1/teams/" + customer + "/relationships/{id}", "application/json", salesOps),
                JSON.writeValueAsBytes(relationship), this::footprint, stillWorking));
        assertThat(failures).isEmpty();
    }

    /** Events not yet on Kafka, parked ones included. */
    private long unpublished() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND dropped_at IS NULL").getSingleResult()).longValue());
    }

    private void openTeam(String customerId) {
        ObjectNode customer = JSON.createObjectNode().put("id", customerId).put("legalName", "Fuzz " + customerId)
                .put("industry", "automotive").put("archived", false).put("version", 1);
        customer.putArray("externalRefs");
        customer.putArray("locations").addObject().put("country", "DE").put("region", "Hamburg");
        customer.putArray("operatingUnits");
        customer.putArray("buyingCenter").addObject().put("contactId", "c-1").put("name", "Jana Keller").putArray("roles").add("DECIDER");
        ObjectNode registered = JSON.createObjectNode();
        registered.set("customer", customer);
        registered.put("sequence", 1);
        ObjectNode designated = JSON.createObjectNode().put("customerId", customerId).put("designation", "KEY_ACCOUNT")
                .put("modelVersion", 1).put("score", 80).put("designatedAt", Instant.now().toString());
        designated.putArray("regions").add("DE-NORTH");
        designated.putArray("reasons").add("total 80 reaches the promotion threshold 65");
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            send(kafka, Topics.CUSTOMER_EVENTS, EventType.CUSTOMER_REGISTERED, customerId, registered);
            send(kafka, Topics.SCORING_EVENTS, EventType.KEY_ACCOUNT_DESIGNATED, customerId, designated);
        }
        String viewer = TestTokens.withRoles("viewer");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(viewer)
                .get("/api/v1/teams/" + customerId + "/relationships").then().statusCode(200)
                .body("contacts.contactId", org.hamcrest.Matchers.hasItem("c-1")));
    }

    private static void send(KafkaTestClient kafka, String topic, EventType type, String subject, ObjectNode data) {
        EventSchemas.instance().requireValid(type, data);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", type.ceType());
        headers.put("ce_source", "/kam/test");
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", subject);
        headers.put("ce_dataschema", type.dataSchema(java.net.URI.create("http://localhost:8081/schemas/")).toString());
        headers.put("content-type", "application/json");
        kafka.send(topic, subject, data.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Counts and a hash of every row a write could change in place: a refused request must leave all of it as it was. */
    private String footprint() {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(entityManager.createNativeQuery("""
                SELECT concat_ws('|', (SELECT count(*) FROM staff), (SELECT sum(hashtext(s::text)) FROM staff s),
                       (SELECT count(*) FROM team), (SELECT sum(hashtext(t::text)) FROM team t),
                       (SELECT count(*) FROM team_member), (SELECT sum(hashtext(m::text)) FROM team_member m),
                       (SELECT count(*) FROM account_plan), (SELECT sum(hashtext(p::text)) FROM account_plan p),
                       (SELECT count(*) FROM relationship), (SELECT sum(hashtext(r::text)) FROM relationship r),
                       (SELECT count(*) FROM specialist_request), (SELECT sum(hashtext(q::text)) FROM specialist_request q),
                       (SELECT count(*) FROM outbox_event), (SELECT count(*) FROM audit_entry))""").getSingleResult()));
    }
}
