package dev.kam.team.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.kam.testsupport.PrometheusMetrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class TeamLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTestClient kafka;
    private TeamFixture team;
    @jakarta.inject.Inject
    dev.kam.foundation.metrics.SampledGauges gauges;
    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;
    private String prefix;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS);
        prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
        team = new TeamFixture(kafka, prefix);
        team.putStaff("kam", "KEY_ACCOUNT_MANAGER", List.of("DE-NORTH", "JAPAN"), 2, null);
        team.putStaff("exec", "EXECUTIVE", List.of("DE-NORTH"), 10, null);
        team.putStaff("svc", "SERVICE", List.of("DE-NORTH"), 10, null);
        team.putStaff("rep-north", "FIELD_SALES", List.of("DE-NORTH"), 5, prefix + "kam");
        team.putStaff("rep-japan", "FIELD_SALES", List.of("JAPAN"), 5, prefix + "kam");
        team.putStaff("rep-usa", "FIELD_SALES", List.of("USA"), 5, prefix + "kam");
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aDesignatedKeyAccountGetsATeamThatTheStaffingProposalMakesActive() {
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of("Powertrain"));
        team.designated(customer, UUID.randomUUID().toString(), "DE-NORTH", "JAPAN");

        // the customer's units come on another topic than the designation and its territories: wait for both
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200)
                .body("status", equalTo("FORMING")).body("territories", equalTo(List.of("DE-NORTH", "JAPAN")))
                .body("coverageGaps.value", org.hamcrest.Matchers.hasItems("KEY_ACCOUNT_MANAGER", "JAPAN", "Powertrain")));

        TeamFixture.salesOps().post("/api/v1/teams/" + customer + "/staffing-proposal?apply=true").then().statusCode(200)
                .body("applied", equalTo(true))
                .body("unfilled.size()", equalTo(0))
                .body("proposals.role", hasItem("FIELD_REP"))
                .body("proposals[0].reason", containsString("KEY_ACCOUNT_MANAGER function"));
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().body("status", equalTo("ACTIVE"))
                .body("coverageGaps.size()", equalTo(0))
                .body("members.role", org.hamcrest.Matchers.hasItems("KEY_ACCOUNT_MANAGER", "EXECUTIVE_SPONSOR", "SERVICE_OWNER", "FIELD_REP"));

        List<String> types = team.teamEventTypes(customer, 8);
        assertThat(types.get(0)).isEqualTo("kam.team.formed.v1");
        assertThat(types).containsSubsequence("kam.team.formed.v1", "kam.team.member-assigned.v1", "kam.team.activated.v1");
        assertThat(types.get(types.size() - 1)).isEqualTo("kam.team.activated.v1");
    }

    @Test
    void aNewTerritoryFromScoringOpensACoverageGapThatAssigningARepCloses() {
        String customer = team.activeTeam(List.of("DE-NORTH"));
        gauges.refreshNow();
        double regionGaps = PrometheusMetrics.value("kam_coverage_gaps", "kind=\"REGION\"");
        double forming = PrometheusMetrics.value("kam_teams", "status=\"FORMING\"");
        team.updated(customer, List.of("DE-NORTH", "USA"), 1.0, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("status", equalTo("FORMING")).body("coverageGaps.value", equalTo(List.of("USA"))));
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_coverage_gaps", "kind=\"REGION\"")).as("open region gaps").isEqualTo(regionGaps + 1);
        assertThat(PrometheusMetrics.value("kam_teams", "status=\"FORMING\"")).as("forming teams").isEqualTo(forming + 1);
        assertThat(team.teamEventTypes(customer, 1)).contains("kam.team.coverage-gap-detected.v1");

        TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("coverage.find { it.value == 'USA' }.fieldReps", equalTo(List.of()))
                .body("coverage.find { it.value == 'DE-NORTH' }.fieldReps.size()", equalTo(1));
        TeamFixture.salesOps().contentType(ContentType.JSON)
                .body(Map.of("employeeId", prefix + "rep-usa", "role", "FIELD_REP", "coverage", List.of("region:USA")))
                .post("/api/v1/teams/" + customer + "/members").then().statusCode(201);
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().body("status", equalTo("ACTIVE"))
                .body("coverage.find { it.value == 'USA' }.fieldReps", equalTo(List.of(prefix + "rep-usa")));
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_coverage_gaps", "kind=\"REGION\"")).isEqualTo(regionGaps);
        assertThat(PrometheusMetrics.value("kam_teams", "status=\"FORMING\"")).isEqualTo(forming);
    }

    @Test
    void aTeamStoredBeforeGapCountsWereKeptIsCountedByTheDomainsRuleAtTheNextRefresh() throws Exception {
        String customer = team.activeTeam(List.of("DE-NORTH"));
        team.updated(customer, List.of("DE-NORTH", "USA"), 1.0, List.of(), null);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("status", equalTo("FORMING")).body("coverageGaps.value", equalTo(List.of("USA"))));
        gauges.refreshNow();
        double regionGaps = PrometheusMetrics.value("kam_coverage_gaps", "kind=\"REGION\"");

        // as a team stored before migration V4 left it: no counts beside it
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement forget = connection.prepareStatement(
                     "UPDATE team SET role_gaps = NULL, region_gaps = NULL, unit_gaps = NULL WHERE customer_id = ? AND status = 'FORMING'")) {
            forget.setObject(1, UUID.fromString(customer));
            assertThat(forget.executeUpdate()).isEqualTo(1);
        }
        gauges.refreshNow();
        assertThat(PrometheusMetrics.value("kam_coverage_gaps", "kind=\"REGION\"")).as("the team's gap still counted").isEqualTo(regionGaps);
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement read = connection.prepareStatement(
                     "SELECT role_gaps, region_gaps, unit_gaps FROM team WHERE customer_id = ? AND status = 'FORMING'")) {
            read.setObject(1, UUID.fromString(customer));
            try (java.sql.ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(List.of(row.getInt(1), row.getInt(2), row.getInt(3))).as("counts stored again").isEqualTo(List.of(0, 1, 0));
            }
        }
    }

    @Test
    void revocationWindsTheTeamDownHandsTheAccountToItsTerritoryRepAndDissolvesItAfterThePeriod() {
        String customer = team.activeTeam(List.of("DE-NORTH"));
        List<String> leads = TeamFixture.viewer().get("/api/v1/teams/" + customer).path("members.findAll { it.role == 'KEY_ACCOUNT_MANAGER' }.employeeId");
        String lead = leads.get(0);
        TeamFixture.viewer().queryParam("employeeId", lead).get("/api/v1/teams").then().body("items.customerId", hasItem(customer));
        team.revoked(customer);

        var windingDown = team.teamEvents(customer, "kam.team.winding-down.v1", 1).get(0);
        String rep = TeamFixture.viewer().get("/api/v1/teams/" + customer).path("windDown.handOver.fieldRepId");
        assertThat(windingDown.path("handOver").path("territory").asText()).isEqualTo("DE-NORTH");
        assertThat(windingDown.path("handOver").path("fieldRepId").asText()).as("the team's own rep of the territory").isEqualTo(rep);
        assertThat(windingDown.path("handOver").path("salesManagerId").asText()).isNotBlank();
        assertThat(windingDown.path("reason").asText()).contains("back to transactional coverage by " + rep + " (DE-NORTH)");

        // the period (PT8S in tests) passes: everyone is released, the team dissolved, after the date it announced
        var dissolved = team.teamEvents(customer, "kam.team.dissolved.v1", 1).get(0);
        assertThat(Instant.parse(dissolved.path("dissolvedAt").asText())).isAfterOrEqualTo(Instant.parse(windingDown.path("windDownUntil").asText()));
        List<String> types = team.teamEventTypes(customer, 1);
        assertThat(types).containsSubsequence("kam.team.winding-down.v1", "kam.team.member-released.v1", "kam.team.dissolved.v1");
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().body("status", equalTo("DISSOLVED")).body("members.size()", equalTo(0));
        TeamFixture.viewer().queryParam("employeeId", lead).get("/api/v1/teams").then().body("items.customerId", org.hamcrest.Matchers.not(hasItem(customer)));
        // capacity 2: two new teams fit again
        team.activeTeam(List.of("DE-NORTH"));
        team.activeTeam(List.of("DE-NORTH"));
    }

    @Test
    void rulesAreEnforcedWith409AndAReadableReason() {
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString());
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200));

        team.assign(customer, "rep-north", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("is for [KEY_ACCOUNT_MANAGER]"));
        team.assign(customer, "kam", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(201);
        team.putStaff("kam2", "KEY_ACCOUNT_MANAGER", List.of("DE-NORTH"), 5, null);
        team.assign(customer, "kam2", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(409)
                .body("detail", containsString("exactly one key account manager"));
        team.putStaff("busy", "EXECUTIVE", List.of("DE-NORTH"), 0, null);
        team.assign(customer, "busy", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(409).body("detail", containsString("capacity is 0"));
        team.putStaff("rsm", "SALES_MANAGER", List.of("DE-NORTH"), 10, null);
        team.assign(customer, "rsm", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(409)
                .body("detail", containsString("works in SALES_MANAGER; the role EXECUTIVE_SPONSOR is for [EXECUTIVE]"));
        team.assign(customer, "rep-japan", "FIELD_REP", List.of("region:JAPAN")).then().statusCode(409)
                .body("detail", containsString("not a sales territory or operating unit of this customer"));
        given().auth().oauth2(TestTokens.withRoles("viewer")).contentType(ContentType.JSON)
                .body(Map.of("employeeId", prefix + "svc", "role", "SERVICE_OWNER")).post("/api/v1/teams/" + customer + "/members")
                .then().statusCode(403);
    }

    @Test
    void aRedeliveredDesignationCreatesNoSecondTeam() {
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        String eventId = UUID.randomUUID().toString();
        team.designated(customer, eventId);
        team.designated(customer, eventId);
        team.designated(customer, UUID.randomUUID().toString()); // even a new designation event finds the open team
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200));
        // a marker: a designation of another customer on the same partition, after these; once its team is formed, every
        // designation before it was applied and all it caused is on the topic
        String marker = dev.kam.testsupport.KafkaTestClient.keyOnTheSamePartitionAs(customer, dev.kam.contracts.Topics.EVENT_TOPIC_PARTITIONS);
        team.designated(marker, UUID.randomUUID().toString());
        assertThat(team.teamEventTypes(marker, 1)).contains("kam.team.formed.v1");
        assertThat(team.teamEventTypes(customer, 1).stream().filter("kam.team.formed.v1"::equals)).hasSize(1);
    }

    @Test
    void aDesignationRevokedAndGivenAgainInOnePollFormsWindsDownAndReinstatesTheTeam() {
        // Sent back to back they reach the consumer in one poll: the team formed by the first designation must
        // be written before the revocation looks for it, and the second designation must find it winding down.
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString());
        team.revoked(customer);
        team.designated(customer, UUID.randomUUID().toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(team.teamEventTypes(customer, 1).stream()
                .filter(type -> List.of("kam.team.formed.v1", "kam.team.winding-down.v1", "kam.team.reinstated.v1", "kam.team.dissolved.v1")
                        .contains(type)))
                .containsExactly("kam.team.formed.v1", "kam.team.winding-down.v1", "kam.team.reinstated.v1"));
        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200).body("status", equalTo("FORMING"))
                .body("windDown", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void healthTurnsEachOfTheSixConditionsFromUnmetToMet() {
        team.putStaff("boss", "SALES_MANAGER", List.of("DE-NORTH"), 10, null);
        team.putStaff("lead", "KEY_ACCOUNT_MANAGER", List.of("DE-NORTH"), 5, prefix + "boss");
        team.putStaff("rep", "FIELD_SALES", List.of("DE-NORTH"), 5, prefix + "lead");
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString());
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200));
        assertMet(customer, List.of(false, false, false, false, false, true));

        team.assign(customer, "lead", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(201);
        assertMet(customer, List.of(true, false, false, false, false, true));
        team.assign(customer, "exec", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(201);
        assertMet(customer, List.of(true, true, false, false, false, true));
        team.assign(customer, "svc", "SERVICE_OWNER", List.of()).then().statusCode(201);
        plan(customer, "Become preferred supplier", List.of(), "sales-ops").then().statusCode(200).body("version", equalTo(1));
        assertMet(customer, List.of(true, true, true, false, false, true));
        plan(customer, "Become preferred supplier", List.of(Map.of("title", "Preferred-supplier status", "metric", "supplierStatus",
                "target", "PREFERRED", "dueDate", "2027-06-30", "status", "ON_TRACK")), "sales-ops").then().statusCode(200)
                .body("version", equalTo(2));
        assertMet(customer, List.of(true, true, true, true, false, true));
        team.assign(customer, "rep", "FIELD_REP", List.of("region:DE-NORTH")).then().statusCode(201);
        assertMet(customer, List.of(true, true, true, true, true, true));
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().body("met", equalTo(6))
                .body("conditions[1].evidence", containsString("executive sponsor"));
        TeamFixture.viewer().get("/api/v1/programme/health").then().statusCode(200).body("conditions.size()", equalTo(6))
                .body("supplierStatus.periodDays", equalTo(90));

        team.revoked(customer);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then()
                .body("conditions[5].met", equalTo(false)));
        assertThat(team.teamEventTypes(customer, 1)).contains("kam.team.plan-updated.v1");
    }

    @Test
    void theRelationshipMapFlagsUnownedContactsAndABowTie() {
        team.putStaff("boss", "SALES_MANAGER", List.of("DE-NORTH"), 10, null);
        team.putStaff("lead", "KEY_ACCOUNT_MANAGER", List.of("DE-NORTH"), 5, prefix + "boss");
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString());
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200));
        team.assign(customer, "lead", "KEY_ACCOUNT_MANAGER", List.of()).then().statusCode(201);
        team.assign(customer, "exec", "EXECUTIVE_SPONSOR", List.of()).then().statusCode(201);

        // The contacts come with the customer event, on another topic than the designation: wait for both.
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer + "/relationships").then().statusCode(200)
                .body("contacts.contactId", equalTo(List.of("c-1", "c-2"))).body("unowned", equalTo(2)).body("bowTie", equalTo(true)));

        String lead = TestTokens.forSubject(prefix + "lead", "key-account-manager");
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("ownerEmployeeId", prefix + "lead", "cadenceDays", 30, "lastContact", "2026-11-01"))
                .put("/api/v1/teams/" + customer + "/relationships/c-1").then().statusCode(200);
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/relationships").then().body("unowned", equalTo(1)).body("bowTie", equalTo(true));
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("ownerEmployeeId", prefix + "exec", "cadenceDays", 90))
                .put("/api/v1/teams/" + customer + "/relationships/c-2").then().statusCode(200);
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/relationships").then().body("unowned", equalTo(0)).body("bowTie", equalTo(false))
                .body("contacts[1].overdue", equalTo(true));

        // A date PostgreSQL cannot store (a number of days, a seven-digit year) is bad input, not a failed write.
        for (Object unstorable : List.of(-1405157576, "+3845222-03-25", "2026-13-01")) {
            given().auth().oauth2(lead).contentType(ContentType.JSON)
                    .body(Map.of("ownerEmployeeId", prefix + "lead", "cadenceDays", 30, "lastContact", unstorable))
                    .put("/api/v1/teams/" + customer + "/relationships/c-1").then().log().ifValidationFails().statusCode(400)
                    .body("violations[0].field", equalTo("lastContact"));
        }
        given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(Map.of("ownerEmployeeId", prefix + "rep-japan", "cadenceDays", 30))
                .put("/api/v1/teams/" + customer + "/relationships/c-1").then().statusCode(409).body("detail", containsString("must be on the team"));
        given().auth().oauth2(TestTokens.forSubject("someone-else", "key-account-manager")).contentType(ContentType.JSON)
                .body(Map.of("mission", "x")).put("/api/v1/teams/" + customer + "/plan").then().statusCode(403);
        given().auth().oauth2(TestTokens.forSubject("someone-else", "key-account-manager"))
                .post("/api/v1/teams/" + customer + "/staffing-proposal").then().statusCode(403);
        given().auth().oauth2(lead).post("/api/v1/teams/" + customer + "/staffing-proposal").then().statusCode(200)
                .body("applied", equalTo(false));

        // who did what: the audit trail of the team, and the events carry the caller
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(Map.of("mission", "grow with them in EMEA"))
                .put("/api/v1/teams/" + customer + "/plan").then().statusCode(200);
        io.restassured.response.Response trail = TeamFixture.viewer().queryParam("entityType", "team").queryParam("entityId", customer)
                .get("/api/v1/audit");
        List<String> actions = trail.jsonPath().getList("items.action");
        List<String> actors = trail.jsonPath().getList("items.actor");
        assertThat(actions).containsSubsequence("team.member-assigned", "team.member-assigned", "team.relationship-set",
                "team.relationship-set", "team.plan-updated");
        assertThat(actors.get(actions.indexOf("team.member-assigned"))).isEqualTo("test-user");
        assertThat(actors.get(actions.indexOf("team.relationship-set"))).isEqualTo(prefix + "lead");
        assertThat(actors.get(actions.lastIndexOf("team.plan-updated"))).isEqualTo(prefix + "lead");
        assertThat(actions).doesNotContain("team.formed"); // the service's own work is in its events, not the trail
        List<KafkaTestClient.Received> events = kafka.awaitRecords(Topics.TEAM_EVENTS, WAIT, all -> all.stream()
                .anyMatch(r -> customer.equals(r.key()) && r.headers().get("ce_type").equals("kam.team.plan-updated.v1")));
        assertThat(events).filteredOn(r -> customer.equals(r.key()))
                .extracting(r -> r.headers().get("ce_type") + " by " + r.headers().get("ce_actor"))
                .contains("kam.team.formed.v1 by service:team-coordination-service", "kam.team.plan-updated.v1 by " + prefix + "lead");
        TeamFixture.viewer().queryParam("entityType", "staff").queryParam("entityId", prefix + "lead").get("/api/v1/audit").then()
                .body("items.action", equalTo(List.of("staff.saved"))).body("items[0].details.function", equalTo("KEY_ACCOUNT_MANAGER"));
    }

    @Test
    void theProposalStaffsATerritoryWithItsRepsWhoeverTheyReportToAndNamesTheirSalesManager() {
        String territory = "TEST-TERRITORY"; // a territory of this test alone (application.properties, %test), so no other test's staff compete
        team.putStaff("a-lead", "KEY_ACCOUNT_MANAGER", List.of(territory), 5, null);
        team.putStaff("t-rsm", "SALES_MANAGER", List.of(territory), 10, null);
        team.putStaff("t-rep", "FIELD_SALES", List.of(territory), 5, prefix + "t-rsm");
        team.putStaff("z-loner", "FIELD_SALES", List.of(territory), 5, null); // no line manager to coordinate with
        String customer = UUID.randomUUID().toString();
        team.customerEvent(customer, 1, List.of());
        team.designated(customer, UUID.randomUUID().toString(), territory);
        await().atMost(WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("coverageGaps.value", hasItem(territory)));
        TeamFixture.salesOps().post("/api/v1/teams/" + customer + "/staffing-proposal").then().statusCode(200)
                .body("unfilled.size()", equalTo(0))
                .body("proposals.find { it.role == 'KEY_ACCOUNT_MANAGER' }.employeeId", equalTo(prefix + "a-lead"))
                .body("proposals.find { it.role == 'FIELD_REP' }.employeeId", equalTo(prefix + "t-rep"))
                .body("proposals.find { it.role == 'FIELD_REP' }.reason", containsString("with their sales manager " + prefix + "t-rsm"));
    }

    @Test
    void aStaffImportUpsertsGoodLinesAndReportsBadOnes() {
        String ndjson = "{\"employeeId\":\"" + prefix + "imp-1\",\"name\":\"Ada\",\"function\":\"FIELD_SALES\",\"regions\":[\"DE-NORTH\"],\"capacity\":4}\n"
                + "{\"employeeId\":\"" + prefix + "imp-2\",\"name\":\"Bo\",\"function\":\"ASTRONAUT\",\"capacity\":4}\n"
                + "{\"employeeId\":\"" + prefix + "imp-3\",\"name\":\"\",\"function\":\"SERVICE\",\"capacity\":-1}\n";
        given().auth().oauth2(TestTokens.withRoles("crm-integration")).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/staff-imports").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(2))
                .body("errors.line", equalTo(List.of(2, 3)))
                .body("errors[1].violations.field", equalTo(List.of("capacity", "name")));
        TeamFixture.viewer().queryParam("function", "FIELD_SALES").queryParam("limit", 500).get("/api/v1/staff").then().body("items.employeeId", hasItem(prefix + "imp-1"));
    }

    private void assertMet(String customer, List<Boolean> expected) {
        TeamFixture.viewer().get("/api/v1/teams/" + customer + "/health").then().statusCode(200).body("conditions.met", equalTo(expected));
    }

    private io.restassured.response.Response plan(String customer, String mission, List<Map<String, Object>> goals, String role) {
        return given().auth().oauth2(TestTokens.withRoles(role)).contentType(ContentType.JSON)
                .body(Map.of("mission", mission, "goals", goals,
                        "communication", List.of(Map.of("between", "sales and service", "channel", "weekly call", "cadence", "P7D",
                                "lastHeld", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()))))
                .put("/api/v1/teams/" + customer + "/plan");
    }
}
