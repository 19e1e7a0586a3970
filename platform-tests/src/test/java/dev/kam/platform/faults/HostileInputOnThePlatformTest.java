package dev.kam.platform.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.platform.faults.TopicReader.Event;
import dev.kam.testsupport.FuzzedWrites;
import dev.kam.testsupport.JsonFuzzer;
import dev.kam.testsupport.NdjsonFuzzer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 31 on the live platform: what an attacker with valid tokens sends, generated from a seed that is new each run
 * (and printed): sync path ids as they would encode them, amounts at each edge of the money limit, plan cadences a
 * calendar cannot add, NDJSON imports with raw NUL bytes and other bytes no JSON has, and two import jobs over the same
 * references whose uploads overlap. After every case every read answers: a customer alone and in a list, its score and
 * the key-account list, the team's and the programme's health, readiness of every part, and the console's portfolio,
 * account and programme pages. At the end every customer the platform accepted was scored, none is in a DLQ, and the
 * job accepted last won for every reference.
 */
class HostileInputOnThePlatformTest extends FaultScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1, one connection per upload, as CRM sync jobs send them: over one HTTP/2 connection (the JDK client's upgrade)
     * a stalled upload would hold back the other job's.
     */
    private static final java.net.http.HttpClient UPLOADS = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();

    private final long seed = JsonFuzzer.seedFromSystem() + 4711;
    private final Random random = new Random(seed);
    private final String crm = platform.token("hostile-crm", "crm-integration");
    private final String salesOps = platform.token("hostile-ops", "sales-ops");
    private final String viewer = platform.token("hostile-viewer", "viewer");
    private final String run = Long.toHexString(System.nanoTime());
    /** Customers the platform accepted, by id: each must be scored and in no DLQ. */
    private final Set<String> accepted = new java.util.LinkedHashSet<>();

    private String keyAccount;
    private String consoleSession;

    @Test
    void hostileRequestsWithValidTokensLeaveEveryReadConsumerAndPageWorking() throws Exception {
        keyAccount = upsert("hostile-" + run + "-key", SyncClient.strategic("Hostile Key Account " + run)).get("id").asText();
        awaitTeam(keyAccount);
        consoleSession = signInToTheConsole();
        List<String> failures = new ArrayList<>();
        List<String> cases = new ArrayList<>();

        for (String id : FuzzedWrites.PATH_IDS) {
            cases.add("sync path id " + id);
            attempt(failures, "seed " + seed + " sync path id " + id, () -> {
                HttpResponse<String> answer = send("PUT", customerUrl("/api/v1/customers/by-external-ref/hostile/" + id), crm,
                        SyncClient.strategic("Hostile Path " + run + " " + cases.size()));
                acceptedOrRefused(answer);
            });
        }
        for (int i = 0; i < 8; i++) {
            String potential = JsonFuzzer.EDGE_AMOUNTS[random.nextInt(JsonFuzzer.EDGE_AMOUNTS.length)];
            String revenue = JsonFuzzer.EDGE_AMOUNTS[random.nextInt(JsonFuzzer.EDGE_AMOUNTS.length)];
            cases.add("amounts " + potential + " / " + revenue);
            attempt(failures, "seed " + seed + " amounts " + potential + " / " + revenue, () -> {
                ObjectNode body = (ObjectNode) JSON.readTree(SyncClient.strategic("Hostile Amount " + run + " " + potential));
                body.putObject("annualPurchasePotential").put("amount", new BigDecimal(potential)).put("currency", "EUR");
                body.putObject("currentAnnualRevenue").put("amount", new BigDecimal(revenue)).put("currency", "EUR");
                acceptedOrRefused(send("POST", customerUrl("/api/v1/customers"), crm, body.toString()));
            });
        }
        for (int i = 0; i < 8; i++) {
            String cadence = JsonFuzzer.PERIODS[random.nextInt(JsonFuzzer.PERIODS.length)];
            cases.add("plan cadence " + cadence);
            attempt(failures, "seed " + seed + " plan cadence " + cadence, () -> {
                Map<String, Object> plan = Map.of("mission", "hostile mission", "communication", List.of(Map.of("between", "sales and service",
                        "channel", "call", "cadence", cadence, "lastHeld", LocalDate.now(ZoneOffset.UTC).toString())));
                HttpResponse<String> answer = send("PUT", platform.baseUrl("team-coordination-service") + "/api/v1/teams/" + keyAccount + "/plan",
                        salesOps, JSON.writeValueAsString(plan));
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 400);
            });
        }
        NdjsonFuzzer ndjson = new NdjsonFuzzer(seed);
        for (int i = 0; i < 3; i++) {
            int upload = i;
            cases.add("NDJSON import " + upload);
            attempt(failures, "seed " + seed + " NDJSON import " + upload, () -> {
                NdjsonFuzzer.Upload body = ndjson.upload(upload, 10, line -> {
                    try {
                        ObjectNode customer = (ObjectNode) JSON.readTree(SyncClient.strategic("Hostile Import " + run + " " + upload + " " + line));
                        customer.putArray("externalRefs").addObject().put("system", "salesforce").put("id", "hostile-" + run + "-i" + upload + "-" + line);
                        return customer;
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "hostile", 1024 * 1024);
                HttpResponse<String> answer = send("POST", customerUrl("/api/v1/customer-imports"), crm, body.body(), "application/x-ndjson");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(JSON.readTree(answer.body()).get("accepted").asLong() + JSON.readTree(answer.body()).get("rejected").asLong())
                        .isEqualTo(body.nonBlankLines());
                for (String ref : body.goodReferences()) {
                    HttpResponse<String> customer = Http.get(customerUrl("/api/v1/customers/by-external-ref/salesforce/" + ref), viewer);
                    assertThat(customer.statusCode()).as(ref).isEqualTo(200);
                    accepted.add(JSON.readTree(customer.body()).get("id").asText());
                }
            });
        }
        cases.add("overlapping jobs");
        attempt(failures, "seed " + seed + " overlapping jobs", this::overlappingJobs);

        failures.addAll(everyAcceptedCustomerIsScoredAndInNoDlq());
        assertThat(failures).as("hostile cases (seed " + seed + ")").isEmpty();
        platform.report("hostile input on the live platform (issue 31)", cases.size() + " generated cases (seed " + seed + "), "
                + accepted.size() + " customers accepted, every one scored and in no DLQ; every read, readiness and console page answered after each");
    }

    private interface Case {
        void run() throws Exception;
    }

    /** Runs one case, then checks that every read still answers; a failure of either is collected with the case's name. */
    private void attempt(List<String> failures, String name, Case hostile) {
        try {
            hostile.run();
            everyReadAnswers();
        } catch (AssertionError | Exception e) {
            failures.add(name + ": " + e.getMessage());
        }
    }

    private void acceptedOrRefused(HttpResponse<String> answer) throws IOException, InterruptedException {
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        if (answer.statusCode() < 300) {
            String id = JSON.readTree(answer.body()).get("id").asText();
            accepted.add(id);
            assertThat(Http.get(customerUrl("/api/v1/customers/" + id), viewer).statusCode()).as("an accepted customer reads back").isEqualTo(200);
        } else {
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    /** Single and list reads of every service, readiness of every part, and the console's pages. */
    private void everyReadAnswers() throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("customer", Http.get(customerUrl("/api/v1/customers/" + keyAccount), viewer).statusCode());
        statuses.put("customer list", Http.get(customerUrl("/api/v1/customers?q=Hostile&limit=100"), viewer).statusCode());
        String scoring = platform.baseUrl("scoring-service");
        statuses.put("score", Http.get(scoring + "/api/v1/scores/" + keyAccount, viewer).statusCode());
        statuses.put("key accounts", Http.get(scoring + "/api/v1/key-accounts?limit=100", viewer).statusCode());
        String team = platform.baseUrl("team-coordination-service");
        statuses.put("team", Http.get(team + "/api/v1/teams/" + keyAccount, viewer).statusCode());
        statuses.put("team health", Http.get(team + "/api/v1/teams/" + keyAccount + "/health", viewer).statusCode());
        int plan = Http.get(team + "/api/v1/teams/" + keyAccount + "/plan", viewer).statusCode();
        statuses.put("team plan (none yet is 404)", plan == 404 ? 200 : plan);
        statuses.put("programme health", Http.get(team + "/api/v1/programme/health", viewer).statusCode());
        statuses.put("team list", Http.get(team + "/api/v1/teams?limit=100", viewer).statusCode());
        for (String part : Platform.PARTS_WITH_HTTP) {
            statuses.put(part + " readiness", Http.status(platform.healthUrl(part, "ready")));
        }
        for (String page : List.of("/portfolio", "/accounts/" + keyAccount, "/programme")) {
            statuses.put("console " + page, consolePage(page));
        }
        assertThat(statuses).as("every read after the case").allSatisfy((read, status) -> assertThat(status).as(read).isEqualTo(200));
    }

    /**
     * Job A's upload begins first and stalls until job B over the same references is accepted; then A is accepted. Jobs
     * run in the order they were accepted: every reference ends as A has it.
     */
    private void overlappingJobs() throws Exception {
        int references = 30 + random.nextInt(500);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < references; i++) {
            for (StringBuilder job : List.of(a, b)) {
                ObjectNode customer = (ObjectNode) JSON.readTree(SyncClient.strategic((job == a ? "A " : "B ") + run + " " + i));
                customer.putArray("externalRefs").addObject().put("system", "salesforce").put("id", "hostile-" + run + "-o" + i);
                job.append(customer).append('\n');
            }
        }
        byte[] aBytes = a.toString().getBytes(StandardCharsets.UTF_8);
        int split = 1 + random.nextInt(aBytes.length - 1);
        CountDownLatch bAccepted = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> aAnswer = UPLOADS.sendAsync(request("POST", customerUrl("/api/v1/customer-import-jobs"), crm,
                "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new StalledBody(aBytes, split, bAccepted))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bAnswer = send("POST", customerUrl("/api/v1/customer-import-jobs"), crm, b.toString().getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson");
        assertThat(bAnswer.statusCode()).as(bAnswer.body()).isEqualTo(202);
        bAccepted.countDown();
        HttpResponse<String> aAccepted = aAnswer.get(60, TimeUnit.SECONDS);
        assertThat(aAccepted.statusCode()).as(aAccepted.body()).isEqualTo(202);
        for (HttpResponse<String> job : List.of(aAccepted, bAnswer)) {
            String location = customerUrl(job.headers().firstValue("Location").orElseThrow());
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!"DONE".equals(JSON.readTree(Http.get(location, crm).body()).get("status").asText())) {
                assertThat(System.nanoTime()).as(location + " done within 3 minutes").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        for (int i = 0; i < references; i += Math.max(1, references / 25)) {
            JsonNode customer = JSON.readTree(Http.get(customerUrl("/api/v1/customers/by-external-ref/salesforce/hostile-" + run + "-o" + i), viewer).body());
            assertThat(customer.get("legalName").asText()).as("reference " + i + " as the job accepted last has it").isEqualTo("A " + run + " " + i);
            accepted.add(customer.get("id").asText());
        }
    }

    private List<String> everyAcceptedCustomerIsScoredAndInNoDlq() throws Exception {
        List<String> failures = new ArrayList<>();
        oracle.awaitSettled(Duration.ofMinutes(3));
        String scoring = platform.baseUrl("scoring-service");
        for (String id : accepted) {
            int status = Http.get(scoring + "/api/v1/scores/" + id, viewer).statusCode();
            if (status != 200) {
                failures.add("seed " + seed + ": customer " + id + " was accepted but is not scored (" + status + ")");
            }
        }
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            for (String dlq : Oracle.DLQS) {
                for (Event record : kafka.readAll(dlq)) {
                    if (accepted.contains(record.key())) {
                        failures.add("seed " + seed + ": an accepted customer's event is in " + dlq + ": " + record.headers());
                    }
                }
            }
        }
        return failures;
    }

    private JsonNode upsert(String ref, String body) throws Exception {
        HttpResponse<String> answer = send("PUT", customerUrl("/api/v1/customers/by-external-ref/hostile/" + ref), crm, body);
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return JSON.readTree(answer.body());
    }

    private void awaitTeam(String customerId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (Http.get(platform.baseUrl("team-coordination-service") + "/api/v1/teams/" + customerId, viewer).statusCode() != 200) {
            assertThat(System.nanoTime()).as("a team for " + customerId + " within 90 s").isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    /** A local sign-in to the console as sales ops, from the console's own page (its Origin); the session cookie. */
    private String signInToTheConsole() throws Exception {
        HttpResponse<String> signedIn = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(platform.consoleUrl() + "/sign-in"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded").header("Origin", platform.consoleUrl())
                .POST(HttpRequest.BodyPublishers.ofString("role=sales-ops&subject=hostile-ops&next=" + URLEncoder.encode("/portfolio", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return signedIn.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("kam_console_session="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
    }

    private int consolePage(String path) throws Exception {
        return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(platform.consoleUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Cookie", consoleSession).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String customerUrl(String path) {
        return platform.baseUrl("customer-service") + path;
    }

    private HttpResponse<String> send(String method, String url, String token, String json) throws Exception {
        return send(method, url, token, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private HttpResponse<String> send(String method, String url, String token, byte[] body, String type) throws Exception {
        return UPLOADS.send(request(method, url, token, type).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String url, String token, String type) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type);
    }

    /** A body that stops after {@code stall} bytes until {@code go} is counted down, then sends the rest. */
    private static final class StalledBody extends java.io.InputStream {
        private final byte[] bytes;
        private final int stall;
        private final CountDownLatch go;
        private int position;

        StalledBody(byte[] bytes, int stall, CountDownLatch go) {
            this.bytes = bytes;
            this.stall = stall;
            this.go = go;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == stall) {
                try {
                    if (!go.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the other job was not accepted within 60 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(length, (position < stall ? stall : bytes.length) - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
