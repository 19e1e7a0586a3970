package dev.kam.team.rest;

import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kam.team.rest.TeamFixture.WAIT;
import static dev.kam.team.rest.TeamFixture.salesOps;
import static dev.kam.team.rest.TeamFixture.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * The staff directory and the team rules under what a caller with a valid token may send (issue 14): ids, regions and
 * managers are checked, records are bounded, and a change of a person's function or capacity is followed on the
 * teams they are on.
 */
@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class StaffDirectoryRulesTest {

    /** The territory this test's people work in (application.properties, %test): they never compete for other tests' teams. */
    private static final String TERRITORY = "RULES-TERRITORY";

    private KafkaTestClient kafka;
    private TeamFixture team;
    private String prefix;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS);
        prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
        team = new TeamFixture(kafka, prefix);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void idsWithControlCharactersOrPathSeparatorsAreRefused() {
        for (String path : List.of(prefix + "a%0D%0Ab", prefix + "a%07", "%20" + prefix)) {
            crm().urlEncodingEnabled(false).body(staff("FIELD_SALES", List.of(TERRITORY), 3, null)).put("/api/v1/staff/" + path)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        for (String path : List.of("..%2F..%2Fetc", "..", "a%2Fb")) {
            int status = crm().urlEncodingEnabled(false).body(staff("FIELD_SALES", List.of(TERRITORY), 3, null))
                    .put("/api/v1/staff/" + path).then().extract().statusCode();
            assertThat(status).as(path).isIn(400, 404);
        }
        crm().body(staff("FIELD_SALES", List.of(TERRITORY), 3, "boss\r\nX-Injected: yes")).put("/api/v1/staff/" + prefix + "rep")
                .then().statusCode(400).body("violations.field", hasItem("managerId"));
        viewer().queryParam("limit", 500).get("/api/v1/staff").then().statusCode(200).body("items.employeeId", not(hasItem(containsString("\n"))));
    }

    @Test
    void aStaffRecordIsBoundedAndWorksOnlyInSalesTerritories() {
        crm().body(staff("FIELD_SALES", List.of("MARS"), 3, null)).put("/api/v1/staff/" + prefix + "astronaut").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("regions"))
                .body("violations[0].message", containsString("DE-NORTH"));
        // a capacity is a whole number of teams: 1.5 is refused by name, not cut to 1 (issue 31)
        String fractional = "{\"name\": \"Half\", \"function\": \"FIELD_SALES\", \"regions\": [\"" + TERRITORY + "\"], \"capacity\": 1.5}";
        crm().body(fractional).put("/api/v1/staff/" + prefix + "half").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("capacity"));
        viewer().queryParam("limit", 500).get("/api/v1/staff").then().body("items.employeeId", not(hasItem(prefix + "half")));
        Map<String, Object> huge = staff("FIELD_SALES", List.of(TERRITORY), 3, null);
        huge.put("industries", List.of("x".repeat(101)));
        crm().body(huge).put("/api/v1/staff/" + prefix + "wordy").then().statusCode(400)
                .body("violations[0].field", containsString("industries"));
        huge.put("industries", List.of("automotive"));
        huge.put("regions", List.of("E".repeat(51)));
        crm().body(huge).put("/api/v1/staff/" + prefix + "wordy").then().statusCode(400).body("violations[0].field", containsString("regions"));
        viewer().queryParam("function", "ASTRONAUT").get("/api/v1/staff").then().statusCode(400)
                .body("violations[0].field", equalTo("function"));
        viewer().queryParam("status", "FOO").get("/api/v1/teams").then().statusCode(400).body("violations[0].field", equalTo("status"));
    }

    @Test
    void aManagerMustExistAndNotWorkBelowThePerson() {
        crm().body(staff("SALES_MANAGER", List.of(TERRITORY), 3, prefix + "self")).put("/api/v1/staff/" + prefix + "self").then()
                .statusCode(400).body("violations[0].field", equalTo("managerId"));
        crm().body(staff("FIELD_SALES", List.of(TERRITORY), 3, prefix + "nobody")).put("/api/v1/staff/" + prefix + "orphan").then()
                .statusCode(409).contentType("application/problem+json").body("violations[0].field", equalTo("managerId"));
        viewer().queryParam("limit", 500).get("/api/v1/staff").then().body("items.employeeId", not(hasItem(prefix + "orphan")));

        team.putStaff("top", "SALES_MANAGER", List.of(TERRITORY), 5, null);
        team.putStaff("middle", "KEY_ACCOUNT_MANAGER", List.of(TERRITORY), 5, prefix + "top");
        team.putStaff("bottom", "FIELD_SALES", List.of(TERRITORY), 5, prefix + "middle");
        crm().body(staff("SALES_MANAGER", List.of(TERRITORY), 5, prefix + "bottom")).put("/api/v1/staff/" + prefix + "top").then()
                .statusCode(409).body("detail", containsString("works below"));
    }

    @Test
    void anImportWithoutATokenIs401WhateverItsContentType() {
        given().contentType("text/csv").body("a,b").post("/api/v1/staff-imports").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("text/csv").body("a,b")
                .post("/api/v1/staff-imports").then().statusCode(415);
    }

    @Test
    void anImportTakesManagersLaterInTheFileAndRefusesUnknownOnesAndOverlongLinesAlone() {
        String ndjson = line("rep", "FIELD_SALES", prefix + "lead") + "\n"
                + line("lead", "KEY_ACCOUNT_MANAGER", prefix + "boss") + "\n"
                + "{\"employeeId\": \"" + prefix + "long\", \"name\": \"" + "z".repeat(2 * 1024 * 1024) + "\"}\n"
                + line("lost", "FIELD_SALES", prefix + "nobody") + "\n"
                + line("boss", "SALES_MANAGER", null) + "\n"
                + line("x\\r\\ny", "FIELD_SALES", null) + "\n";
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/staff-imports").then().statusCode(200)
                .body("accepted", equalTo(3)).body("rejected", equalTo(3))
                .body("errors.line", equalTo(List.of(3, 4, 6)))
                .body("errors[0].violations[0].message", containsString("1048576"))
                .body("errors[1].violations[0].field", equalTo("managerId"))
                .body("errors[2].violations[0].field", equalTo("employeeId"));
        viewer().queryParam("limit", 500).get("/api/v1/staff").then().body("items.employeeId", hasItems(prefix + "rep", prefix + "lead", prefix + "boss"));
    }

    @Test
    void aKeyAccountManagerMovedToAnotherFunctionIsReleasedAndTheGapIsRaised() {
        String customer = staffedTeam();
        team.putStaff("lead", "TECHNICAL", List.of(TERRITORY), 0, null);
        viewer().get("/api/v1/teams/" + customer).then().statusCode(200)
                .body("status", equalTo("FORMING"))
                .body("coverageGaps.value", hasItem("KEY_ACCOUNT_MANAGER"))
                .body("members.employeeId", not(hasItem(prefix + "lead")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.readSinceMark(Topics.TEAM_EVENTS).stream()
                .filter(r -> customer.equals(r.key())).map(r -> r.headers().get("ce_type") + " " + r.value()).toList())
                .anySatisfy(event -> assertThat(event).startsWith("kam.team.member-released.v1").contains("TECHNICAL"))
                .anySatisfy(event -> assertThat(event).startsWith("kam.team.coverage-gap-detected.v1").contains("KEY_ACCOUNT_MANAGER")));
        team.teamEventTypes(customer, 1); // every event of the customer matches its schema
    }

    @Test
    void aLoweredCapacityReleasesThePersonFromTheTeamsTheyJoinedLast() {
        team.putStaff("exec", "EXECUTIVE", List.of(TERRITORY), 10, null);
        String first = designatedTeam();
        String second = designatedTeam();
        team.assign(first, "exec", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(201);
        team.assign(second, "exec", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(201);
        team.putStaff("exec", "EXECUTIVE", List.of(TERRITORY), 1, null);
        viewer().get("/api/v1/teams/" + first).then().body("members.employeeId", hasItem(prefix + "exec"));
        viewer().get("/api/v1/teams/" + second).then().body("members.employeeId", not(hasItem(prefix + "exec")))
                .body("coverageGaps.value", hasItem("EXECUTIVE_SPONSOR"));
    }

    @Test
    void onlySalesOpsApplyAProposalAndPlanDatesHaveFourDigitYears() {
        String customer = designatedTeam();
        team.putStaff("lead", "KEY_ACCOUNT_MANAGER", List.of(TERRITORY), 5, null);
        team.assign(customer, "lead", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(201);
        String lead = TestTokens.forSubject(prefix + "lead", "key-account-manager");
        given().auth().oauth2(lead).post("/api/v1/teams/" + customer + "/staffing-proposal").then().statusCode(200)
                .body("applied", equalTo(false));
        given().auth().oauth2(lead).post("/api/v1/teams/" + customer + "/staffing-proposal?apply=true").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("sales ops"));
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("mission", "grow", "goals", List.of(Map.of("title", "t", "dueDate", "0000-01-01"))))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(400)
                .body("violations[0].field", equalTo("goals[0].dueDate")).body("detail", containsString("0001-9999"));
    }

    /** A key account with an open team and nobody on it yet. */
    private String designatedTeam() {
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString(), TERRITORY);
        await().atMost(WAIT).untilAsserted(() -> viewer().get("/api/v1/teams/" + customer).then().statusCode(200));
        return customer;
    }

    /** A team led by {@code <prefix>lead}, with a sponsor and a service owner. */
    private String staffedTeam() {
        team.putStaff("lead", "KEY_ACCOUNT_MANAGER", List.of(TERRITORY), 5, null);
        team.putStaff("exec", "EXECUTIVE", List.of(TERRITORY), 10, null);
        team.putStaff("svc", "SERVICE", List.of(TERRITORY), 10, null);
        String customer = designatedTeam();
        team.assign(customer, "lead", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(201);
        team.assign(customer, "exec", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(201);
        team.assign(customer, "svc", "SERVICE_OWNER", List.of()).then().statusCode(201);
        salesOps().get("/api/v1/teams/" + customer).then().body("members.employeeId", hasItem(prefix + "lead"));
        return customer;
    }

    private String line(String id, String function, String manager) {
        return "{\"employeeId\": \"" + prefix + id + "\", \"name\": \"" + id + "\", \"function\": \"" + function
                + "\", \"regions\": [\"" + TERRITORY + "\"], \"capacity\": 3" + (manager == null ? "" : ", \"managerId\": \"" + manager + "\"") + "}";
    }

    /**
     * Issue 31: the staff list had no limit and the team list no cursor. Both are pages of {items, nextCursor} now:
     * following nextCursor with a small limit gives everyone exactly once, as one large page does; a cursor that is not
     * the list's is a 400 naming it.
     */
    @Test
    void theStaffAndTeamListsArePagedAndAPagedWalkSeesEveryoneOnce() {
        for (int i = 0; i < 5; i++) {
            crm().body(staff("SALES_MANAGER", List.of(TERRITORY), 3, null)).put("/api/v1/staff/" + prefix + "paged-" + i).then().statusCode(200);
        }
        for (int i = 0; i < 3; i++) {
            String customer = UUID.randomUUID().toString();
            team.customerEvent(customer, 1, List.of());
            team.designated(customer, UUID.randomUUID().toString(), TERRITORY);
            await().atMost(WAIT).untilAsserted(() -> viewer().get("/api/v1/teams/" + customer).then().statusCode(200));
        }
        for (String[] list : new String[][]{{"/api/v1/staff", "employeeId"}, {"/api/v1/teams", "teamId"}}) {
            List<String> whole = viewer().queryParam("limit", 500).get(list[0]).then().statusCode(200)
                    .body("nextCursor", org.hamcrest.Matchers.nullValue()).extract().jsonPath().getList("items." + list[1]);
            assertThat(whole).as(list[0]).hasSizeGreaterThanOrEqualTo(2);
            List<String> walked = new java.util.ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification page = viewer().queryParam("limit", 2);
                if (cursor != null) {
                    page.queryParam("cursor", cursor);
                }
                io.restassured.path.json.JsonPath answer = page.get(list[0]).then().statusCode(200).extract().jsonPath();
                List<String> items = answer.getList("items." + list[1]);
                assertThat(items).hasSizeLessThanOrEqualTo(2);
                walked.addAll(items);
                cursor = answer.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 1000);
            assertThat(walked).as("walked " + list[0] + " two at a time").containsExactlyElementsOf(whole);
            viewer().queryParam("cursor", "bm9wZQ").get(list[0]).then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("cursor"));
        }
    }

    private static Map<String, Object> staff(String function, List<String> regions, int capacity, String manager) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Someone");
        body.put("function", function);
        body.put("regions", regions);
        body.put("industries", List.of("automotive"));
        body.put("capacity", capacity);
        if (manager != null) {
            body.put("managerId", manager);
        }
        return body;
    }

    private static RequestSpecification crm() {
        return given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType(ContentType.JSON);
    }
}
