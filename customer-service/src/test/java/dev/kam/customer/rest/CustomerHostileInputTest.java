package dev.kam.customer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.kam.customer.rest.Customers.JSON;
import static dev.kam.customer.rest.Customers.asCrm;
import static dev.kam.customer.rest.Customers.asViewer;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * What an attacker with a valid integration token tried (issue 14), each refused with a problem that names the field
 * and the limit, or accepted and then readable, changeable and publishable like any other customer.
 */
@QuarkusTest
@CustomerTest
class CustomerHostileInputTest {

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
    void anAmountBeyondTheLimitIsRefusedNamingItAndTheLargestAllowedOneReadsBack() {
        for (String amount : List.of("1e1000", "1e10000000", "1000000000000000", "-5", "0.00001")) {
            String ref = uniqueId();
            String body = JSON.valueToTree(nordwerk(ref)).toString()
                    .replace("\"amount\":4200000", "\"amount\":" + amount);
            asCrm().body(body).put("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("annualPurchasePotential.amount"));
            asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(404);
        }
        String ref = uniqueId();
        String largest = JSON.valueToTree(nordwerk(ref)).toString().replace("\"amount\":4200000", "\"amount\":999999999999999.9999")
                .replace("\"amount\":900000", "\"amount\":999999999999999.94");
        String id = asCrm().body(largest).put("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(201)
                .extract().path("id");
        String read = asViewer().get("/api/v1/customers/" + id).then().statusCode(200).extract().asString();
        assertThat(read).contains("\"amount\":999999999999999.9999").contains("\"amount\":999999999999999.94");
        // the event carries the amounts as stored, and what consumers decode of it is within the schema's exclusive maximum
        String event = Customers.eventsOf(kafka, id, 1).get(0).value();
        assertThat(event).contains("\"amount\":999999999999999.9999").contains("\"amount\":999999999999999.94");
        String smallest = JSON.valueToTree(nordwerk(uniqueId())).toString().replace("\"amount\":4200000", "\"amount\":0.0001");
        String smallestId = asCrm().body(smallest).post("/api/v1/customers").then().statusCode(201).extract().path("id");
        assertThat(Customers.eventsOf(kafka, smallestId, 1).get(0).value()).contains("\"amount\":0.0001");
        asViewer().queryParam("q", ref).get("/api/v1/customers").then().statusCode(200).body("items.id", hasItem(id));

        // The same through a merge patch, on an existing customer: refused, and the customer is unchanged.
        asCrm().contentType(CustomerResource.MERGE_PATCH).body("{\"annualPurchasePotential\": {\"amount\": 1e10000000, \"currency\": \"EUR\"}}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("10^15"));
        asCrm().header("If-Match", "\"1\"").delete("/api/v1/customers/" + id).then().statusCode(204);
    }

    @Test
    void theLargestProfileIsAcceptedReadsBackAndItsEventFitsKafkaWithRoomToSpare() throws Exception {
        String ref = uniqueId();
        Map<String, Object> large = largeProfile(ref, 480, 100);
        long stored = JSON.writeValueAsBytes(large).length;
        assertThat(stored).as("the test's profile is close below the limit").isBetween(200_000L, 262_144L);

        String id = asCrm().body(large).put("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(201)
                .extract().path("id");
        JsonNode read = JSON.readTree(asViewer().get("/api/v1/customers/" + id).then().statusCode(200).extract().asString());
        assertThat(read.get("buyingCenter")).hasSize(480);
        List<Received> events = Customers.eventsOf(kafka, id, 1);
        assertThat(events.get(0).value().getBytes(StandardCharsets.UTF_8).length).as("event size")
                .isLessThan(300_000).isLessThan(1024 * 1024 / 3);

        Map<String, Object> tooLarge = largeProfile(ref, 480, 200); // each field within its bound, the whole not
        asCrm().body(tooLarge).put("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"))
                .body("detail", containsString("262144"));
        asViewer().get("/api/v1/customers/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void controlCharactersAndPathSeparatorsInIdsAreRefused() {
        for (String bad : List.of("a\r\nb", "a\u0007b", "../../etc", "a/b", "..", " padded", "a\\b")) {
            Map<String, Object> body = nordwerk(uniqueId());
            body.put("externalRefs", List.of(Map.of("system", "hubspot", "id", bad)));
            asCrm().body(body).post("/api/v1/customers").then().statusCode(400)
                    .body("violations.field", hasItem("externalRefs[0].id"));
        }
        Map<String, Object> contact = nordwerk(uniqueId());
        contact.put("buyingCenter", List.of(Map.of("contactId", "c\n1", "roles", List.of("BUYER"))));
        asCrm().body(contact).post("/api/v1/customers").then().statusCode(400).body("violations.field", hasItem("buyingCenter[0].contactId"));
        Map<String, Object> bell = nordwerk(uniqueId());
        bell.put("legalName", "Nordwerk \u0007 AG");
        asCrm().body(bell).post("/api/v1/customers").then().statusCode(400).body("violations[0].field", equalTo("legalName"));

        String ref = uniqueId();
        for (String path : List.of(ref + "%0D%0AX-Injected:%20yes", ref + "%07")) {
            int status = asCrm().urlEncodingEnabled(false).body(nordwerk(ref))
                    .put("/api/v1/customers/by-external-ref/salesforce/" + path).then().extract().statusCode();
            assertThat(status).as(path).isEqualTo(400);
        }
        for (String path : List.of("a%2F..%2Fb", "..", "%2E%2E")) {
            int status = asCrm().urlEncodingEnabled(false).body(nordwerk(ref))
                    .put("/api/v1/customers/by-external-ref/salesforce/" + path).then().extract().statusCode();
            assertThat(status).as("an id with a path separator or a dot segment is never stored: " + path).isIn(400, 404);
        }
    }

    @Test
    void theSyncPathsIdPassesTheBodysRuleBeforeAnythingIsStored() {
        String unique = uniqueId();
        // a%2Fb, a\b, ../../admin, a leading space, a lone %C3 (not UTF-8: U+FFFD), a trailing zero-width space, a right-to-left override
        for (String path : List.of("a%2Fb", "a%5Cb", "..%2F..%2Fadmin", "%20" + unique, unique + "%C3", unique + "%E2%80%8B",
                "%E2%80%AE" + unique)) {
            Map<String, Object> body = nordwerk(uniqueId());
            body.put("externalRefs", List.of());
            asCrm().urlEncodingEnabled(false).body(body).put("/api/v1/customers/by-external-ref/salesforce/" + path).then()
                    .statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("externalId"));
            asViewer().queryParam("q", body.get("legalName")).get("/api/v1/customers").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.empty());
        }

        // twenty references in the body and a twenty-first in the path: refused by name, nothing stored
        Map<String, Object> crowded = nordwerk(uniqueId());
        List<Map<String, String>> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(Map.of("system", "crm" + i, "id", "r-" + i));
        }
        crowded.put("externalRefs", refs);
        asCrm().body(crowded).put("/api/v1/customers/by-external-ref/salesforce/" + unique).then().statusCode(400)
                .body("violations.field", hasItem("externalRefs")).body("violations.message", hasItem(containsString("at most 20")));
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + unique).then().statusCode(404);
        asViewer().get("/api/v1/customers/by-external-ref/crm0/r-0").then().statusCode(404);
    }

