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
                    "kam.http.max-concurrent-requests", "2");
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
            assertThat(answers.stream().filter(answer -> answer.statusCode() == 200)).hasSize(2);
            assertThat(busy).hasSize(4);
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
