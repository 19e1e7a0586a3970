package dev.kam.customer.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.testsupport.FuzzedWrites;
import dev.kam.testsupport.FuzzedWrites.Endpoint;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.kam.customer.rest.Customers.JSON;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint of customer-service under random and mutated JSON: never a 5xx, a refusal leaves nothing
 * behind, and after every case the customers still read back (alone and in a list page) and the outbox drains.
 */
@QuarkusTest
@CustomerTest
class CustomerFuzzTest {

    private static final int CASES = 150;

    @Inject
    EntityManager entityManager;

    @Test
    void writeEndpointsNeverFailWithA5xxAndRefusalsLeaveNoTrace() {
        String crm = TestTokens.withRoles("crm-integration");
        JsonNode example = JSON.valueToTree(nordwerk(uniqueId()));
        String existing = Customers.asCrm().body(nordwerk(uniqueId())).post("/api/v1/customers").then().statusCode(201)
                .extract().path("id");
        String referenced = uniqueId();
        Customers.asCrm().body(nordwerk(referenced)).put("/api/v1/customers/by-external-ref/salesforce/" + referenced)
                .then().statusCode(201);

        FuzzedWrites.StillWorking stillWorking = answer -> {
            Customers.asViewer().get("/api/v1/customers/" + existing).then().statusCode(200);
            Customers.asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + referenced).then().statusCode(200);
            answer.headers().firstValue("Location").ifPresent(created -> Customers.asViewer().get(created).then().statusCode(200));
            Customers.asViewer().queryParam("q", "Nordwerk").queryParam("includeArchived", true).queryParam("limit", 500)
                    .get("/api/v1/customers").then().statusCode(200);
            FuzzedWrites.outboxDrains(this::unpublished);
        };
        List<String> failures = new ArrayList<>();
        failures.addAll(FuzzedWrites.check(new Endpoint("POST", "/api/v1/customers", "application/json", crm), example, CASES,
                this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("PUT", "/api/v1/customers/" + existing, "application/json", crm), example, CASES,
                this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("PUT", "/api/v1/customers/by-external-ref/salesforce/" + referenced,
                "application/json", crm), example, CASES, this::footprint, stillWorking));
        failures.addAll(FuzzedWrites.check(new Endpoint("PATCH", "/api/v1/customers/" + existing, "application/merge-patch+json", crm),
                JSON.valueToTree(Map.of("industry", "rail", "annualPurchasePotential", Map.of("amount", 5000000, "currency", "EUR"))),
                CASES, this::footprint, stillWorking));

