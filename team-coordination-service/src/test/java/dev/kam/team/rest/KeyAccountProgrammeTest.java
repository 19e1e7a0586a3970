package dev.kam.team.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.Topics;
import dev.kam.team.service.TeamService;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * What a sales-management expert expects of the programme (issue 15), against the real broker and database: reps of
 * a matrix sales force, territories and identification from scoring, the wind-down and the way back, supplier status
 * as the outcome, specialists from the customer's functional areas, coordination across the customer's units.
 */
@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class KeyAccountProgrammeTest {

    private static final Duration WAIT = TeamFixture.WAIT;

    @Inject
    EntityManager entityManager;
    @Inject
    TeamService teams;

    private KafkaTestClient kafka;
    private TeamFixture team;
    private String prefix;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS);
        prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
        team = new TeamFixture(kafka, prefix);
        // a matrix sales force: the key account manager and the regional reps report to different sales managers
        team.putStaff("head-sales", "EXECUTIVE", List.of("DE-NORTH"), 10, null);
        team.putStaff("rsm-north", "SALES_MANAGER", List.of("DE-NORTH"), 10, prefix + "head-sales");
        team.putStaff("rsm-south", "SALES_MANAGER", List.of("DE-SOUTH"), 10, prefix + "head-sales");
        team.putStaff("kam", "KEY_ACCOUNT_MANAGER", List.of("DE-NORTH", "DE-SOUTH"), 5, prefix + "head-sales");
        team.putStaff("rep-north", "FIELD_SALES", List.of("DE-NORTH"), 5, prefix + "rsm-north");
        team.putStaff("rep-south", "FIELD_SALES", List.of("DE-SOUTH"), 5, prefix + "rsm-south");
        team.putStaff("svc", "SERVICE", List.of("DE-NORTH"), 10, null);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** A key account in two German territories, staffed by hand: KAM, sponsor, service owner, a rep per territory. */
    private String staffedNationalAccount(ObjectNode customer) {
        String id = customer.get("id").asText();
        team.sendCustomer(customer, 1);
        team.designated(id, UUID.randomUUID().toString(), "DE-NORTH", "DE-SOUTH");
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + id).then().statusCode(200)
                .body("territories", equalTo(List.of("DE-NORTH", "DE-SOUTH"))));
        team.assign(id, "kam", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(201);
        team.assign(id, "head-sales", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(201);
        team.assign(id, "svc", "SERVICE_OWNER", List.of()).then().statusCode(201);
        return id;
    }

    @Test
    void repsReportingToRegionalSalesManagersStaffTheTeamAndTheirManagersAgreeToTheCoordination() {
        String customer = staffedNationalAccount(TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of()));
        String north = team.assign(customer, "rep-north", "FIELD_REP", List.of("region:DE-NORTH")).then().statusCode(201)
                .body("coordination.lineManagerId", equalTo(prefix + "rsm-north"))
                .body("coordination.stance", equalTo("INFORMED")).extract().path("memberId");
        String south = team.assign(customer, "rep-south", "FIELD_REP", List.of("region:DE-SOUTH")).then().statusCode(201)
                .extract().path("memberId");
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().body("status", equalTo("ACTIVE"));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then()
                .body("conditions[4].met", equalTo(false))
                .body("conditions[4].evidence", containsString(prefix + "rep-north: awaiting the agreement of " + prefix + "rsm-north"));
        JsonNode assigned = team.teamEvents(customer, "kam.team.member-assigned.v1", 5).stream()
                .filter(e -> e.path("employeeId").asText().equals(prefix + "rep-north")).findFirst().orElseThrow();
        assertThat(assigned.path("coordination").path("coordinatorId").asText()).isEqualTo(prefix + "kam");
        assertThat(assigned.path("coordination").path("stance").asText()).as("the sales manager is informed").isEqualTo("INFORMED");

        // only the rep's own line manager answers (or sales ops on their behalf)
        team.lineManager("rsm-south").contentType(ContentType.JSON).body(Map.of("stance", "AGREED"))
                .put("/api/v1/teams/" + customer + "/members/" + north + "/coordination").then().statusCode(403);
        given().auth().oauth2(TestTokens.forSubject(prefix + "kam", "key-account-manager")).contentType(ContentType.JSON)
                .body(Map.of("stance", "AGREED")).put("/api/v1/teams/" + customer + "/members/" + north + "/coordination").then().statusCode(403);
        team.lineManager("rsm-north").contentType(ContentType.JSON).body(Map.of("stance", "AGREED"))
                .put("/api/v1/teams/" + customer + "/members/" + north + "/coordination").then().statusCode(200)
                .body("coordination.stance", equalTo("AGREED")).body("coordination.decidedBy", equalTo(prefix + "rsm-north"));
        team.lineManager("rsm-south").contentType(ContentType.JSON).body(Map.of("stance", "AGREED"))
                .put("/api/v1/teams/" + customer + "/members/" + south + "/coordination").then().statusCode(200);
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().body("conditions[4].met", equalTo(true))
                .body("conditions[4].evidence", containsString("with the agreement of " + prefix + "rsm-north, " + prefix + "rsm-south"));
        assertThat(team.teamEvents(customer, "kam.team.coordination-changed.v1", 2))
                .extracting(e -> e.path("coordination").path("stance").asText()).containsExactly("AGREED", "AGREED");

        // HR moves the northern rep under another manager: that one is informed, and the condition waits for them
        team.putStaff("rep-north", "FIELD_SALES", List.of("DE-NORTH"), 5, prefix + "rsm-south");
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("members.find { it.memberId == '" + north + "' }.coordination.lineManagerId", equalTo(prefix + "rsm-south"))
                .body("members.find { it.memberId == '" + north + "' }.coordination.stance", equalTo("INFORMED"));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().body("conditions[4].met", equalTo(false));
        given().auth().oauth2(TestTokens.forSubject("ops-1", "sales-ops")).contentType(ContentType.JSON).body(Map.of("stance", "INFORMED"))
                .put("/api/v1/teams/" + customer + "/members/" + north + "/coordination").then().statusCode(409);
        TeamFixture.viewer().queryParam("entityType", "team").queryParam("entityId", customer).get("/api/v1/audit").then()
                .body("items.action", hasItem("team.coordination-agreed"));
    }

    @Test
    void territoriesAndHowClearlyTheAccountWasIdentifiedComeFromScoring() {
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString(), "DE-NORTH");
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().statusCode(200)
                .body("conditions[5].met", equalTo(true)).body("conditions[5].evidence", containsString("with every criterion known")));

        // the customer's profile changes its sites: territories are scoring's to say, not the profile's
        ObjectNode moved = TeamFixture.customer(customer, 2, List.of());
        moved.withArray("locations").addObject().put("country", "US").put("region", "Ohio");
        team.sendCustomer(moved, 2);
        team.updated(customer, List.of("DE-NORTH", "USA"), 1.0, List.of("partnershipIntent"), null);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("territories", equalTo(List.of("DE-NORTH", "USA"))).body("identification.missing", equalTo(List.of("partnershipIntent"))));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().body("conditions[5].met", equalTo(false))
                .body("conditions[5].evidence", containsString("missing: partnershipIntent"));

        // an override of half a year: the model and the programme disagree
        ObjectNode override = TeamFixture.JSON.createObjectNode().put("by", "ops-7").put("reason", "strategic pilot")
                .put("since", Instant.now().minus(Duration.ofDays(180)).toString()).put("expiresAt", Instant.now().plus(Duration.ofDays(30)).toString());
        team.updated(customer, List.of("DE-NORTH", "USA"), 0.6, List.of(), override);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then()
                .body("conditions[5].met", equalTo(false)).body("conditions[5].evidence", containsString("decided by an override of ops-7 180 days ago")));
    }

    @Test
    void aRevokedAccountIsHandedToItsTerritoryRepAndComesBackWithItsPlanAndRelationshipMapWhenDesignatedAgain() {
        String customer = staffedNationalAccount(TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of()));
        team.assign(customer, "rep-north", "FIELD_REP", List.of("region:DE-NORTH")).then().statusCode(201);
        String lead = TestTokens.forSubject(prefix + "kam", "key-account-manager");
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("mission", "preferred supplier in the north"))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("ownerEmployeeId", prefix + "rep-north", "cadenceDays", 30))
                .put("/api/v1/teams/" + customer + "/relationships/c-1").then().statusCode(200));
        String firstTeam = TeamFixture.viewer().get("/api/v1/teams/" + customer).path("teamId");

        team.revoked(customer);
        JsonNode windingDown = team.teamEvents(customer, "kam.team.winding-down.v1", 1).get(0);
        assertThat(windingDown.path("handOver").path("fieldRepId").asText()).isEqualTo(prefix + "rep-north");
        assertThat(windingDown.path("handOver").path("salesManagerId").asText()).isEqualTo(prefix + "rsm-north");
        assertThat(windingDown.path("territories")).extracting(JsonNode::asText).containsExactly("DE-NORTH", "DE-SOUTH");
        team.assign(customer, "rep-south", "FIELD_REP", List.of("region:DE-SOUTH")).then().statusCode(409)
                .body("detail", containsString("WINDING_DOWN"));
        team.teamEvents(customer, "kam.team.dissolved.v1", 1);

        team.designated(customer, UUID.randomUUID().toString(), "DE-NORTH", "DE-SOUTH");
        JsonNode formed = team.teamEvents(customer, "kam.team.formed.v1", 2).get(1);
        assertThat(formed.path("restoredFrom").asText()).isEqualTo(firstTeam);
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/plan").then().statusCode(200)
                .body("mission", equalTo("preferred supplier in the north"));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/relationships").then()
                .body("contacts.find { it.contactId == 'c-1' }.cadenceDays", equalTo(30))
                .body("contacts.find { it.contactId == 'c-1' }.unowned", equalTo(true)); // its owner left with the old team
    }

    @Test
    void ourSupplierStatusIsTrackedFromTheDesignationOnAsTheProgrammesOutcomeAndGoalsReferToIt() {
        ObjectNode profile = TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of());
        profile.put("supplierStatus", "APPROVED");
        String customer = staffedNationalAccount(profile);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/supplier-status").then()
                .statusCode(200).body("current", equalTo("APPROVED")));
        String lead = TestTokens.forSubject(prefix + "kam", "key-account-manager");
        Map<String, Object> goal = Map.of("title", "Preferred supplier", "metric", "supplierStatus", "target", "PREFERRED", "dueDate", "2027-12-31");
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("mission", "m", "goals", List.of(goal)))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(200)
                .body("goals[0].evaluation.current", equalTo("APPROVED")).body("goals[0].evaluation.achieved", equalTo(false));
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("mission", "m", "goals", List.of(Map.of("title", "x", "metric", "supplierStatus", "target", "BELOVED"))))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(400).body("violations[0].field", equalTo("goals[0].target"));

        for (String[] step : new String[][]{{"2", "PREFERRED"}, {"3", "PREFERRED"}, {"4", "STRATEGIC"}, {"5", "APPROVED"}}) {
            ObjectNode changed = TeamFixture.customer(customer, Long.parseLong(step[0]), List.of());
            changed.put("supplierStatus", step[1]);
            team.sendCustomer(changed, Long.parseLong(step[0]));
        }
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/supplier-status").then()
                .body("history.status", equalTo(List.of("APPROVED", "PREFERRED", "STRATEGIC", "APPROVED")))
                .body("history.movement", equalTo(List.of("FIRST", "UP", "UP", "DOWN"))));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/plan").then().body("goals[0].evaluation.achieved", equalTo(false));

        ObjectNode preferred = TeamFixture.customer(customer, 6, List.of());
        preferred.put("supplierStatus", "PREFERRED");
        team.sendCustomer(preferred, 6);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/plan").then()
                .body("goals[0].evaluation.achieved", equalTo(true)));
        io.restassured.response.Response programme = TeamFixture.viewer().get("/api/v1/programme/health");
        int keyAccounts = programme.path("supplierStatus.keyAccounts");
        int reached = programme.path("supplierStatus.preferredOrStrategic");
        assertThat(keyAccounts).isPositive();
        assertThat(reached).isPositive().isLessThanOrEqualTo(keyAccounts);
        assertThat(programme.<Float>path("supplierStatus.share")).isEqualTo((float) (Math.round(1000.0 * reached / keyAccounts) / 1000.0));
        assertThat(programme.<String>path("supplierStatus.trend")).isIn("NEW", "UP", "DOWN", "FLAT");
    }

    @Test
    void theCustomersFunctionalAreasCallForSpecialistsWhomTheFunctionsHeadApproves() {
        team.putStaff("head-tech", "TECHNICAL", List.of("DE-NORTH"), 10, null);
        team.putStaff("tech", "TECHNICAL", List.of("DE-NORTH"), 5, prefix + "head-tech");
        team.putStaff("logi", "LOGISTICS", List.of("DE-NORTH"), 5, prefix + "head-sales");
        ObjectNode profile = TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of());
        profile.putArray("functionalAreas").add("QUALITY").add("ENGINEERING").add("LOGISTICS").add("PROCUREMENT");
        String customer = staffedNationalAccount(profile);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/specialists").then().statusCode(200)
                .body("function", equalTo(List.of("LOGISTICS", "TECHNICAL")))
                .body("status", equalTo(List.of("OPEN", "OPEN")))
                .body("find { it.function == 'TECHNICAL' }.customerAreas", org.hamcrest.Matchers.containsInAnyOrder("QUALITY", "ENGINEERING")));

        String lead = TestTokens.forSubject(prefix + "kam", "key-account-manager");
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("employeeId", prefix + "svc"))
                .post("/api/v1/teams/" + customer + "/specialist-requests").then().statusCode(409)
                .body("detail", containsString("no head of SERVICE can approve"));
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("employeeId", prefix + "rep-north"))
                .post("/api/v1/teams/" + customer + "/specialist-requests").then().statusCode(409).body("detail", containsString("specialists come from"));
        String request = given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("employeeId", prefix + "tech", "note", "their quality team audits us in March"))
                .post("/api/v1/teams/" + customer + "/specialist-requests").then().statusCode(201)
                .body("status", equalTo("REQUESTED")).extract().path("requestId");
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/specialists").then()
                .body("find { it.function == 'TECHNICAL' }.status", equalTo("REQUESTED"));

        team.lineManager("head-sales").contentType(ContentType.JSON).body(Map.of("decision", "APPROVED"))
                .post("/api/v1/teams/" + customer + "/specialist-requests/" + request + "/decision").then().statusCode(403)
                .body("detail", containsString("not the head of TECHNICAL"));
        team.lineManager("head-tech").contentType(ContentType.JSON).body(Map.of("decision", "APPROVED"))
                .post("/api/v1/teams/" + customer + "/specialist-requests/" + request + "/decision").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("memberId", org.hamcrest.Matchers.notNullValue());
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/specialists").then()
                .body("find { it.function == 'TECHNICAL' }.status", equalTo("FILLED"))
                .body("find { it.function == 'TECHNICAL' }.onTeam", equalTo(List.of(prefix + "tech")));
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("members.find { it.employeeId == '" + prefix + "tech' }.role", equalTo("SPECIALIST"));
        team.lineManager("head-tech").contentType(ContentType.JSON).body(Map.of("decision", "DECLINED"))
                .post("/api/v1/teams/" + customer + "/specialist-requests/" + request + "/decision").then().statusCode(409)
                .body("detail", containsString("already APPROVED"));
    }

    @Test
    void aUnitWhoseBuyersNoRepCoveringItKnowsIsFlaggedOnTheRelationshipMap() {
        ObjectNode profile = TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of("Powertrain", "Chassis"));
        profile.withArray("buyingCenter").forEach(contact -> ((ObjectNode) contact).put("operatingUnit",
                contact.path("contactId").asText().equals("c-1") ? "Powertrain" : "Chassis"));
        String customer = staffedNationalAccount(profile);
        // the units come with the customer event, on another topic than the designation
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("coverageGaps.value", org.hamcrest.Matchers.hasItems("Powertrain", "Chassis")));
        team.assign(customer, "rep-north", "FIELD_REP", List.of("region:DE-NORTH", "unit:Powertrain")).then().statusCode(201);
        team.assign(customer, "rep-south", "FIELD_REP", List.of("region:DE-SOUTH", "unit:Chassis")).then().statusCode(201);
        String lead = TestTokens.forSubject(prefix + "kam", "key-account-manager");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("ownerEmployeeId", prefix + "rep-north", "cadenceDays", 30))
                .put("/api/v1/teams/" + customer + "/relationships/c-1").then().statusCode(200));
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("ownerEmployeeId", prefix + "kam", "cadenceDays", 30))
                .put("/api/v1/teams/" + customer + "/relationships/c-2").then().statusCode(200);

        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/relationships").then()
                .body("contacts.operatingUnit", equalTo(List.of("Powertrain", "Chassis")))
                .body("units.unit", equalTo(List.of("Chassis", "Powertrain")))
                .body("units.flagged", equalTo(List.of(true, false)))
                .body("units[0].coveringReps", equalTo(List.of(prefix + "rep-south")));
    }

    @Test
    void aSalesManagerWhoSponsoredAnAccountBeforeTheRuleIsReleasedWithTheReason() {
        String customer = staffedNationalAccount(TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of()));
        String teamId = TeamFixture.viewer().get("/api/v1/teams/" + customer).path("teamId");
        // as an earlier release let it happen: a sales manager as executive sponsor
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        UPDATE team_member SET employee_id = ?1 WHERE team_id = ?2 AND role = 'EXECUTIVE_SPONSOR' AND released_at IS NULL""")
                .setParameter(1, prefix + "rsm-north").setParameter(2, UUID.fromString(teamId)).executeUpdate());
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().body("conditions[1].met", equalTo(false))
                .body("conditions[1].evidence", containsString("works in SALES_MANAGER, not in top management"));

        teams.releaseRolesThatNoLongerFit();
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().body("status", equalTo("FORMING"))
                .body("coverageGaps.value", hasItem("EXECUTIVE_SPONSOR"));
        JsonNode released = team.teamEvents(customer, "kam.team.member-released.v1", 1).get(0);
        assertThat(released.path("employeeId").asText()).isEqualTo(prefix + "rsm-north");
        assertThat(released.path("reason").asText()).startsWith("the role no longer fits SALES_MANAGER");
    }

    @Test
    void aCommunicationLineCountsForSalesAndServiceOnlyWhileItIsInUse() {
        String customer = staffedNationalAccount(TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of()));
        String lead = TestTokens.forSubject(prefix + "kam", "key-account-manager");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Object[] line : new Object[][]{{"finance and marketing", today, false}, {"sales and service", today.minusDays(40), false},
                {"sales and service", today.minusDays(3), true}}) {
            given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("mission", "m", "communication", List.of(
                    Map.of("between", line[0], "channel", "call", "cadence", "weekly", "lastHeld", line[1].toString()))))
                    .put("/api/v1/teams/" + customer + "/plan").then().statusCode(200);
            TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().body("conditions[2].met", equalTo(line[2]));
        }
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("mission", "m", "communication", List.of(
                Map.of("between", "x", "channel", "call", "cadence", "weekly", "functions", List.of("SALES", "ASTROLOGY")))))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(400)
                .body("violations[0].field", equalTo("communication[0].functions"))
                .body("violations[0].message", startsWith("ASTROLOGY is not one of"));
    }

    @Test
    void aCadenceBeyondAYearIsRefusedNamingTheLineAndEveryHealthReadStillAnswers() {
        String customer = staffedNationalAccount(TeamFixture.customer(UUID.randomUUID().toString(), 1, List.of()));
        String salesOps = TestTokens.withRoles("sales-ops");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().auth().oauth2(salesOps).contentType(ContentType.JSON).body(Map.of("mission", "m", "communication", List.of(
                        Map.of("between", "sales and service", "channel", "call", "cadence", "P1Y", "lastHeld", today.toString()))))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(200);
        for (String cadence : List.of("P999999999Y", "P2147483647Y", "P13M", "often")) {
            given().auth().oauth2(salesOps).contentType(ContentType.JSON).body(Map.of("mission", "m", "communication", List.of(
                            Map.of("between", "sales and service", "channel", "call", "cadence", "weekly", "lastHeld", today.toString()),
                            Map.of("between", "sales and service", "channel", "call", "cadence", cadence, "lastHeld", today.toString()))))
                    .put("/api/v1/teams/" + customer + "/plan").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("communication[1].cadence"))
                    .body("violations[0].message", containsString("P1Y"));
        }
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/plan").then().statusCode(200).body("communication[0].cadence", equalTo("P1Y"));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().statusCode(200).body("conditions[2].met", equalTo(true));
        TeamFixture.viewer().get("/api/v1/programme/health").then().statusCode(200);
    }
}
