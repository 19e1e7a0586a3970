package dev.kam.customer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Test data and calls shared by the customer-service tests. */
final class Customers {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A realistic profile with a unique Salesforce id. */
    static Map<String, Object> nordwerk(String salesforceId) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("externalRefs", List.of(Map.of("system", "salesforce", "id", salesforceId)));
        customer.put("legalName", "Nordwerk Industrie AG " + salesforceId);
        customer.put("industry", "automotive");
        customer.put("headquartersCountry", "DE");
        customer.put("annualPurchasePotential", Map.of("amount", 4200000, "currency", "EUR"));
        customer.put("currentAnnualRevenue", Map.of("amount", 900000, "currency", "EUR"));
        customer.put("operatingUnits", List.of(Map.of("name", "Powertrain", "country", "DE")));
        customer.put("locations", List.of(Map.of("country", "DE", "region", "EMEA", "city", "Stuttgart")));
        customer.put("functionalAreas", List.of("PROCUREMENT", "ENGINEERING", "QUALITY"));
        customer.put("selectionCriteria", List.of("price", "delivery reliability", "technical support"));
        customer.put("buyingCenter", List.of(Map.of("contactId", "c-17", "name", "Jana Keller", "title", "Head of Purchasing",
                "roles", List.of("DECIDER", "BUYER"), "operatingUnit", "Powertrain")));
        customer.put("partnershipIntent", "LONG_TERM_PARTNERSHIP");
        customer.put("supplierStatus", "APPROVED");
        customer.put("relationshipSince", "2019-03-01");
        return customer;
    }

    static String uniqueId() {
        return "sf-" + UUID.randomUUID();
    }

    static RequestSpecification asCrm() {
        return given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON);
    }

    static RequestSpecification asViewer() {
        return given().auth().oauth2(TestTokens.withRoles("viewer"));
    }

    /** The customer events about {@code customerId} since the client's mark, each checked against its schema. */
    static List<Received> eventsOf(KafkaTestClient kafka, String customerId, int atLeast) {
        Predicate<Received> mine = record -> customerId.equals(record.key());
        List<Received> records = kafka.awaitRecords(Topics.CUSTOMER_EVENTS, Duration.ofSeconds(30),
                all -> all.stream().filter(mine).count() >= atLeast);
        List<Received> events = new ArrayList<>(records.stream().filter(mine).toList());
        events.forEach(Customers::assertValidAgainstSchema);
        return events;
    }

    static void assertValidAgainstSchema(Received record) {
        EventType type = EventType.ofCeType(record.headers().get("ce_type")).orElseThrow();
        // decoded as every consumer decodes it (numbers exactly as written), then held to the schema
        JsonNode data;
        try {
            data = dev.kam.contracts.data.EventData.tree(record.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(EventSchemas.instance().violations(type, data)).as(record.value()).isEmpty();
        assertThat(record.headers()).containsEntry("ce_source", "/kam/customer-service")
                .containsEntry("ce_subject", record.key());
    }

    static JsonNode data(Received record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until the outbox holds no event the relay has yet to publish: every event recorded so far is then on the
     * topic (the relay marks one published only once Kafka acknowledged it), so a read of the topic sees all there is.
     * Known, not waited for by a fixed time.
     */
    static void settle() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) io.quarkus.arc.Arc.container()
                        .instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND dropped_at IS NULL AND parked_at IS NULL")
                        .getSingleResult()).longValue()) == 0);
    }

    private Customers() {
    }
}
