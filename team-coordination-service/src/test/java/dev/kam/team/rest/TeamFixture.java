package dev.kam.team.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the team tests share: staff of their own (ids under a prefix unique to the test), customer and scoring events
 * sent as the other services would, and the team events read back, each checked against its schema.
 */
final class TeamFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    final KafkaTestClient kafka;
    final String prefix;

    TeamFixture(KafkaTestClient kafka, String prefix) {
        this.kafka = kafka;
        this.prefix = prefix;
    }

    /** A customer with a fully staffed, ACTIVE team. */
    String activeTeam(List<String> regions) {
        String customer = UUID.randomUUID().toString();
        customerEvent(customer, 1, regions, List.of());
        designated(customer, UUID.randomUUID().toString());
        await().atMost(WAIT).untilAsserted(() -> viewer().get("/api/v1/teams/" + customer).then().statusCode(200));
        salesOps().post("/api/v1/teams/" + customer + "/staffing-proposal?apply=true").then().statusCode(200);
        viewer().get("/api/v1/teams/" + customer).then().body("status", equalTo("ACTIVE"));
        return customer;
    }

    io.restassured.response.Response assign(String customer, String employee, String role, List<String> coverage) {
        return salesOps().contentType(ContentType.JSON)
                .body(Map.of("employeeId", prefix + employee, "role", role, "coverage", coverage))
                .post("/api/v1/teams/" + customer + "/members");
    }

    void putStaff(String id, String function, List<String> regions, int capacity, String manager) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", id);
        body.put("email", id + "@supplier.example");
        body.put("function", function);
        body.put("regions", regions);
        body.put("industries", List.of("automotive"));
        body.put("capacity", capacity);
        if (manager != null) {
            body.put("managerId", manager);
        }
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON).body(body)
                .put("/api/v1/staff/" + prefix + id).then().statusCode(200);
    }

    void customerEvent(String customerId, long sequence, List<String> regions, List<String> units) {
        ObjectNode customer = JSON.createObjectNode().put("id", customerId).put("legalName", "Team test " + customerId)
                .put("industry", "automotive").put("archived", false).put("version", sequence);
        customer.putArray("externalRefs");
        ArrayNode locations = customer.putArray("locations");
        regions.forEach(region -> locations.addObject().put("country", "DE").put("region", region));
        ArrayNode operatingUnits = customer.putArray("operatingUnits");
        units.forEach(unit -> operatingUnits.addObject().put("name", unit));
        ArrayNode buyingCenter = customer.putArray("buyingCenter");
        buyingCenter.addObject().put("contactId", "c-1").put("name", "Jana Keller").putArray("roles").add("DECIDER");
        buyingCenter.addObject().put("contactId", "c-2").put("name", "Tom Berg").putArray("roles").add("BUYER");
        ObjectNode data = JSON.createObjectNode();
        data.set("customer", customer);
        data.put("sequence", sequence);
        EventType type = sequence == 1 ? EventType.CUSTOMER_REGISTERED : EventType.CUSTOMER_PROFILE_CHANGED;
        if (sequence > 1) {
            data.putArray("changedFields").add("locations");
        }
        send(type, customerId, data, UUID.randomUUID().toString());
    }

    void designated(String customerId, String eventId) {
        designated(customerId, eventId, "EMEA");
    }

    void designated(String customerId, String eventId, String region) {
        ObjectNode data = JSON.createObjectNode().put("customerId", customerId).put("designation", "KEY_ACCOUNT")
                .put("modelVersion", 1).put("score", 80).put("designatedAt", Instant.now().toString());
        data.putArray("regions").add(region);
        data.putArray("reasons").add("total 80 reaches the promotion threshold 65");
        send(EventType.KEY_ACCOUNT_DESIGNATED, customerId, data, eventId);
    }

    void revoked(String customerId) {
        ObjectNode data = JSON.createObjectNode().put("customerId", customerId).put("previousDesignation", "KEY_ACCOUNT")
                .put("modelVersion", 1).put("score", 40).put("revokedAt", Instant.now().toString());
        data.putArray("reasons").add("total 40 fell below the demotion threshold 55");
        send(EventType.KEY_ACCOUNT_REVOKED, customerId, data, UUID.randomUUID().toString());
    }

    void send(EventType type, String subject, ObjectNode data, String eventId) {
        EventSchemas.instance().requireValid(type, data);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_type", type.ceType());
        headers.put("ce_source", "/kam/test");
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", subject);
        kafka.send(type.topic(), subject, data.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    List<String> teamEventTypes(String customerId, int atLeast) {
        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT,
                all -> all.stream().filter(r -> customerId.equals(r.key())).count() >= atLeast);
        List<Received> mine = records.stream().filter(r -> customerId.equals(r.key())).toList();
        for (Received record : mine) {
            EventType type = EventType.ofCeType(record.headers().get("ce_type")).orElseThrow();
            try {
                assertThat(EventSchemas.instance().violations(type, JSON.readTree(record.value()))).as(record.value()).isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return mine.stream().map(r -> r.headers().get("ce_type")).toList();
    }

    static RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.withRoles("viewer"));
    }

    static RequestSpecification salesOps() {
        return given().auth().oauth2(TestTokens.withRoles("sales-ops"));
    }
}
