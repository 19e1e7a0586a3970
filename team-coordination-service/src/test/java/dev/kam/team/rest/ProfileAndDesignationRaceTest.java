package dev.kam.team.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.team.domain.Identification;
import dev.kam.team.service.TeamService;
import dev.kam.testsupport.KamInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.hasItems;

/**
 * A customer's first profile event and its designation come on two topics and are applied by two consumers at
 * once. Whichever commits first, the team ends with the customer's units: here the designation is applied while the
 * profile event's transaction is still open, the order in which each used to miss what the other wrote.
 */
@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class ProfileAndDesignationRaceTest {

    @Inject
    TeamService teams;

    @Test
    void aDesignationAppliedWhileTheCustomersFirstProfileEventIsUncommittedFormsTheTeamWithItsUnits() throws Exception {
        String customer = UUID.randomUUID().toString();
        ObjectNode profile = TeamFixture.customer(customer, 1, List.of("Powertrain", "Chassis"));
        ObjectNode registered = TeamFixture.JSON.createObjectNode();
        registered.set("customer", profile);
        registered.put("sequence", 1);
        CountDownLatch profileApplied = new CountDownLatch(1);
        CompletableFuture<Void> designation = new CompletableFuture<>();
        CompletableFuture<Void> profileCommitted = new CompletableFuture<>();

        Thread profileConsumer = new Thread(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    teams.onCustomerEvents(List.of(dev.kam.contracts.data.EventData.read(registered, dev.kam.contracts.data.CustomerEventData.class)));
                    profileApplied.countDown();
                    try {
                        // hold the transaction open while the designation is applied (or, with the customers locked, waits)
                        designation.get(3, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException stillWaiting) {
                        // the designation waits for this commit: as it should
                    } catch (Exception designationFailed) {
                        // reported below, from the designation's own future
                    }
                });
                profileCommitted.complete(null);
            } catch (RuntimeException e) {
                profileCommitted.completeExceptionally(e);
            }
        });
        profileConsumer.start();
        org.assertj.core.api.Assertions.assertThat(profileApplied.await(30, TimeUnit.SECONDS)).as("the profile event applied, uncommitted").isTrue();
        Thread scoringConsumer = new Thread(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> teams.onDesignationEvents(List.of(new TeamService.Designated(customer,
                        "KEY_ACCOUNT", Set.of("DE-SOUTH"), new Identification(1, 0.9, List.of(), null, Instant.now()), true))));
                designation.complete(null);
            } catch (RuntimeException e) {
                designation.completeExceptionally(e);
            }
        });
        scoringConsumer.start();
        profileConsumer.join(30_000);
        scoringConsumer.join(30_000);
        org.assertj.core.api.Assertions.assertThat(profileConsumer.isAlive() || scoringConsumer.isAlive()).as("both consumers finished").isFalse();
        profileCommitted.get(1, TimeUnit.SECONDS); // rethrows how the profile's transaction failed, if it did
        designation.get(1, TimeUnit.SECONDS);      // rethrows how the designation failed, if it did

        TeamFixture.viewer().get("/api/v1/teams/" + customer).then().statusCode(200)
                .body("coverageGaps.value", hasItems("Powertrain", "Chassis"));
    }
}
