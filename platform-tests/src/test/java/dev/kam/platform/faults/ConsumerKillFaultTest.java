package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Scenario 2: kill -9 scoring-service, then team-coordination-service, mid-stream; start each again. */
class ConsumerKillFaultTest extends FaultScenario {

    @Test
    void consumersKilledMidStreamResumeWithoutLosingOrDoublingAnEffect() throws Exception {
        SyncClient client = syncJob("kill-consumers", 40, 40);
        pause(Duration.ofSeconds(6));
        platform.kam("kill", "scoring-service");
        long down = System.nanoTime();
        platform.kam("start", "scoring-service");
        long scoringBack = System.nanoTime() - down;
        pause(Duration.ofSeconds(4));
        platform.kam("kill", "team-coordination-service");
        down = System.nanoTime();
        platform.kam("start", "team-coordination-service");
        long teamBack = System.nanoTime() - down;
        pause(Duration.ofSeconds(4));
        client.stop();

        Oracle.Verdict verdict = oracle.check(client);
        platform.report("2. kill -9 scoring-service, then team-coordination-service, mid-stream", verdict.summary()
                + "; scoring back after " + seconds(scoringBack) + ", team after " + seconds(teamBack));
    }
}