    @Test
    void aReferenceIsOneIdWhetherItsAccentsComeComposedOrNotAndOtherScriptsAreOtherIds() {
        String stem = uniqueId();
        String composed = stem + "-caf\u00e9";
        String decomposed = stem + "-cafe\u0301";
        Map<String, Object> body = nordwerk(decomposed);
        String id = asCrm().body(body).put("/api/v1/customers/by-external-ref/salesforce/" + decomposed).then().statusCode(201)
                .body("externalRefs[0].id", equalTo(composed)).extract().path("id");
        body.put("externalRefs", List.of(Map.of("system", "salesforce", "id", composed)));
        asCrm().body(body).put("/api/v1/customers/by-external-ref/salesforce/" + composed).then().statusCode(200).body("id", equalTo(id));
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + decomposed).then().statusCode(200).body("id", equalTo(id));

        String latin = stem + "-A";
        String cyrillic = stem + "-\u0410";
        String latinId = asCrm().body(nordwerk(latin)).put("/api/v1/customers/by-external-ref/salesforce/" + latin).then()
                .statusCode(201).extract().path("id");
        String cyrillicId = asCrm().body(nordwerk(cyrillic)).put("/api/v1/customers/by-external-ref/salesforce/" + cyrillic).then()
                .statusCode(201).extract().path("id");
        assertThat(cyrillicId).as("another script is another id, as in the CRM that made it").isNotEqualTo(latinId);
    }

    /**
     * Issue 31: the headers of an import with a Content-Length, then a newline every 25 s, held a request slot for ever
     * (64 such connections of one token took the service offline). Each import endpoint now answers a body that stalls
     * with 408 once the grace (2 s in tests) has passed, and closes its connection; what came of the body is not kept.
     */
    @Test
    void anImportWhoseBodyStallsIsAnswered408AndLeavesNothing() throws Exception {
        String crm = TestTokens.withRoles("crm-integration");
        String ref = uniqueId();
        byte[] firstLine = (write(nordwerk(ref)) + "\n").getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/v1/customer-imports", "/api/v1/customer-import-jobs")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + crm
                        + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(firstLine);
                socket.getOutputStream().flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 408").contains("application/problem+json")
                        .contains("kam.http.min-body-bytes-per-second");
            }
        }
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(404);
    }

    /**
     * Issue 31: a body past the server's limit cut the synchronous import's connection with an empty 413 and two logged
     * errors. An NDJSON body larger than kam.http.max-ndjson-body-bytes (12 MiB in tests, 1 GiB in production) is a 413
     * problem naming the limit, announced or found while reading, and nothing of it is kept.
     */
    @Test
    void anNdjsonBodyBeyondTheLimitIsA413ProblemWhetherAnnouncedOrFoundWhileReading() throws Exception {
        String crm = TestTokens.withRoles("crm-integration");
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /api/v1/customer-imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + crm
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1300000000\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = answerOf(socket);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("kam.http.max-ndjson-body-bytes");
        }
        String ref = uniqueId();
        byte[] huge = (write(nordwerk(ref)) + "\n" + "\n".repeat(13 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/api/v1/customer-imports"))
                .header("Authorization", "Bearer " + crm).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))) // no length: chunked
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("kam.http.max-ndjson-body-bytes").contains("12582912");
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + ref).then().statusCode(404);
    }

    @Test
    void aJsonBodySentInChunksIsHeldToTheSameLimitAsOneWithALength() throws Exception {
        byte[] huge = ("{\"legalName\": \"" + "x".repeat(6 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/api/v1/customers"))
                .header("Authorization", "Bearer " + TestTokens.withRoles("crm-integration"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))) // no length: chunked
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("1048576");
    }

    @Test
    void anNdjsonLineLongerThanTheLimitIsRefusedAloneAndTheOthersAreImported() {
        String first = uniqueId();
        String last = uniqueId();
        String longLine = "{\"externalRefs\": [{\"system\": \"salesforce\", \"id\": \"" + uniqueId() + "\"}], \"legalName\": \""
                + "y".repeat(2 * 1024 * 1024) + "\"}";
        String ndjson = write(nordwerk(first)) + "\n" + longLine + "\n" + write(nordwerk(last)) + "\n"
                + "{\"externalRefs\": [{\"system\": \"salesforce\", \"id\": \"" + uniqueId() + "\"}], \"legalName\": \"X\", \"functionalAreas\": [\"NOPE\"]}\n";
        Response report = given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/customer-imports");
        report.then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].violations[0].message", containsString("1048576"))
                .body("errors[1].line", equalTo(4))
                .body("errors[1].violations[0].field", equalTo("functionalAreas[0]"))
                .body("errors[1].violations[0].message", containsString("PROCUREMENT"));
        assertThat(report.asString()).as("errors speak the contract, not Java").doesNotContain("dev.kam").doesNotContain("`");
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + last).then().statusCode(200);
    }

    @Test
    void datesBeyondWhatCanBeStoredAndMalformedQueryValuesAre400NamingTheParameter() {
        for (String since : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "yesterday")) {
            asViewer().queryParam("updatedSince", since).get("/api/v1/customers").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("updatedSince"));
        }
        asViewer().queryParam("since", "+999999999-12-31T23:59:59Z").get("/api/v1/audit").then().statusCode(400)
                .body("violations[0].field", equalTo("since"));
        asViewer().queryParam("limit", "abc").get("/api/v1/customers").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
        asViewer().queryParam("includeArchived", "maybe").get("/api/v1/customers").then().statusCode(400)
                .body("violations[0].field", equalTo("includeArchived"));
        Map<String, Object> zeroYear = nordwerk(uniqueId());
        zeroYear.put("relationshipSince", "0000-06-01");
        asCrm().body(zeroYear).post("/api/v1/customers").then().statusCode(400).body("violations[0].field", equalTo("relationshipSince"));
    }

    @Test
    void theLocationIsAPathOfThisServiceWhateverHostTheCallerNames() {
        String key = "idem-" + uniqueId();
        Map<String, Object> body = nordwerk(uniqueId());
        Response created = asCrm().header("Host", "evil.example").header("Idempotency-Key", key).body(body).post("/api/v1/customers");
        created.then().statusCode(201).header("Location", startsWith("/api/v1/customers/"));
        asCrm().header("Host", "other.example").header("Idempotency-Key", key).body(body).post("/api/v1/customers").then()
                .statusCode(201).header("Idempotent-Replayed", "true").header("Location", equalTo(created.header("Location")));
        String ref = uniqueId();
        asCrm().header("Host", "evil.example").body(nordwerk(ref)).put("/api/v1/customers/by-external-ref/salesforce/" + ref).then()
                .statusCode(201).header("Location", startsWith("/api/v1/customers/"));
    }

    @Test
    void aRefusedLargeValueIsQuotedShortlyAndAnswersAreNeitherSniffedNorCached() {
        Map<String, Object> body = nordwerk(uniqueId());
        body.put("partnershipIntent", "x".repeat(1_000_000));
        Response refused = asCrm().body(body).post("/api/v1/customers");
        refused.then().statusCode(400).body("violations[0].field", equalTo("partnershipIntent"));
        assertThat(refused.asString().length()).as("the problem does not echo the megabyte").isLessThan(2_000);

        String id = asCrm().body(nordwerk(uniqueId())).post("/api/v1/customers").then().statusCode(201).extract().path("id");
        asViewer().get("/api/v1/customers/" + id).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/api/v1/customers/" + id).then().statusCode(401).header("X-Content-Type-Options", "nosniff");
        given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    /** The status line, headers and body of the answer on {@code socket}, read as far as its Content-Length says. */
    private static String answerOf(java.net.Socket socket) throws java.io.IOException {
        java.io.InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    /** A profile with {@code contacts} buying-centre contacts whose names are random text, half of it three bytes a character. */
    static Map<String, Object> largeProfile(String ref, int contacts, int nameLength) {
        Random random = new Random(contacts);
        Map<String, Object> profile = new LinkedHashMap<>(nordwerk(ref));
        List<Map<String, Object>> buyingCenter = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            buyingCenter.add(Map.of("contactId", "c-" + i, "name", text(random, nameLength), "title", text(random, 60),
                    "roles", List.of("USER", "INFLUENCER"), "operatingUnit", "Powertrain"));
        }
        profile.put("buyingCenter", buyingCenter);
        return profile;
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(i % 2 == 0 ? 'a' + random.nextInt(26) : 0x4E00 + random.nextInt(0x5000));
        }
        return text.toString();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
