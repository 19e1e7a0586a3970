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

    /** A customer with a fully staffed, ACTIVE team in these sales territories. */
    String activeTeam(List<String> territories) {
        String customer = UUID.randomUUID().toString();
        customerEvent(customer, 1, List.of());
        designated(customer, UUID.randomUUID().toString(), territories.toArray(String[]::new));
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

    /** The customer's profile as customer-service publishes it: two buying-centre contacts, these units, nothing else. */
    static ObjectNode customer(String customerId, long sequence, List<String> units) {
        ObjectNode customer = JSON.createObjectNode().put("id", customerId).put("legalName", "Team test " + customerId)
                .put("industry", "automotive").put("archived", false).put("version", sequence);
        customer.putArray("externalRefs");
        customer.putArray("locations").addObject().put("country", "DE").put("region", "Bayern");
        ArrayNode operatingUnits = customer.putArray("operatingUnits");
        units.forEach(unit -> operatingUnits.addObject().put("name", unit));
        ArrayNode buyingCenter = customer.putArray("buyingCenter");
        buyingCenter.addObject().put("contactId", "c-1").put("name", "Jana Keller").putArray("roles").add("DECIDER");
        buyingCenter.addObject().put("contactId", "c-2").put("name", "Tom Berg").putArray("roles").add("BUYER");
        return customer;
    }

    void customerEvent(String customerId, long sequence, List<String> units) {
        sendCustomer(customer(customerId, sequence, units), sequence);
    }

    void sendCustomer(ObjectNode customer, long sequence) {
        String customerId = customer.get("id").asText();
        ObjectNode data = JSON.createObjectNode();
        data.set("customer", customer);
        data.put("sequence", sequence);
        EventType type = sequence == 1 ? EventType.CUSTOMER_REGISTERED : EventType.CUSTOMER_PROFILE_CHANGED;
        if (sequence > 1) {
            data.putArray("changedFields").add("locations");
        }
        send(type, customerId, data, UUID.randomUUID().toString());
    }

    /** Scoring designates the customer a key account with sites in these sales territories (DE-NORTH when none), every criterion known. */
    void designated(String customerId, String eventId, String... territories) {
        ObjectNode data = scoringEvent(customerId, territories.length == 0 ? List.of("DE-NORTH") : List.of(territories), 1.0, List.of())
                .put("designation", "KEY_ACCOUNT").put("designatedAt", Instant.now().toString());
        send(EventType.KEY_ACCOUNT_DESIGNATED, customerId, data, eventId);
    }

    /** Scoring's {@code key-account-updated}: the key account's territories or identification changed. */
    void updated(String customerId, List<String> territories, double confidence, List<String> missing, ObjectNode override) {
        ObjectNode data = scoringEvent(customerId, territories, confidence, missing).put("designation", "KEY_ACCOUNT")
                .put("updatedAt", Instant.now().toString());
        data.set("override", override);
        send(EventType.KEY_ACCOUNT_UPDATED, customerId, data, UUID.randomUUID().toString());
    }

    private static ObjectNode scoringEvent(String customerId, List<String> territories, double confidence, List<String> missing) {
        ObjectNode data = JSON.createObjectNode().put("customerId", customerId).put("reach", territories.size() >= 3 ? "NATIONAL" : "LOCAL")
                .put("modelVersion", 1).put("score", 80).put("confidence", confidence);
        ArrayNode regions = data.putArray("regions");
        territories.forEach(regions::add);
        data.putArray("areas").add("EUROPE");
        data.putArray("countries").add("DE");
        ArrayNode gaps = data.putArray("missing");
        missing.forEach(gaps::add);
        data.putArray("reasons").add("total 80 reaches the promotion threshold 65");
        return data;
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

    /** A line manager of this test: their token's subject is their employee id. */
    RequestSpecification lineManager(String employee) {
        return given().auth().oauth2(TestTokens.forSubject(prefix + employee, "line-manager"));
    }

    /** The data of the team events of the customer of these types, in order, once at least {@code atLeast} of them arrived. */
    List<com.fasterxml.jackson.databind.JsonNode> teamEvents(String customerId, String type, int atLeast) {
        List<Received> records = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, all -> all.stream()
                .filter(r -> customerId.equals(r.key()) && type.equals(r.headers().get("ce_type"))).count() >= atLeast);
        return records.stream().filter(r -> customerId.equals(r.key()) && type.equals(r.headers().get("ce_type"))).map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
