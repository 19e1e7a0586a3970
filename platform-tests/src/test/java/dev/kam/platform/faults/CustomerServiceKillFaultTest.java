package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 1: kill -9 customer-service in the middle of a burst of upserts, then start it again. */
class CustomerServiceKillFaultTest extends FaultScenario {

    @Test
    void everyAcceptedUpsertIsPublishedScoredAndStaffedOnceAfterTheWriterIsKilled() throws Exception {
        SyncClient client = syncJob("kill-customer", 40, 40);
        pause(Duration.ofSeconds(8));
        platform.kam("kill", "customer-service");
        long down = System.nanoTime();
        platform.kam("start", "customer-service");
        long restart = System.nanoTime() - down;
        pause(Duration.ofSeconds(6));
        client.stop();

        assertThat(client.answers()).as("the kill cut requests off").containsKey("no answer");
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("1. kill -9 customer-service mid-burst", verdict.summary() + "; answers " + client.answers()
                + "; back up after " + seconds(restart));
    }
}
