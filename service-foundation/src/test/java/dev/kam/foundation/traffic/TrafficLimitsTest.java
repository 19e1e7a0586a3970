package dev.kam.foundation.traffic;

import dev.kam.foundation.FoundationTest;
import dev.kam.testsupport.PrometheusMetrics;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-client rate limit and the bound on requests in progress, on the probe application. */
@QuarkusTest
@FoundationTest
@TestProfile(TrafficLimitsTest.TightLimits.class)
class TrafficLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kam.rate-limit.enabled", "true", "kam.rate-limit.requests-per-second", "1", "kam.rate-limit.burst", "3",
                    "kam.http.max-concurrent-requests", "3", "kam.http.max-concurrent-requests-per-client", "2",
                    "kam.http.slow-body-grace", "1s", "kam.http.min-body-bytes-per-second", "1000");
        }
    }

    @Test
    void aClientOverItsRateIsAnswered429WithRetryAfterWhileOthersAreServed() {
        String greedy = TestTokens.forSubject("greedy-sync-job", "viewer");
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 5; i++) {
            Response response = given().auth().oauth2(greedy).get("/api/v1/service-info");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses.subList(3, 5)).containsOnly(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(refused.jsonPath().getString("type")).endsWith("/too-many-requests");

        given().auth().oauth2(TestTokens.forSubject("modest-sync-job", "viewer")).get("/api/v1/service-info")
                .then().statusCode(200);
    }

    /**
     * Issue 31: one client held every slot with bodies that never came (the headers of an upload, then a newline every
     * 25 s), and every other client got 503. Now a client holds at most its share (429 beyond it), and a body that comes
     * slower than the minimum rate once the grace has passed is answered 408 and its connection closed, freeing its slot.
     */
    @Test
    void oneClientHoldsAtMostItsShareAndABodyThatStallsIsTimedOutFreeingItsSlot() throws Exception {
        String greedy = TestTokens.forSubject("stalling-uploader", "crm-integration");
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                stalled.add(stalledUpload(greedy));
            }
            Thread.sleep(300);
            java.net.Socket third = stalledUpload(greedy);
            stalled.add(third);
            assertThat(statusLine(third)).as("beyond its share, at once").contains(" 429 ");
            // another client still finds a slot (the bound is 3 in all)
            given().auth().oauth2(TestTokens.forSubject("patient-client", "viewer")).get("/api/v1/probe/slow?millis=1").then().statusCode(200);

            for (java.net.Socket socket : stalled.subList(0, 2)) {
                long waited = System.nanoTime();
                String answer = statusLine(socket);
                assertThat(answer).as("a stalled body is answered").contains(" 408 ");
                assertThat((System.nanoTime() - waited) / 1_000_000).as("within the grace and a check or two").isLessThan(5_000);
                assertThat(socket.getInputStream().readAllBytes()).as("and its connection closed after the problem").isNotNull();
            }
            // the slots are back: the same client is served again
            given().auth().oauth2(greedy).contentType("application/x-ndjson").body("{}\n{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/v1/probe/upload").then().statusCode(200);
            given().auth().oauth2(TestTokens.forSubject("another-client", "viewer")).get("/api/v1/probe/slow?millis=1").then().statusCode(200);
        } finally {
            for (java.net.Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** The headers of an upload announcing 100,000 bytes, and one newline of it. */
    private static java.net.Socket stalledUpload(String token) throws Exception {
        java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port);
        socket.setSoTimeout(15_000);
        socket.getOutputStream().write(("POST /api/v1/probe/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String statusLine(java.net.Socket socket) throws Exception {
        StringBuilder line = new StringBuilder();
        java.io.InputStream in = socket.getInputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    @Test
    void requestsBeyondTheBoundInProgressAre503AtOnceAndHealthStillAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String token = TestTokens.forSubject("client-" + i, "viewer");
                calls.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                        .get("/api/v1/probe/slow?millis=1500"), clients));
            }
            Thread.sleep(500);
            given().get("/q/health/live").then().statusCode(200);
            // refused before any resource matched it: its metrics carry no customer id of its path
            String customerId = java.util.UUID.randomUUID().toString();
            given().auth().oauth2(TestTokens.forSubject("client-x", "crm-integration"))
                    .post("/api/v1/probe/activations/" + customerId + "/" + customerId).then().statusCode(503);
            String metrics = PrometheusMetrics.scrape();
            assertThat(metrics).doesNotContain(customerId);
            assertThat(PrometheusMetrics.value("http_server_requests_seconds_count", "uri=\"/api/{unmatched}\"", "status=\"503\""))
                    .isGreaterThanOrEqualTo(1);

            List<Response> answers = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                answers.add(call.get());
            }
            List<Response> busy = answers.stream().filter(answer -> answer.statusCode() == 503).toList();
            assertThat(answers.stream().filter(answer -> answer.statusCode() == 200)).hasSize(3);
            assertThat(busy).hasSize(3);
            assertThat(busy).allSatisfy(answer -> {
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.time()).isLessThan(1000);
            });
        } finally {
            clients.shutdownNow();
        }
        // the permits came back: a request alone is served again, and its metrics name its resource's template
        given().auth().oauth2(TestTokens.forSubject("afterwards", "viewer")).get("/api/v1/probe/slow?millis=1")
                .then().statusCode(200);
        assertThat(PrometheusMetrics.value("http_server_requests_seconds_count", "uri=\"/api/v1/probe/slow\"", "status=\"200\""))
                .isGreaterThanOrEqualTo(1);
    }
}