        // the sync path's own id, as an attacker writes it: an accepted one reads back under the reference it was stored as
        Map<String, Object> withoutRefs = nordwerk(uniqueId());
        withoutRefs.put("externalRefs", List.of());
        failures.addAll(FuzzedWrites.checkPathIds(new Endpoint("PUT", "/api/v1/customers/by-external-ref/fuzz/{id}", "application/json", crm),
                JSON.valueToTree(withoutRefs).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), this::footprint, answer -> {
                    stillWorking.check(answer);
                    if (answer.statusCode() < 300) {
                        readsBackAndChangesAgain(answer.body());
                    }
                }));
        assertThat(failures).isEmpty();
    }

    /**
     * NDJSON uploads with raw NUL bytes, bytes that are not UTF-8, CRs, blank, mutated and over-long lines, to the
     * synchronous import and as jobs, and pairs of jobs over the same references whose uploads overlap (the one begun
     * first is accepted last): never a 5xx, every line reported once, every good line readable afterwards, the job
     * accepted last wins for every reference, and the customers, lists and outbox still work after each upload.
     */
    @Test
    void ndjsonUploadsAndOverlappingJobsNeverFailWithA5xxAndEveryGoodLineTakesEffect() throws Exception {
        String run = uniqueId().substring(3, 11);
        String crm = TestTokens.withRoles("crm-integration");
        dev.kam.testsupport.NdjsonFuzzer fuzzer = new dev.kam.testsupport.NdjsonFuzzer(dev.kam.testsupport.JsonFuzzer.seedFromSystem() + 31);
        java.util.Random random = new java.util.Random(fuzzer.seed());
        List<String> failures = new ArrayList<>();
        for (int number = 0; number < 9; number++) {
            int upload = number;
            String prefix = "nd-" + run + "-" + upload;
            dev.kam.testsupport.NdjsonFuzzer.Upload sync = fuzzer.upload(upload, 8 + random.nextInt(8), i -> line(prefix + "-s" + i, "Sync"), prefix, 1024 * 1024);
            dev.kam.testsupport.NdjsonFuzzer.Upload job = fuzzer.upload(upload, 8 + random.nextInt(8), i -> line(prefix + "-j" + i, "Job"), prefix, 1024 * 1024);
            try {
                java.net.http.HttpResponse<String> answer = post(crm, "/api/v1/customer-imports", sync.body());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode report = JSON.readTree(answer.body());
                assertThat(report.get("accepted").asLong() + report.get("rejected").asLong()).as("every line reported once")
                        .isEqualTo(sync.nonBlankLines());
                sync.goodReferences().forEach(ref -> Customers.asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + ref)
                        .then().statusCode(200));

                JsonNode done = jobDone(crm, post(crm, "/api/v1/customer-import-jobs", job.body()));
                assertThat(done.get("processed").asLong()).isEqualTo(job.nonBlankLines());
                job.goodReferences().forEach(ref -> Customers.asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + ref)
                        .then().statusCode(200));

                overlappingJobs(crm, prefix, random);
                Customers.asViewer().queryParam("q", "Nordwerk").queryParam("limit", 500).get("/api/v1/customers").then().statusCode(200);
                FuzzedWrites.outboxDrains(this::unpublished);
            } catch (AssertionError | java.io.IOException e) {
                failures.add("seed " + fuzzer.seed() + " " + sync.description() + " / " + job.description() + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Job A's upload begins first and stalls; job B over the same references is accepted meanwhile; then A is accepted.
     * Jobs run in the order they were accepted, so every reference ends as A has it.
     */
    private void overlappingJobs(String crm, String prefix, java.util.Random random) throws Exception {
        int references = 20 + random.nextInt(600);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < references; i++) {
            a.append(line(prefix + "-o" + i, "A").toString()).append('\n');
            b.append(line(prefix + "-o" + i, "B").toString()).append('\n');
        }
        byte[] aBytes = a.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int split = 1 + random.nextInt(aBytes.length - 1);
        java.util.concurrent.CountDownLatch bAccepted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> aAnswer = java.net.http.HttpClient.newHttpClient().sendAsync(
                request(crm, "/api/v1/customer-import-jobs").POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new StalledAt(aBytes, split, bAccepted))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // A's upload waits until B is accepted (its 202), not until B is done: a stall longer than the grace would be a 408
        java.net.http.HttpResponse<String> bAnswer = post(crm, "/api/v1/customer-import-jobs", b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bAccepted.countDown();
        JsonNode aDone = jobDone(crm, aAnswer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        JsonNode bDone = jobDone(crm, bAnswer);
        assertThat(bDone.get("processed").asLong() + aDone.get("processed").asLong()).isEqualTo(2L * references);
        long asA = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM customer WHERE legal_name LIKE ?1").setParameter(1, "A " + prefix + "-o%").getSingleResult()).longValue());
        assertThat(asA).as("every one of " + references + " references as the job accepted last has it").isEqualTo(references);
    }

    /** A body that stops after {@code stall} bytes until {@code go} is counted down, then sends the rest. */
    private static final class StalledAt extends java.io.InputStream {
        private final byte[] bytes;
        private final int stall;
        private final java.util.concurrent.CountDownLatch go;
        private int position;

        StalledAt(byte[] bytes, int stall, java.util.concurrent.CountDownLatch go) {
            this.bytes = bytes;
            this.stall = stall;
            this.go = go;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            if (position == stall) {
                try {
                    if (!go.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new java.io.IOException("the other job was not accepted within 60 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            if (position >= bytes.length) {
                return -1;
            }
            int end = position < stall ? stall : bytes.length;
            int n = Math.min(length, end - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    private static JsonNode line(String reference, String name) {
        Map<String, Object> customer = nordwerk(reference);
        customer.put("legalName", name + " " + reference);
        return JSON.valueToTree(customer);
    }

    private static java.net.http.HttpRequest.Builder request(String token, String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                .timeout(java.time.Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson");
    }

    private static java.net.http.HttpResponse<String> post(String token, String path, byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(request(token, path).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The job a 202 answered with, once it is DONE. */
    private static JsonNode jobDone(String token, java.net.http.HttpResponse<String> accepted) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        JsonNode job = JSON.readTree(accepted.body());
        while (!"DONE".equals(job.get("status").asText())) {
            assertThat(System.nanoTime()).as("job " + location + " done within 120 s").isLessThan(deadline);
            Thread.sleep(100);
            job = JSON.readTree(io.restassured.RestAssured.given().auth().oauth2(token).get(location).then().statusCode(200).extract().asString());
        }
        return job;
    }

    /** An accepted customer is found by the reference it was stored under, and takes its own profile back. */
    private static void readsBackAndChangesAgain(String answer) {
        JsonNode customer;
        try {
            customer = JSON.readTree(answer);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        String stored = customer.at("/externalRefs/0/id").asText();
        Customers.asViewer().urlEncodingEnabled(false).get("/api/v1/customers/by-external-ref/fuzz/"
                + java.net.URLEncoder.encode(stored, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).then().statusCode(200);
        Customers.asCrm().body(customer.toString()).put("/api/v1/customers/" + customer.get("id").asText()).then().statusCode(200);
    }

    /** Events not yet on Kafka, parked ones included. */
    private long unpublished() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND dropped_at IS NULL").getSingleResult()).longValue());
    }

    /**
     * Every row a write could add or change in place: counts, and a hash of each customer and reference row (a refused
     * request that changed a row without adding one would be unseen by counts).
     */
    private String footprint() {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(entityManager.createNativeQuery("""
                SELECT concat_ws('|', (SELECT count(*) FROM customer), (SELECT sum(hashtext(c::text)) FROM customer c),
                       (SELECT count(*) FROM customer_external_ref), (SELECT sum(hashtext(r::text)) FROM customer_external_ref r),
                       (SELECT count(*) FROM outbox_event), (SELECT count(*) FROM audit_entry))""").getSingleResult()));
    }
}
