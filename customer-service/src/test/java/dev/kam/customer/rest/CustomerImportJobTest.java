package dev.kam.customer.rest;

import dev.kam.customer.service.CustomerImportJobs;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kam.customer.rest.Customers.JSON;
import static dev.kam.customer.rest.Customers.nordwerk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bulk imports as jobs: accepted at once, imported in the background, progress and per-line results read back. */
@QuarkusTest
@CustomerTest
class CustomerImportJobTest {

    private static final String NDJSON = "application/x-ndjson";

    @Inject
    EntityManager entityManager;
    @Inject
    CustomerImportJobs.Settings settings;

    private final String crm = TestTokens.withRoles("crm-integration");

    @Test
    void aLargeUploadIsAcceptedAtOnceImportedInTheBackgroundAndEveryLineReportedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder();
        int valid = 0;
        for (int line = 1; line <= 1203; line++) {
            Map<String, Object> customer = nordwerk("job-" + run + "-" + line);
            switch (line) {
                case 5 -> customer.put("headquartersCountry", "Germany");
                case 11 -> customer.put("externalRefs", List.of(Map.of("system", "salesforce", "id", "job-" + run + "-10")));
                default -> valid++;
            }
            if (line == 600) {
                file.append("{\"legalName\": \"cut off\n");
            } else if (line == 700) {
                file.append("\n"); // blank: skipped, but counted in the line numbers
            } else {
                file.append(JSON.writeValueAsString(customer)).append('\n');
            }
        }
        valid -= 2; // lines 600 and 700 went in as a broken and a blank line

