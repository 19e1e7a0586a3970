package dev.kam.foundation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.DevTokens;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@FoundationTest
class SecurityAndProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRequestWithoutATokenIsAnsweredWith401ProblemJson() {
        given().get("/api/v1/service-info").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("type", equalTo("https://kam.example/problems/unauthorized"));
    }

    @Test
    void authenticationComesBeforeTheContentTypeTheMethodAndThePath() {
        // Matching a request to its method answers 415 (and 405, and 404) on its own; a caller without a valid token
        // must learn nothing about the API but that it has to authenticate.
        given().contentType("text/plain").body("hello").post("/api/v1/probe/echo").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401)).body("instance", equalTo("/api/v1/probe/echo"));
        given().auth().oauth2("not.a.token").contentType("text/plain").body("hello").post("/api/v1/probe/echo").then()
                .statusCode(401).contentType("application/problem+json");
        given().delete("/api/v1/service-info").then().statusCode(401);
        given().get("/api/v1/no-such-thing").then().statusCode(401);

        String crm = TestTokens.withRoles("crm-integration");
        given().auth().oauth2(crm).contentType("text/plain").body("hello").post("/api/v1/probe/echo").then()
                .statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(crm).get("/api/v1/no-such-thing").then().statusCode(404);
        given().get("/schemas/common/kam-common.v1.json").then().statusCode(200); // public: outside /api/
    }

    @Test
    void aClientAcceptingOnlyProblemJsonIsNotRefused406() {
        // What a generated client sends for an operation whose success has no body: the error answers' media type alone
        String operator = TestTokens.withRoles("operator");
        given().auth().oauth2(operator).accept("application/problem+json").delete("/api/v1/outbox/parked-events/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        // ... while a client that accepts something this service cannot give is still told so
        given().auth().oauth2(operator).accept("text/csv").get("/api/v1/outbox/parked-events").then().statusCode(406);
    }

    @Test
    void aTokenWithoutAnAllowedRoleIsAnsweredWith403() {
        given().auth().oauth2(TestTokens.withRoles("guest")).get("/api/v1/service-info").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        given().auth().oauth2(TestTokens.withRoles("viewer")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/probe/echo").then().statusCode(403);
    }

    @Test
    void aViewerReadsTheServiceInfo() {
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/service-info").then()
                .statusCode(200)
                .body("service", equalTo("foundation-probe"))
                .body("publishes[0].topic", equalTo("kam.team.events"))
                .body("publishes[0].eventTypes.type", hasItem("kam.team.activated.v1"))
                .body("deadLetterTopic", equalTo("kam.foundation-probe.dlq"));
    }

    @Test
    void anEndpointWithoutARoleAnnotationIsRefusedEvenWithAToken() {
        given().get("/api/v1/probe/unannotated").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("viewer", "sales-ops", "crm-integration", "key-account-manager"))
                .get("/api/v1/probe/unannotated").then().statusCode(403);
    }

    @Test
    void refusesExpiredTamperedForeignAndUnsignedTokens(@TempDir Path otherKeys) throws Exception {
        String valid = TestTokens.withRoles("viewer");
        given().auth().oauth2(valid).get("/api/v1/service-info").then().statusCode(200);

        long now = Instant.now().getEpochSecond();
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");

        String expired = TestTokens.signed(header, claims("viewer").put("iat", now - 7200).put("exp", now - 3600));
        String wrongIssuer = TestTokens.signed(header, claims("viewer").put("iss", "https://evil.example"));
        String wrongAudience = TestTokens.signed(header, claims("viewer").put("aud", "someone-else"));
        String[] parts = valid.split("\\.");
        String tamperedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims("sales-ops").toString().getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + tamperedClaims + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String unknownKey = DevTokens.sign(DevKeys.ensure(otherKeys).privateKey(), "intruder", List.of("viewer"), Duration.ofMinutes(5));

        for (String token : List.of(expired, wrongIssuer, wrongAudience, tampered, unsigned, unknownKey, "not-a-jwt")) {
            given().auth().oauth2(token).get("/api/v1/service-info").then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory principalFactory;

    @Test
    void tokensAreVerifiedByTheFactoryThatRemembersVerifiedTokens() {
        assertThat(io.quarkus.arc.ClientProxy.unwrap(principalFactory))
                .isInstanceOf(dev.kam.foundation.security.CachingJwtCallerPrincipalFactory.class);
    }

    @Test
    void aTokenAcceptedBeforeIsRefusedOnceItHasExpired() throws Exception {
        long now = Instant.now().getEpochSecond();
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        String shortLived = TestTokens.signed(header, claims("viewer").put("iat", now).put("exp", now + 2));
        given().auth().oauth2(shortLived).get("/api/v1/service-info").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/api/v1/service-info").then().statusCode(200); // remembered as verified
        Thread.sleep(3_500);
        given().auth().oauth2(shortLived).get("/api/v1/service-info").then().statusCode(401);
    }

    @Test
    void healthMetricsAndOpenApiArePublic() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(equalTo("kafka"))); // KafkaAccessHealthCheck: answers from its last check, never waits
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/service-info"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void malformedJsonIsA400ProblemNotA5xx() {
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/probe/echo").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"amount\":\"lots\"}")
                .post("/api/v1/probe/echo").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("amount"));
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"amount\":1,\"kind\":\"HUGE\"}")
                .post("/api/v1/probe/echo").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("kind"))
                .body("detail", containsString("HUGE"));
    }

    @Test
    void validationFailuresListEveryFieldAtFault() {
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"amount\":-5,\"locations\":[{\"country\":\"DE\"},{\"country\":\"Germany\"}]}")
                .post("/api/v1/probe/echo").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kam.example/problems/validation"))
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("amount", "locations[1].country", "name"));
    }

    @Test
    void anUnexpectedFailureIsA500ProblemThatLeaksNothing() {
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/probe/failure").then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("detail", containsString("error id"))
                .body("detail", not(containsString("secret")));
    }

    @Test
    void aTransientFailureIsA503WithRetryAfterSoClientsRetry() {
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/probe/database-away").then()
                .statusCode(503)
                .header("Retry-After", equalTo("1"))
                .contentType("application/problem+json");
    }

    @Test
    void aJsonBodyAboveTheLimitIsA413ProblemBeforeItIsRead() {
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\",\"amount\":1}")
                .post("/api/v1/probe/echo").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 1048576"));
    }

    @Test
    void aJsonBodySentInChunksIsStoppedAtTheLimitWhileItIsRead() throws Exception {
        byte[] body = ("{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\",\"amount\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/probe/echo"))
                .header("Authorization", "Bearer " + TestTokens.withRoles("crm-integration")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("at most 1048576");
    }

    @Test
    void aQueryValueOfTheWrongKindIsA400NamingTheParameterNotA404() {
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("limit", "abc").get("/api/v1/audit").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("limit")).body("detail", containsString("whole number"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("since", "+999999999-12-31T23:59:59Z").get("/api/v1/audit").then()
                .statusCode(400).body("violations[0].field", equalTo("since"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/audit").then()
                .statusCode(400).body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/nothing-here").then()
                .statusCode(404);
    }

    private static ObjectNode claims(String role) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", DevTokens.ISSUER).put("aud", DevTokens.AUDIENCE).put("sub", "someone").put("upn", "someone")
                .put("iat", now).put("exp", now + 600);
        claims.putArray("groups").add(role);
        return claims;
    }
}
