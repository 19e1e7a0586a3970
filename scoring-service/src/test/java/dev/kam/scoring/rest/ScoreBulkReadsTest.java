package dev.kam.scoring.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.kam.scoring.rest.CustomerEventsFixture.profileChanged;
import static dev.kam.scoring.rest.CustomerEventsFixture.registered;
import static dev.kam.scoring.rest.CustomerEventsFixture.smallCustomer;
import static dev.kam.scoring.rest.CustomerEventsFixture.strategicCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What a CRM needs to write results back: many scores in one call, and a feed of what changed since it last asked. */
@QuarkusTest
@ScoringTest
class ScoreBulkReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    private final String crm = TestTokens.withRoles("crm-integration");
    private KafkaTestClient kafka;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void looksUpScoresByKamIdAndByCrmReferenceAndNamesWhatItDidNotFind() {
        String national = UUID.randomUUID().toString();
        String small = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        registered(kafka, strategicCustomer(national));
        registered(kafka, smallCustomer(small));
        awaitScored(national, small);

        JsonPath answer = given().auth().oauth2(crm).contentType(ContentType.JSON).body(Map.of(
                        "customerIds", List.of(national, small, unknown),
                        "externalRefs", List.of(Map.of("system", "salesforce", "id", "sf-" + national),
                                Map.of("system", "salesforce", "id", "sf-" + small), Map.of("system", "salesforce", "id", "nobody"))))
                .post("/api/v1/score-lookups").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getList("items.customerId")).containsExactlyInAnyOrder(national, small); // each once, asked twice
        assertThat(answer.getString("items.find { it.customerId == '" + national + "' }.designation")).isEqualTo("NATIONAL_ACCOUNT");
        assertThat(answer.getString("items.find { it.customerId == '" + national + "' }.tier")).isEqualTo("KEY_ACCOUNT");
        assertThat(answer.getString("items.find { it.customerId == '" + small + "' }.designation")).isEqualTo("NONE");
        assertThat(answer.getList("items.find { it.customerId == '" + national + "' }.externalRefs.id")).containsExactly("sf-" + national);
        assertThat(answer.getList("unknownCustomerIds")).containsExactly(unknown);
        assertThat(answer.getList("unknownExternalRefs.id")).containsExactly("nobody");

        // by reference alone
        given().auth().oauth2(crm).contentType(ContentType.JSON)
                .body(Map.of("externalRefs", List.of(Map.of("system", "salesforce", "id", "sf-" + small))))
                .post("/api/v1/score-lookups").then().statusCode(200).body("items.customerId", equalTo(List.of(small)));
    }

    @Test
    void refusesALookupBeyondItsLimitOrWithAMalformedReferenceNamingTheField() {
        List<String> tooMany = IntStream.range(0, 501).mapToObj(i -> UUID.randomUUID().toString()).toList();
        given().auth().oauth2(crm).contentType(ContentType.JSON).body(Map.of("customerIds", tooMany))
                .post("/api/v1/score-lookups").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("customerIds"));
        List<String> ids = tooMany.subList(0, 300);
        List<Map<String, String>> refs = IntStream.range(0, 201).mapToObj(i -> Map.of("system", "salesforce", "id", "r-" + i)).toList();
        given().auth().oauth2(crm).contentType(ContentType.JSON).body(Map.of("customerIds", ids, "externalRefs", refs))
                .post("/api/v1/score-lookups").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("501"));
        given().auth().oauth2(crm).contentType(ContentType.JSON)
                .body(Map.of("externalRefs", List.of(Map.of("system", "Sales Force", "id", "a/b"))))
                .post("/api/v1/score-lookups").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("externalRefs[0].system", "externalRefs[0].id"));
        given().auth().oauth2(TestTokens.withRoles("guest")).contentType(ContentType.JSON).body(Map.of("customerIds", List.of()))
                .post("/api/v1/score-lookups").then().statusCode(403);
    }

    @Test
    void theChangeFeedHandsOutEveryChangeOnceInOrderFromUpdatedSinceOn() {
        String cursor = drain(given().auth().oauth2(crm).queryParam("updatedSince", Instant.now().toString()).queryParam("limit", 50)
                .get("/api/v1/score-changes").then().statusCode(200).extract().jsonPath(), new ArrayList<>());

        String customer = UUID.randomUUID().toString();
        registered(kafka, strategicCustomer(customer));
        awaitScored(customer);
        List<Map<String, Object>> seen = new ArrayList<>();
        cursor = drain(feed(cursor), seen);
        assertThat(seen).extracting(item -> item.get("customerId")).containsOnlyOnce(customer);
        assertThat(seen).filteredOn(item -> customer.equals(item.get("customerId"))).extracting(item -> item.get("designation"))
                .containsExactly("NATIONAL_ACCOUNT");

        // nothing changed: the feed is empty from the cursor on, and the cursor stays usable
        JsonPath quiet = feed(cursor);
        assertThat(quiet.getList("items")).isEmpty();
        assertThat(quiet.getString("nextCursor")).isNotBlank();

        ObjectNode shrunk = smallCustomer(customer);
        profileChanged(kafka, shrunk, 2, "annualPurchasePotential", "locations", "buyingCenter");
        await().atMost(WAIT).until(() -> "NONE".equals(designationOf(customer)));
        seen.clear();
        drain(feed(quiet.getString("nextCursor")), seen);
        assertThat(seen).extracting(item -> item.get("customerId")).containsOnlyOnce(customer);
        assertThat(seen).filteredOn(item -> customer.equals(item.get("customerId"))).extracting(item -> item.get("designation"))
                .containsExactly("NONE");

        given().auth().oauth2(crm).queryParam("cursor", "not-a-cursor").get("/api/v1/score-changes").then().statusCode(400)
                .body("violations.field", hasItem("cursor"));
        given().auth().oauth2(crm).queryParam("updatedSince", "yesterday").get("/api/v1/score-changes").then().statusCode(400);
    }

    @Test
    void aChangeCommittedLaterIsNeverLeftBehindACursorAlreadyHandedOut() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        registered(kafka, smallCustomer(first));
        registered(kafka, smallCustomer(second));
        awaitScored(first, second);
        String cursor = drain(given().auth().oauth2(crm).queryParam("updatedSince", Instant.now().toString()).queryParam("limit", 50)
                .get("/api/v1/score-changes").then().statusCode(200).extract().jsonPath(), new ArrayList<>());

        try (Connection slow = dataSource.getConnection(); Connection quick = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            touch(slow, first); // begins first, commits last
            quick.setAutoCommit(true);
            touch(quick, second);

            // the quick change is committed, but a change that began before it may still commit: neither is handed out yet
            JsonPath whileOpen = feed(cursor);
            assertThat(whileOpen.getList("items.customerId")).doesNotContain(first, second);

            slow.commit();
            List<Map<String, Object>> seen = new ArrayList<>();
            drain(feed(whileOpen.getString("nextCursor")), seen);
            assertThat(seen).extracting(item -> item.get("customerId")).containsSubsequence(first, second);
        }
    }

    /** Marks a score changed in the connection's transaction, as the scoring of a customer event does. */
    private static void touch(Connection connection, String customerId) throws Exception {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE customer_score SET scored_at = now(), changed_in = pg_current_xact_id() WHERE customer_id = ?")) {
            update.setObject(1, UUID.fromString(customerId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private JsonPath feed(String cursor) {
        return given().auth().oauth2(crm).queryParam("limit", 50).queryParam("cursor", cursor)
                .get("/api/v1/score-changes").then().statusCode(200).extract().jsonPath();
    }

    /** Follows the feed to its end, collecting the items; answers the cursor to poll from next. */
    private String drain(JsonPath page, List<Map<String, Object>> seen) {
        while (true) {
            List<Map<String, Object>> items = page.getList("items");
            seen.addAll(items);
            String next = page.getString("nextCursor");
            assertThat(next).isNotBlank();
            if (items.size() < 50) {
                return next;
            }
            page = feed(next);
        }
    }

    private void awaitScored(String... customerIds) {
        for (String customerId : customerIds) {
            await().atMost(WAIT).until(() -> designationOf(customerId) != null);
        }
    }

    private String designationOf(String customerId) {
        var answer = given().auth().oauth2(crm).get("/api/v1/scores/" + customerId);
        return answer.statusCode() == 200 ? answer.jsonPath().getString("designation") : null;
    }
}
