package dev.kam.platform.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A customer profile's content, as a hash the oracle compares: what a sync client sent against what a customer event
 * carries. Only what the client says counts (server-owned fields, and the reference the path adds, do not); a field the
 * client left out must be absent, null or empty in the event (at any depth); functional areas are a set; amounts compare as numbers.
 */
final class ProfileFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The profile fields a client sends, in contract order. */
    private static final List<String> FIELDS = List.of("legalName", "industry", "headquartersCountry", "annualPurchasePotential",
            "currentAnnualRevenue", "operatingUnits", "locations", "functionalAreas", "selectionCriteria", "buyingCenter",
            "partnershipIntent", "supplierStatus", "relationshipSince");

    static String of(String profileJson) {
        try {
            return of(JSON.readTree(profileJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String of(JsonNode profile) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(canonical(profile))));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the hash is taken of, to show where two profiles differ. */
    static String shown(String profileJson) {
        try {
            return canonical(JSON.readTree(profileJson)).toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String shown(JsonNode profile) {
        return canonical(profile).toString();
    }

    private static ObjectNode canonical(JsonNode profile) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        for (String field : FIELDS) {
            JsonNode value = profile.get(field);
            if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
                continue;
            }
            canonical.set(field, canonical(field, value));
        }
        return canonical;
    }

    private static JsonNode canonical(String field, JsonNode value) {
        if (field.equals("functionalAreas")) {
            List<String> areas = new ArrayList<>();
            value.forEach(area -> areas.add(area.asText()));
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            areas.stream().distinct().sorted().forEach(sorted::add);
            return sorted;
        }
        if (value.isObject() && value.has("amount")) {
            return JsonNodeFactory.instance.objectNode().put("amount", new BigDecimal(value.get("amount").asText()).stripTrailingZeros().toPlainString())
                    .put("currency", value.path("currency").asText());
        }
        return withoutNulls(value);
    }

    /** Nested fields the client left out may be written as null (a location's city, a contact's title): the same as absent. */
    private static JsonNode withoutNulls(JsonNode value) {
        if (value.isObject()) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    kept.set(field.getKey(), withoutNulls(field.getValue()));
                }
            });
            return kept;
        }
        if (value.isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> kept.add(withoutNulls(element)));
            return kept;
        }
        return value;
    }

    private ProfileFingerprint() {
    }
}
