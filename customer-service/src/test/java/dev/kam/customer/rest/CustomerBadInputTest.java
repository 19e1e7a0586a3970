package dev.kam.customer.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kam.customer.rest.Customers.asCrm;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Every kind of bad input is a 4xx problem+json that names the problem; none is a 5xx. */
@QuarkusTest
@CustomerTest
class CustomerBadInputTest {

    @Test
    void malformedJson() {
        asCrm().body("{\"legalName\": \"Nordwerk\",").post("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
    }

    @Test
    void aValueOfTheWrongType() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.put("annualPurchasePotential", Map.of("amount", "a lot", "currency", "EUR"));
        asCrm().body(body).post("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("annualPurchasePotential.amount"));
    }

    @Test
    void valuesJsonAllowsButPostgresqlCannotStoreAreRefusedNamingTheField() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.put("legalName", "Nordwerk\u0000 AG");
        asCrm().body(body).post("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("legalName")).body("detail", containsString("control characters"));
        Map<String, Object> dated = nordwerk(uniqueId());
        dated.put("relationshipSince", "+3845222-03-25");
        asCrm().body(dated).post("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("relationshipSince")).body("detail", containsString("YYYY-MM-DD"));
    }

    @Test
    void anUnknownEnumValue() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.put("partnershipIntent", "ETERNAL_LOVE");
        asCrm().body(body).post("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("partnershipIntent"))
                .body("detail", containsString("ETERNAL_LOVE"));
    }

    @Test
    void missingRequiredFieldsAndInvalidValuesAreAllListed() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.remove("legalName");
        body.put("headquartersCountry", "XX");
        body.put("currentAnnualRevenue", Map.of("amount", -5, "currency", "EURO"));
        body.put("buyingCenter", List.of(Map.of("contactId", "c-1", "roles", List.of())));
        asCrm().body(body).post("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("legalName", "headquartersCountry", "currentAnnualRevenue.amount",
                        "currentAnnualRevenue.currency", "buyingCenter[0].roles"));
    }

    @Test
    void rulesAcrossFieldsNameTheirField() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.put("buyingCenter", List.of(Map.of("contactId", "c-1", "roles", List.of("USER"), "operatingUnit", "Chassis")));
        asCrm().body(body).post("/api/v1/customers").then()
                .statusCode(400).body("violations[0].field", equalTo("buyingCenter[0].operatingUnit"));
    }

    @Test
    void tooLongListsAreRefused() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.put("selectionCriteria", java.util.Collections.nCopies(51, "price"));
        asCrm().body(body).post("/api/v1/customers").then()
                .statusCode(400).body("violations[0].field", equalTo("selectionCriteria"));
    }

    @Test
    void aTwentyMegabyteBodyIs413() {
        String huge = "{\"legalName\": \"" + "x".repeat(20 * 1024 * 1024) + "\"}";
        asCrm().body(huge).post("/api/v1/customers").then()
                .statusCode(413).contentType("application/problem+json").body("title", equalTo("Payload too large"));
        asCrm().body(huge).put("/api/v1/customers/by-external-ref/salesforce/" + uniqueId()).then().statusCode(413);
    }

    @Test
    void aBadIfMatchOrIdempotencyKeyIsA400() {
        asCrm().header("If-Match", "three").body(nordwerk(uniqueId()))
                .put("/api/v1/customers/by-external-ref/salesforce/" + uniqueId()).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("If-Match"));
        asCrm().header("Idempotency-Key", "k".repeat(201)).body(nordwerk(uniqueId())).post("/api/v1/customers").then()
                .statusCode(400).body("detail", containsString("Idempotency-Key"));
    }

    @Test
    void aMalformedIdInThePathIs404NotA500() {
        Customers.asViewer().get("/api/v1/customers/not-a-uuid").then().statusCode(404);
    }
}
