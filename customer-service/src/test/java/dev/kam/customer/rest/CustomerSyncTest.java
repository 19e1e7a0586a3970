package dev.kam.customer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.kam.customer.rest.Customers.JSON;
import static dev.kam.customer.rest.Customers.asCrm;
import static dev.kam.customer.rest.Customers.asViewer;
import static dev.kam.customer.rest.Customers.data;
import static dev.kam.customer.rest.Customers.eventsOf;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.settle;
import static dev.kam.customer.rest.Customers.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@CustomerTest
class CustomerSyncTest {

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
    void upsertCreatesThenFindsNothingToChangeThenPublishesExactlyTheChange() {
        String sfId = uniqueId();
        String path = "/api/v1/customers/by-external-ref/salesforce/" + sfId;
        Map<String, Object> body = nordwerk(sfId);

        Response created = asCrm().body(body).put(path);
        created.then().statusCode(201).header("ETag", equalTo("\"1\""));
        String id = created.path("id");

        asCrm().body(body).put(path).then().statusCode(200).header("ETag", equalTo("\"1\"")).body("id", equalTo(id));

        body.put("annualPurchasePotential", Map.of("amount", 6100000, "currency", "EUR"));
        body.put("locations", List.of(Map.of("country", "DE", "region", "EMEA"), Map.of("country", "US", "region", "AMERICAS")));
        asCrm().body(body).put(path).then().statusCode(200).header("ETag", equalTo("\"2\"")).body("version", equalTo(2));

        settle();
        List<Received> events = eventsOf(kafka, id, 2);
        assertThat(events).extracting(r -> r.headers().get("ce_type"))
                .containsExactly("kam.customer.registered.v1", "kam.customer.profile-changed.v1");
        JsonNode changed = data(events.get(1));
        assertThat(changed.get("changedFields")).extracting(JsonNode::asText).containsExactly("annualPurchasePotential", "locations");
        assertThat(changed.get("sequence").asLong()).isEqualTo(2);
        assertThat(changed.at("/customer/annualPurchasePotential/amount").asLong()).isEqualTo(6100000);

        asViewer().get(path).then().statusCode(200).header("ETag", equalTo("\"2\"")).body("id", equalTo(id))
                .body("annualPurchasePotential.amount", equalTo(6100000));
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/never-synced").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("no customer is known as never-synced in salesforce"));
    }

    @Test
    void theReferenceInThePathIsAddedAndABodyThatContradictsItIsRefused() {
        String sfId = uniqueId();
        Map<String, Object> body = nordwerk(uniqueId());
        body.remove("externalRefs");
        asCrm().body(body).put("/api/v1/customers/by-external-ref/salesforce/" + sfId).then().statusCode(201)
                .body("externalRefs[0].id", equalTo(sfId));

        asCrm().body(nordwerk(uniqueId())).put("/api/v1/customers/by-external-ref/salesforce/" + sfId).then()
                .statusCode(400).body("violations[0].field", equalTo("externalRefs[0].id"));
    }