        Response submitted = given().auth().oauth2(crm).contentType(NDJSON).body(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs");
        submitted.then().statusCode(202).header("Retry-After", "1")
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/v1/customer-import-jobs/[0-9a-f-]{36}"))
                .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "DONE")).body("lines", equalTo(1202));
        String job = submitted.jsonPath().getString("id");

        await().atMost(Duration.ofSeconds(90)).until(() -> "DONE".equals(job(job).getString("status")));
        JsonPath done = job(job);
        assertThat(done.getLong("processed")).isEqualTo(1202);
        assertThat(done.getLong("created")).isEqualTo(valid);   // line 10 created its customer ...
        assertThat(done.getLong("updated")).isEqualTo(1);       // ... line 11 replaced it
        assertThat(done.getLong("rejected")).isEqualTo(2);      // lines 5 and 600
        assertThat(done.getString("submittedBy")).isNotBlank();
        assertThat(done.getString("finishedAt")).isNotBlank();

        List<Map<String, Object>> rejected = given().auth().oauth2(crm).queryParam("outcome", "REJECTED")
                .get("/api/v1/customer-import-jobs/" + job + "/lines").then().statusCode(200)
                .body("nextCursor", org.hamcrest.Matchers.nullValue()).extract().jsonPath().getList("items");
        assertThat(rejected).extracting(item -> ((Number) item.get("line")).intValue()).containsExactly(5, 600);
        assertThat(rejected.get(0).toString()).contains("headquartersCountry");

        // every line once, in order, across pages, each created or updated one with its customer
        List<Map<String, Object>> lines = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(crm).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/customer-import-jobs/" + job + "/lines").then().statusCode(200).extract().jsonPath();
            lines.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(lines).hasSize(1202);
        assertThat(lines).extracting(item -> ((Number) item.get("line")).intValue()).isSorted().doesNotHaveDuplicates().doesNotContain(700);
        Map<Integer, Map<String, Object>> byLine = new HashMap<>();
        lines.forEach(item -> byLine.put(((Number) item.get("line")).intValue(), item));
        assertThat(byLine.get(10).get("outcome")).isEqualTo("CREATED");
        assertThat(byLine.get(11).get("outcome")).isEqualTo("UPDATED");
        assertThat(byLine.get(11).get("customerId")).isEqualTo(byLine.get(10).get("customerId"));
        given().auth().oauth2(crm).get("/api/v1/customers/" + byLine.get(1203).get("customerId")).then().statusCode(200)
                .body("externalRefs[0].id", equalTo("job-" + run + "-1203"));

        // accepted writes are in the database and, through the outbox, one registration event per created customer
        long registrations = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM outbox_event o JOIN customer_external_ref r ON r.customer_id = CAST(o.aggregate_id AS uuid)
                        WHERE o.event_type = 'kam.customer.registered.v1' AND r.external_id LIKE ?1""")
                .setParameter(1, "job-" + run + "-%").getSingleResult()).longValue());
        assertThat(registrations).isEqualTo(valid);
    }

    @Test
    void anUploadBeyondTheJobLimitIsRefusedNamingItAndLeavesNothing() throws Exception {
        long before = jobCount();
        StringBuilder file = new StringBuilder();
        for (long line = 0; line <= settings.maxLines(); line++) {
            file.append("{}\n");
        }
        given().auth().oauth2(crm).contentType(NDJSON).body(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs").then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("kam.import-jobs.max-lines"))
                .body("violations.field", hasItem("body"));
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void anUploadBeyondTheJobsByteLimitIsRefusedNamingItAndLeavesNothing() {
        long before = jobCount();
        long limit = settings.maxBytes().asLongValue();
        String padding = "x".repeat(500_000);
        StringBuilder file = new StringBuilder();
        while (file.length() <= limit) { // lines within the line limit, few enough for the line count: only the bytes are too many
            file.append("{\"legalName\": \"").append(padding).append("\"}\n");
        }
        given().auth().oauth2(crm).contentType(NDJSON).body(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/customer-import-jobs").then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("kam.import-jobs.max-bytes"))
                .body("violations.field", hasItem("body"));
        assertThat(jobCount()).isEqualTo(before);
    }

    /**
     * A line the parser and the profile rules accept but the database refuses (here a trigger, as a constraint a DBA
     * added would) fails its chunk as a whole; after a few attempts the chunk is imported line by line: that line is
     * REJECTED, its neighbours are imported, and a job submitted after it is not held up.
     */
    @Test
    void aLineTheDatabaseRefusesIsRejectedAndHoldsUpNoJob() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poison = "Poison " + run;
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                CREATE OR REPLACE FUNCTION refuse_poison_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.legal_name = '%2$s' THEN RAISE EXCEPTION 'refused by a check of this database'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_poison_%1$s BEFORE INSERT OR UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION refuse_poison_%1$s();
                """.formatted(run, poison)).executeUpdate());
        try {
            Map<String, Object> refused = nordwerk("poison-" + run + "-2");
            refused.put("legalName", poison);
            String first = JSON.writeValueAsString(nordwerk("poison-" + run + "-1")) + "\n" + JSON.writeValueAsString(refused) + "\n"
                    + JSON.writeValueAsString(nordwerk("poison-" + run + "-3")) + "\n";
            String second = JSON.writeValueAsString(nordwerk("after-poison-" + run + "-1")) + "\n";
            String held = submit(first);
            String after = submit(second);

            await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(job(after).getString("status")));
            JsonPath done = job(held);
            assertThat(done.getString("status")).isEqualTo("DONE");
            assertThat(done.getLong("created")).isEqualTo(2);
            assertThat(done.getLong("rejected")).isEqualTo(1);
            List<Map<String, Object>> lines = given().auth().oauth2(crm).get("/api/v1/customer-import-jobs/" + held + "/lines").then()
                    .statusCode(200).extract().jsonPath().getList("items");
            assertThat(lines).extracting(item -> item.get("outcome")).containsExactly("CREATED", "REJECTED", "CREATED");
            assertThat(lines.get(1).toString()).contains("could not be stored").contains("refused by a check of this database");
            assertThat(job(after).getLong("created")).isEqualTo(1);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "DROP TRIGGER refuse_poison_%1$s ON customer; DROP FUNCTION refuse_poison_%1$s()".formatted(run)).executeUpdate());
        }
    }

    @Test
    void aNulByteRefusesItsLineAloneInAJobAsInTheSynchronousImport() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String withNul = JSON.writeValueAsString(nordwerk("nul-" + run + "-2")).replace("Nordwerk", "Nord\u0000werk");
        assertThat(withNul).contains("\u0000"); // a raw 0x00 byte inside the legal name
        String file = JSON.writeValueAsString(nordwerk("nul-" + run + "-1")) + "\n" + withNul + "\n"
                + JSON.writeValueAsString(nordwerk("nul-" + run + "-3")) + "\n";
        String job = submit(file);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(job(job).getString("status")));
        assertThat(job(job).getLong("created")).isEqualTo(2);
        List<Map<String, Object>> lines = given().auth().oauth2(crm).get("/api/v1/customer-import-jobs/" + job + "/lines").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(lines).extracting(item -> item.get("outcome")).containsExactly("CREATED", "REJECTED", "CREATED");
        assertThat(lines.get(1).toString()).contains("NUL");

        String again = file.replace("nul-" + run, "nul-sync-" + run);
        given().auth().oauth2(crm).contentType(NDJSON).body(again.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/customer-imports").then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(2)).body("errors[0].violations[0].message", org.hamcrest.Matchers.containsString("NUL"));
    }

    /**
     * Job A's upload begins first but is accepted last (a slow upload); job B, over the same references, is accepted
     * while A is still arriving. B runs; A, accepted while B runs, waits until B is done: every reference ends as A has it.
     * Before, the importer took the job whose upload began first as soon as it was queued, so B's first chunks, then all
     * of A, then the rest of B made an end state that followed neither submission.
     */
    @Test
    void jobsAreImportedInTheOrderTheyWereAcceptedSoTheJobAcceptedLastWinsForEveryReference() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int references = 4000; // eight chunks of B: A is accepted while B is still running
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= references; i++) {
            Map<String, Object> customer = nordwerk("order-" + run + "-" + i);
            customer.put("legalName", "B " + run + " " + i);
            b.append(JSON.writeValueAsString(customer)).append('\n');
            customer.put("legalName", "A " + run + " " + i);
            a.append(JSON.writeValueAsString(customer)).append('\n');
        }
        byte[] aBytes = a.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.PipedOutputStream aUpload = new java.io.PipedOutputStream();
        java.io.PipedInputStream aBody = new java.io.PipedInputStream(aUpload, 64 * 1024);
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> aAnswer = java.net.http.HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/customer-import-jobs"))
                        .header("Authorization", "Bearer " + crm).header("Content-Type", NDJSON)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> aBody)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        aUpload.write(aBytes, 0, aBytes.length / 2);
        aUpload.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivingJobs() >= 1);

        String bJob = submit(b.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> job(bJob).getLong("processed") > 0);
        JsonPath bWhenAArrives = job(bJob);
        assertThat(bWhenAArrives.getLong("processed")).as("B is still importing when A is accepted").isLessThan(references);
        aUpload.write(aBytes, aBytes.length / 2, aBytes.length - aBytes.length / 2);
        aUpload.close();
        java.net.http.HttpResponse<String> accepted = aAnswer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String aJob = JSON.readTree(accepted.body()).get("id").asText();

        await().atMost(Duration.ofSeconds(120)).until(() -> "DONE".equals(job(aJob).getString("status")));
        JsonPath bDone = job(bJob);
        JsonPath aDone = job(aJob);
        assertThat(bDone.getString("status")).isEqualTo("DONE");
        assertThat(java.time.Instant.parse(aDone.getString("startedAt"))).as("A started after B finished")
                .isAfterOrEqualTo(java.time.Instant.parse(bDone.getString("finishedAt")));
        assertThat(aDone.getLong("updated")).as("A replaced every customer B made").isEqualTo(references);
        long asA = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM customer WHERE legal_name LIKE ?1").setParameter(1, "A " + run + " %").getSingleResult()).longValue());
        assertThat(asA).as("every reference as the job accepted last has it").isEqualTo(references);
    }

    @Test
    void theLocationOfAJobIsAPathOfThisServiceWhateverHostTheCallerNames() throws Exception {
        String file = JSON.writeValueAsString(nordwerk("host-" + UUID.randomUUID())) + "\n";
        given().auth().oauth2(crm).header("Host", "evil.example:666").contentType(NDJSON)
                .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.matchesPattern("/api/v1/customer-import-jobs/[0-9a-f-]{36}"));
    }

    @Test
    void anIdempotencyKeyMakesOneJobOfARetriedUploadAndRefusesAnotherUploadUnderIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = JSON.writeValueAsString(nordwerk("idem-job-" + run)) + "\n";
        String key = "job-" + run;
        long before = jobCount();
        Response first = given().auth().oauth2(crm).header("Idempotency-Key", key).contentType(NDJSON)
                .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs");
        first.then().statusCode(202).header("Retry-After", "1");
        Response retried = given().auth().oauth2(crm).header("Idempotency-Key", key).contentType(NDJSON)
                .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs");
        retried.then().statusCode(202).header("Idempotent-Replayed", "true").header("Location", equalTo(first.header("Location")))
                .body("id", equalTo(first.jsonPath().getString("id")));
        given().auth().oauth2(crm).header("Idempotency-Key", key).contentType(NDJSON)
                .body((file + file).getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs").then()
                .statusCode(422).contentType("application/problem+json");
        assertThat(jobCount()).as("one job for the key").isEqualTo(before + 1);
        given().auth().oauth2(crm).header("Idempotency-Key", "k".repeat(201)).contentType(NDJSON)
                .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs").then().statusCode(400);
        assertThat(jobCount()).isEqualTo(before + 1);
    }

    @Test
    void anIdempotencyKeyAnswersARetriedSynchronousImportWithItsFirstReportAndImportsNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = JSON.writeValueAsString(nordwerk("idem-sync-" + run)) + "\n";
        String key = "sync-" + run;
        given().auth().oauth2(crm).header("Idempotency-Key", key).contentType(NDJSON).body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/customer-imports").then().statusCode(200).body("created", equalTo(1));
        long auditBefore = auditEntries();
        given().auth().oauth2(crm).header("Idempotency-Key", key).contentType(NDJSON).body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/customer-imports").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("created", equalTo(1)).body("unchanged", equalTo(0));
        given().auth().oauth2(crm).header("Idempotency-Key", key).contentType(NDJSON)
                .body(file.replace("Nordwerk", "Südwerk").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/customer-imports").then().statusCode(422).contentType("application/problem+json");
        assertThat(auditEntries()).as("the retry and the refused one left nothing").isEqualTo(auditBefore);
        given().auth().oauth2(crm).queryParam("q", "Südwerk Industrie AG idem-sync-" + run).get("/api/v1/customers").then()
                .statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    private long receivingJobs() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM import_job WHERE status = 'RECEIVING'").getSingleResult()).longValue());
    }

    private long auditEntries() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("SELECT count(*) FROM audit_entry")
                .getSingleResult()).longValue());
    }

    private String submit(String ndjson) {
        return given().auth().oauth2(crm).contentType(NDJSON).body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/customer-import-jobs").then().statusCode(202).extract().jsonPath().getString("id");
    }

    @Test
    void onlyACrmIntegrationSubmitsAndAnUnknownJobIs404() {
        given().contentType(NDJSON).body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("viewer")).contentType(NDJSON).body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customer-import-jobs")
                .then().statusCode(403);
        given().auth().oauth2(crm).get("/api/v1/customer-import-jobs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(crm).queryParam("cursor", "nonsense").get("/api/v1/customer-import-jobs/" + UUID.randomUUID() + "/lines")
                .then().statusCode(404);
    }

    private JsonPath job(String id) {
        return given().auth().oauth2(crm).get("/api/v1/customer-import-jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private long jobCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("SELECT count(*) FROM import_job")
                .getSingleResult()).longValue());
    }
}
