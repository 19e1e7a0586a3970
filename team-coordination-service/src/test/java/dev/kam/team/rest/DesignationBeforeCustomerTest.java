package dev.kam.team.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.Topics;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KamInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

/**
 * The two topics a team follows are read by two consumers, so scoring's designation may be applied before the
 * customer's own event. Here it is, on purpose and one step at a time: the team forms from the designation alone,
 * takes the customer's units from the later customer event, and then follows a change of the customer's sites and
 * units whichever of scoring's and customer-service's events about it comes first, while a stale redelivery of the
 * first profile changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class DesignationBeforeCustomerTest {

    private KafkaTestClient kafka;
    private TeamFixture team;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient().mark(Topics.TEAM_EVENTS);
        team = new TeamFixture(kafka, UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aTeamFormedBeforeItsCustomersEventTakesTheUnitsFromItAndFollowsTheirChangeInEitherOrder() {
        String customer = UUID.randomUUID().toString();

        // 1. the designation alone: a team in scoring's territory, without any unit (none is known yet)
        team.designated(customer, UUID.randomUUID().toString(), "DE-NORTH");
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200)
                .body("status", equalTo("FORMING")).body("territories", equalTo(List.of("DE-NORTH")))
                .body("coverageGaps.kind", everyItem(oneOf("ROLE", "REGION"))));

        // 2. the customer's own first event, after the team: its units become the team's
        team.sendCustomer(profile(customer, 1, List.of("Hamburg"), List.of("Powertrain")), 1);
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("coverageGaps.value", hasItems("Powertrain")).body("territories", equalTo(List.of("DE-NORTH"))));

        // 3. a new southern site with a new unit: scoring's word on the territories arrives first, the profile second
        team.updated(customer, List.of("DE-NORTH", "DE-SOUTH"), 1.0, List.of(), null);
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("territories", equalTo(List.of("DE-NORTH", "DE-SOUTH")))
                .body("coverageGaps.value", hasItems("DE-SOUTH", "Powertrain")).body("coverageGaps.value", not(hasItems("Chassis"))));
        team.sendCustomer(profile(customer, 2, List.of("Hamburg", "Muenchen"), List.of("Powertrain", "Chassis")), 2);
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("territories", equalTo(List.of("DE-NORTH", "DE-SOUTH")))
                .body("coverageGaps.value", hasItems("DE-NORTH", "DE-SOUTH", "Powertrain", "Chassis")));

        // 4. the southern site closes: the profile arrives first, scoring's territories second
        team.sendCustomer(profile(customer, 3, List.of("Hamburg"), List.of("Powertrain")), 3);
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("coverageGaps.value", not(hasItems("Chassis"))).body("coverageGaps.value", hasItems("Powertrain")));
        team.updated(customer, List.of("DE-NORTH"), 1.0, List.of(), null);
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("territories", equalTo(List.of("DE-NORTH"))).body("coverageGaps.value", not(hasItems("DE-SOUTH"))));

        // 5. the first profile delivered once more (a producer's retry): older than what the team follows, it changes nothing.
        // The later event on the same partition is the marker that the stale one was read; had it been applied, the team
        // would have opened a gap for its unit Chassis (an event that stays on the topic, whatever comes after).
        kafka.mark(Topics.TEAM_EVENTS);
        team.sendCustomer(profile(customer, 2, List.of("Hamburg", "Muenchen"), List.of("Powertrain", "Chassis")), 2);
        team.customerEvent(customer, 4, List.of("Powertrain", "Electronics"));
        await().atMost(TeamFixture.WAIT).untilAsserted(() -> TeamFixture.viewer().get("/api/v1/teams/" + customer).then()
                .body("coverageGaps.value", hasItems("Powertrain", "Electronics")).body("coverageGaps.value", not(hasItems("Chassis"))));
        List<String> since = kafka.awaitRecords(Topics.TEAM_EVENTS, TeamFixture.WAIT, records -> records.stream()
                        .anyMatch(record -> customer.equals(record.key()) && record.value().contains("Electronics")))
                .stream().filter(record -> customer.equals(record.key())).map(KafkaTestClient.Received::value).toList();
        org.assertj.core.api.Assertions.assertThat(since).as("team events after the stale profile").anyMatch(value -> value.contains("Electronics"))
                .noneMatch(value -> value.contains("Chassis"));
    }

    /** The customer's profile with a site in each of {@code cities} (in Germany) and these units. */
    private static ObjectNode profile(String customer, long sequence, List<String> cities, List<String> units) {
        ObjectNode profile = TeamFixture.customer(customer, sequence, units);
        ArrayNode locations = profile.putArray("locations");
        cities.forEach(city -> locations.addObject().put("country", "DE").put("city", city)
                .put("region", city.equals("Muenchen") ? "Bayern" : "Hamburg"));
        return profile;
    }
}