    @Test
    void concurrentUpsertsOfOneReferenceEndAsOneCustomer() throws Exception {
        String sfId = uniqueId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> body = nordwerk(sfId);
            body.put("industry", "industry-" + i);
            calls.add(() -> asCrm().body(body).put("/api/v1/customers/by-external-ref/salesforce/" + sfId));
        }
        List<Integer> statuses = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            for (Future<Response> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get().statusCode());
                ids.add(answer.get().path("id"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnlyOnce(201).containsOnly(200, 201);
        assertThat(ids).hasSize(1);
        asViewer().queryParam("q", "Nordwerk Industrie AG " + sfId).get("/api/v1/customers").then()
                .body("items.size()", equalTo(1));
    }

    @Test
    void aBulkImportOfTenThousandLinesAcceptsTheGoodOnesReportsTheBadOnesAndPublishesOnePerCustomer() {
        String batch = uniqueId();
        StringBuilder ndjson = new StringBuilder();
        Set<Integer> bad = Set.of(17, 5_003, 9_998);
        for (int line = 1; line <= 10_000; line++) {
            Map<String, Object> customer = nordwerk(batch + "-" + line);
            if (line == 17) {
                customer.put("headquartersCountry", "Germany");
            } else if (line == 5_003) {
                customer.remove("legalName");
            }
            ndjson.append(line == 9_998 ? "{\"legalName\": \"broken" : write(customer)).append('\n');
        }

        Response report = given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-imports");
        report.then().statusCode(200)
                .body("accepted", equalTo(9_997))
                .body("rejected", equalTo(3))
                .body("created", equalTo(9_997))
                .body("errors.line", equalTo(List.of(17, 5_003, 9_998)))
                .body("errors[0].violations[0].field", equalTo("headquartersCountry"))
                .body("errors[1].violations[0].field", equalTo("legalName"))
                .body("errors[2].violations[0].message", org.hamcrest.Matchers.containsString("end-of-input"));

        List<Received> registered = kafka.awaitRecords(Topics.CUSTOMER_EVENTS, Duration.ofSeconds(90),
                all -> all.size() >= 9_997);
        settle();
        registered = kafka.readSinceMark(Topics.CUSTOMER_EVENTS);
        assertThat(registered).hasSize(9_997);
        assertThat(registered).allSatisfy(r -> assertThat(r.headers()).containsEntry("ce_type", "kam.customer.registered.v1"));
        assertThat(registered.stream().map(Received::key).distinct().count()).isEqualTo(9_997);
        Customers.assertValidAgainstSchema(registered.get(0));
        Customers.assertValidAgainstSchema(registered.get(9_996));

        // The same file again: every good line is unchanged, nothing is published.
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-imports").then().statusCode(200)
                .body("unchanged", equalTo(9_997)).body("created", equalTo(0));
        settle();
        assertThat(kafka.readSinceMark(Topics.CUSTOMER_EVENTS)).hasSize(9_997);
        assertThat(bad).hasSize(3);
    }

    @Test
    void anImportBatchOfNewKnownRepeatedConflictingAndOversizedLinesUpsertsEachLineAsItsOwnCall() throws Exception {
        String batch = uniqueId();
        String a = batch + "-a", b = batch + "-b", c = batch + "-c", d = batch + "-d", e = batch + "-e", known = batch + "-known";
        String knownId = asCrm().body(nordwerk(known)).put("/api/v1/customers/by-external-ref/salesforce/" + known).then()
                .statusCode(201).extract().path("id");
        Map<String, Object> knownChanged = nordwerk(known);
        knownChanged.put("industry", "rail");
        Map<String, Object> aAgain = nordwerk(a);
        aAgain.put("industry", "chemicals");
        Map<String, Object> conflicting = nordwerk(c);
        conflicting.put("externalRefs", List.of(Map.of("system", "salesforce", "id", c), Map.of("system", "sap", "id", b)));
        Map<String, Object> bWithSap = nordwerk(b);
        bWithSap.put("externalRefs", List.of(Map.of("system", "salesforce", "id", b), Map.of("system", "sap", "id", b)));
        Map<String, Object> oversized = CustomerHostileInputTest.largeProfile(d, 480, 200);
        String ndjson = String.join("\n", write(nordwerk(a)), write(knownChanged), write(bWithSap), write(aAgain), write(conflicting),
                write(oversized), write(nordwerk(e))) + "\n";

        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-imports").then().statusCode(200)
                .body("accepted", equalTo(5)).body("created", equalTo(3)).body("updated", equalTo(2)).body("rejected", equalTo(2))
                .body("errors.line", equalTo(List.of(5, 6)))
                .body("errors[0].violations[0].field", equalTo("externalRefs"))
                .body("errors[1].violations[0].field", equalTo("body"));

        String aId = asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + a).then().statusCode(200)
                .body("industry", equalTo("chemicals")).body("version", equalTo(2)).extract().path("id");
        String bId = asViewer().get("/api/v1/customers/by-external-ref/sap/" + b).then().statusCode(200)
                .body("externalRefs.size()", equalTo(2)).extract().path("id");
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + known).then().statusCode(200).body("industry", equalTo("rail"));
        String eId = asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + e).then().statusCode(200)
                .body("version", equalTo(1)).extract().path("id");
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + c).then().statusCode(404);
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + d).then().statusCode(404);

        assertThat(eventsOf(kafka, aId, 2)).extracting(r -> r.headers().get("ce_type") + "#" + data(r).get("sequence").asLong())
                .containsExactly("kam.customer.registered.v1#1", "kam.customer.profile-changed.v1#2");
        assertThat(eventsOf(kafka, bId, 1)).extracting(r -> r.headers().get("ce_type")).containsExactly("kam.customer.registered.v1");
        assertThat(eventsOf(kafka, knownId, 2)).extracting(r -> r.headers().get("ce_type"))
                .containsExactly("kam.customer.registered.v1", "kam.customer.profile-changed.v1");
        assertThat(eventsOf(kafka, eId, 1)).extracting(r -> r.headers().get("ce_type")).containsExactly("kam.customer.registered.v1");
        settle();
        assertThat(kafka.readSinceMark(Topics.CUSTOMER_EVENTS)).hasSize(6);
    }

    @Test
    void pagingWhileOthersAreCreatedReturnsEveryExistingCustomerOnce() throws Exception {
        String industry = "paging-" + uniqueId();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            Map<String, Object> customer = nordwerk(industry + "-" + i);
            customer.put("industry", industry);
            ndjson.append(write(customer)).append('\n');
        }
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-imports").then().statusCode(200).body("accepted", equalTo(1_000));
        Set<String> existing = new HashSet<>(ids(asViewer().queryParam("industry", industry).queryParam("limit", 500)
                .get("/api/v1/customers")));
        existing.addAll(ids(asViewer().queryParam("industry", industry).queryParam("limit", 500)
                .queryParam("cursor", (String) asViewer().queryParam("industry", industry).queryParam("limit", 500)
                        .get("/api/v1/customers").path("nextCursor")).get("/api/v1/customers")));
        assertThat(existing).hasSize(1_000);

        AtomicBoolean paging = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> created = writer.submit(() -> {
            int count = 0;
            while (paging.get() && count < 400) {
                Map<String, Object> customer = nordwerk(industry + "-late-" + count);
                customer.put("industry", industry);
                asCrm().body(customer).post("/api/v1/customers").then().statusCode(201);
                count++;
            }
            return count;
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = asViewer().queryParam("industry", industry).queryParam("limit", 37);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/customers");
            page.then().statusCode(200);
            seen.addAll(ids(page));
            cursor = page.path("nextCursor");
            Thread.sleep(5);
        } while (cursor != null);
        paging.set(false);
        int late = created.get();
        writer.shutdown();

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing);
        assertThat(late).isPositive();
    }

    @Test
    void listFiltersByTextCountryIndustryAndArchive() {
        String marker = uniqueId();
        Map<String, Object> french = nordwerk(marker + "-fr");
        french.put("legalName", "Lumière Optique SA " + marker);
        french.put("headquartersCountry", "FR");
        french.put("locations", List.of(Map.of("country", "BR", "region", "AMERICAS")));
        french.put("industry", "Optics-" + marker);
        String frenchId = asCrm().body(french).post("/api/v1/customers").path("id");
        String germanId = asCrm().body(nordwerk(marker + "-de")).post("/api/v1/customers").path("id");

        asViewer().queryParam("q", "lumière optique sa " + marker).get("/api/v1/customers").then()
                .body("items.id", equalTo(List.of(frenchId)));
        asViewer().queryParam("q", marker).queryParam("country", "BR").get("/api/v1/customers").then()
                .body("items.id", equalTo(List.of(frenchId)));
        asViewer().queryParam("q", marker).queryParam("country", "DE").get("/api/v1/customers").then()
                .body("items.id", equalTo(List.of(germanId)));
        asViewer().queryParam("industry", "optics-" + marker).get("/api/v1/customers").then()
                .body("items.id", equalTo(List.of(frenchId)));
        asViewer().queryParam("q", marker).queryParam("updatedSince", "2999-01-01T00:00:00Z").get("/api/v1/customers").then()
                .body("items.size()", equalTo(0)).body("nextCursor", equalTo(null));

        asCrm().delete("/api/v1/customers/" + germanId).then().statusCode(204);
        asViewer().queryParam("q", marker).get("/api/v1/customers").then().body("items.id", equalTo(List.of(frenchId)));
        asViewer().queryParam("q", marker).queryParam("includeArchived", true).get("/api/v1/customers").then()
                .body("items.size()", equalTo(2));
    }

    @Test
    void badListParametersAreNamed() {
        asViewer().queryParam("limit", 501).get("/api/v1/customers").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        asViewer().queryParam("country", "Deutschland").get("/api/v1/customers").then().statusCode(400)
                .body("violations[0].field", equalTo("country"));
        asViewer().queryParam("cursor", "not-ours").get("/api/v1/customers").then().statusCode(400)
                .contentType("application/problem+json");
        asViewer().queryParam("updatedSince", "yesterday").get("/api/v1/customers").then().statusCode(400);
    }

    private static List<String> ids(Response page) {
        return page.path("items.id");
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
