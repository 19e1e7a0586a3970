package dev.kam.scoring.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Customer events as customer-service publishes them (checked against the contract's schemas before sending). */
final class CustomerEventsFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A large buyer on three continents with a big buying centre and a wish for a strategic alliance: a global account. */
    static ObjectNode strategicCustomer(String id) {
        return complexBuyer(id, "Atlas Global Manufacturing " + id, List.of(new String[]{"DE", "Bayern"}, new String[]{"US", "Ohio"},
                new String[]{"CN", "Shanghai"}, new String[]{"FR", "Île-de-France"}, new String[]{"BR", "São Paulo"},
                new String[]{"JP", "Aichi"}, new String[]{"PL", "Silesia"}, new String[]{"MX", "Nuevo León"}));
    }

    /** The same buyer with its forty sites spread over four German states: a national account within one country. */
    static ObjectNode germanCustomer(String id) {
        String[] states = {"Bayern", "Hamburg", "Sachsen", "Nordrhein-Westfalen"};
        return complexBuyer(id, "Deutsche Werkstoff AG " + id, java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> new String[]{"DE", states[i % states.length]}).toList());
    }

    private static ObjectNode complexBuyer(String id, String name, List<String[]> sites) {
        ObjectNode customer = base(id, name);
        customer.set("annualPurchasePotential", JSON.createObjectNode().put("amount", 30_000_000).put("currency", "EUR"));
        ArrayNode locations = customer.putArray("locations");
        for (String[] place : sites) {
            locations.addObject().put("country", place[0]).put("region", place[1]);
        }
        ArrayNode units = customer.putArray("operatingUnits");
        for (String unit : List.of("Powertrain", "Chassis", "Electronics", "Aftermarket", "Services")) {
            units.addObject().put("name", unit);
        }
        ArrayNode areas = customer.putArray("functionalAreas");
        List.of("PROCUREMENT", "ENGINEERING", "QUALITY", "OPERATIONS", "FINANCE", "EXECUTIVE").forEach(areas::add);
        ArrayNode criteria = customer.putArray("selectionCriteria");
        for (int i = 0; i < 10; i++) {
            criteria.add("criterion " + i);
        }
        ArrayNode buyingCenter = customer.putArray("buyingCenter");
        String[] roles = {"INITIATOR", "USER", "INFLUENCER", "DECIDER", "BUYER", "GATEKEEPER", "APPROVER"};
        for (int i = 0; i < 14; i++) {
            buyingCenter.addObject().put("contactId", "c-" + i).putArray("roles").add(roles[i % roles.length]);
        }
        customer.put("partnershipIntent", "STRATEGIC_ALLIANCE");
        customer.put("supplierStatus", "PREFERRED");
        customer.put("relationshipSince", "2012-01-01");
        return customer;
    }

    /** A small single-site transactional buyer. */
    static ObjectNode smallCustomer(String id) {
        ObjectNode customer = base(id, "Kiosk Supplies GmbH " + id);
        customer.set("annualPurchasePotential", JSON.createObjectNode().put("amount", 60_000).put("currency", "EUR"));
        customer.putArray("locations").addObject().put("country", "DE").put("region", "Bayern");
        customer.putArray("buyingCenter").addObject().put("contactId", "c-1").putArray("roles").add("BUYER");
        customer.put("partnershipIntent", "NONE");
        customer.put("supplierStatus", "APPROVED");
        customer.put("relationshipSince", "2025-06-01");
        return customer;
    }

    private static ObjectNode base(String id, String name) {
        ObjectNode customer = JSON.createObjectNode();
        customer.put("id", id);
        customer.putArray("externalRefs").addObject().put("system", "salesforce").put("id", "sf-" + id);
        customer.put("legalName", name);
        customer.put("archived", false);
        customer.put("version", 1);
        customer.put("createdAt", Instant.now().toString());
        customer.put("updatedAt", Instant.now().toString());
        return customer;
    }

    static String registered(KafkaTestClient kafka, ObjectNode customer) {
        ObjectNode data = JSON.createObjectNode();
        data.set("customer", customer);
        data.put("sequence", 1);
        return send(kafka, EventType.CUSTOMER_REGISTERED, customer.get("id").asText(), data);
    }

    static String profileChanged(KafkaTestClient kafka, ObjectNode customer, long sequence, String... changedFields) {
        ObjectNode data = JSON.createObjectNode();
        data.set("customer", customer);
        ArrayNode changed = data.putArray("changedFields");
        for (String field : changedFields) {
            changed.add(field);
        }
        data.put("sequence", sequence);
        return send(kafka, EventType.CUSTOMER_PROFILE_CHANGED, customer.get("id").asText(), data);
    }

    static String send(KafkaTestClient kafka, EventType type, String subject, ObjectNode data) {
        EventSchemas.instance().requireValid(type, data);
        String eventId = UUID.randomUUID().toString();
        kafka.send(Topics.CUSTOMER_EVENTS, subject, data.toString().getBytes(StandardCharsets.UTF_8), headers(eventId, type, subject));
        return eventId;
    }

    static Map<String, String> headers(String eventId, EventType type, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_type", type.ceType());
        headers.put("ce_source", "/kam/customer-service");
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_subject", subject);
        headers.put("ce_dataschema", type.dataSchema(java.net.URI.create("http://localhost:8081/schemas/")).toString());
        return headers;
    }

    private CustomerEventsFixture() {
    }
}
