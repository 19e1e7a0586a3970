package dev.kam.console.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * What an attacker tried on the console (issue 31): a Host of their choosing in a redirect, changes forged from other sites
 * (sibling sites on the same host included), a session cookie kept after sign-out, and paths the console did not expect.
 * The services are stood in for by one that refuses every token (see {@link ConsoleTestResource}).
 */
@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
class ConsoleHostileRequestsTest {

    @Test
    void aSignInSendsToAPathOfTheConsoleWhateverHostTheCallerNames() {
        given().redirects().follow(false).header("Host", "evil.example:666").contentType("application/x-www-form-urlencoded")
                .formParam("role", "sales-ops").formParam("subject", "ops-1").formParam("next", "/model")
                .post("/sign-in").then().statusCode(303).header("Location", equalTo("/model"));
        given().redirects().follow(false).header("Host", "evil.example:666").get("/").then().statusCode(303)
                .header("Location", equalTo("/portfolio"));
    }

    @Test
    void aChangeSentFromAnotherSiteIsRefusedBeforeAnythingIsCalled() {
        String session = signIn("sales-ops", "ops-2");
        String override = "/accounts/" + UUID.randomUUID() + "/override";
        String own = "http://localhost:" + RestAssured.port;
        for (String[] headers : new String[][]{{"http://evil.example", "cross-site"}, {"http://localhost:1", "same-site"},
                {null, "same-site"}, {"null", null}, {"http://evil.example", null}}) {
            RequestSpecification forged = asSignedIn(session);
            if (headers[0] != null) {
                forged.header("Origin", headers[0]);
            }
            if (headers[1] != null) {
                forged.header("Sec-Fetch-Site", headers[1]);
            }
            forged.formParam("action", "set").formParam("tier", "KEY_ACCOUNT").formParam("reason", "forged").post(override).then()
                    .statusCode(403).contentType(startsWith("text/html")).body(containsString("another site"));
        }
        // the same form from the console's own page goes on to the service, which here refuses the session's token: sign in again
        asSignedIn(session).header("Origin", own).header("Sec-Fetch-Site", "same-origin")
                .formParam("action", "set").formParam("tier", "KEY_ACCOUNT").formParam("reason", "ours")
                .formParam("expiresOn", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString()).post(override).then()
                .statusCode(303).header("Location", equalTo("/sign-in?next=%2Fportfolio"));
        // signing in is a change too: another site cannot sign a browser in to a session of its choosing
        given().redirects().follow(false).header("Origin", "http://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("role", "sales-ops").formParam("subject", "victim").post("/sign-in").then().statusCode(403);
    }

    @Test
    void afterSignOutTheSessionsCookieSignsNobodyInAnyMore() throws Exception {
        String session = signIn("key-account-manager", "KAM-07");
        assertThat(liveFeedStatus(session)).as("a live feed opens for the signed-in user").isEqualTo(200);
        asSignedIn(session).post("/sign-out").then().statusCode(303).header("Location", equalTo("/sign-in"));
        assertThat(liveFeedStatus(session)).as("the same cookie after sign-out: sent to sign in").isEqualTo(303);
        given().redirects().follow(false).cookie(Sessions.COOKIE, session).get("/portfolio").then().statusCode(303)
                .header("Location", startsWith("/sign-in"));
    }

    @Test
    void aPageNumberThatIsNoNumberAndAnAccountIdThatIsNoIdAreAnsweredWithAPage() throws Exception {
        String session = signIn("viewer", "viewer-1");
        for (String page : new String[]{"abc", "0", "-1", "99999999999"}) {
            given().redirects().follow(false).cookie(Sessions.COOKIE, session).queryParam("page", page).get("/portfolio").then()
                    .statusCode(400).contentType(startsWith("text/html")).body(containsString("page must be a whole number"));
        }
        given().redirects().follow(false).cookie(Sessions.COOKIE, session).get("/accounts/not-a-uuid").then().statusCode(404)
                .contentType(startsWith("text/html")).body(containsString("no account has the id"));
        assertThat(status(session, "/live/accounts/not-a-uuid")).as("no stream for what is no customer").isEqualTo(404);
        assertThat(status(session, "/live/accounts/" + UUID.randomUUID())).isEqualTo(200);
    }

    private static String signIn(String role, String subject) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("role", role)
                .formParam("subject", subject).post("/sign-in").then().statusCode(303).extract().cookie(Sessions.COOKIE);
    }

    private static RequestSpecification asSignedIn(String session) {
        return given().redirects().follow(false).cookie(Sessions.COOKIE, session).contentType("application/x-www-form-urlencoded");
    }

    private static int liveFeedStatus(String session) throws Exception {
        return status(session, "/live");
    }

    /** The status of a GET, reading no body: a live feed's stream does not end. */
    private static int status(String session, String path) throws Exception {
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + path)).timeout(Duration.ofSeconds(10))
                .header("Cookie", Sessions.COOKIE + "=" + session).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        answer.body().close();
        return answer.statusCode();
    }
}
