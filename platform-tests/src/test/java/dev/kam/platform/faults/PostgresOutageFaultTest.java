package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4: PostgreSQL stops abruptly (immediate shutdown) under load and starts again. Writes during the
 * outage fail fast with 503 and Retry-After, readiness goes down and comes back, nothing is dead-lettered.
 */
class PostgresOutageFaultTest extends FaultScenario {

    @Test
    void writesFailFastDuringADatabaseOutageAndNothingIsLostOrDeadLettered() throws Exception {
        SyncClient client = syncJob("postgres-outage", 40, 30);
        List<Integer> readiness = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                readiness.add(platform.readiness("customer-service"));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        pause(Duration.ofSeconds(5));

        long outageStart = client.millisSinceStart();
        platform.kam("stop", "postgres", "--immediate");
        pause(Duration.ofSeconds(15));
        long outageEnd = client.millisSinceStart();
        int readinessDuringOutage = readiness.size();
        platform.kam("start", "postgres");
        long back = System.nanoTime();
        while (platform.readiness("customer-service") != 200 && System.nanoTime() - back < Duration.ofMinutes(2).toNanos()) {
            Thread.sleep(250);
        }
        long readyAgain = System.nanoTime() - back;
        pause(Duration.ofSeconds(5));
        client.stop();
        watching.set(false);
        watcher.join();

        List<SyncClient.Refusal> duringOutage = client.refusals().stream()
                .filter(refusal -> refusal.atMillis() >= outageStart + 1000 && refusal.atMillis() <= outageEnd).toList();
        assertThat(duringOutage).as("writes during the outage are refused").isNotEmpty();
        // every one answered: a request that hung (recorded as no answer when its 30 s timeout ended it) fails fast nowhere
        assertThat(duringOutage).allSatisfy(refusal -> {
            assertThat(refusal.status()).as("a write during the outage, sent at " + refusal.atMillis() + " ms, after "
                    + refusal.latencyMillis() + " ms (-1: no answer)").isEqualTo(503);
            assertThat(refusal.retryAfter()).isNotNull();
        });
        List<Long> latencies = duringOutage.stream().map(SyncClient.Refusal::latencyMillis).sorted().toList();
        long p95 = latencies.get((int) Math.min(latencies.size() - 1, Math.floor(latencies.size() * 0.95)));
        assertThat(p95).as("refusals are fast (95th percentile, ms)").isLessThan(6000);
        assertThat(readiness.subList(0, readinessDuringOutage)).as("readiness went down").contains(503);
        assertThat(platform.readiness("customer-service")).as("readiness came back").isEqualTo(200);

        Oracle.Verdict verdict = oracle.check(client);
        // the oracle has checked that the DLQs hold nothing but deliberate poison: the outage put nothing there
        platform.report("4. PostgreSQL stopped (immediate) 15 s under load", verdict.summary() + "; " + duringOutage.size()
                + " writes refused during the outage, all 503 with Retry-After, p95 " + p95 + " ms; ready again "
                + seconds(readyAgain) + " after the restart");
    }
}
