package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 8: more requests than the platform can take, from one client as fast as 96 threads can send.
 * Every answer is a 2xx that is kept, or a 429/503 that leaves no trace; memory stays bounded.
 */
class OverloadFaultTest extends FaultScenario {

    @Test
    void overloadIsAnsweredWith429Or503AndEvery2xxIsKept() throws Exception {
        AtomicLong peakMiB = new AtomicLong();
        AtomicBoolean watching = new AtomicBoolean(true);
        long idleMiB = platform.residentMiB("customer-service");
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                peakMiB.accumulateAndGet(platform.residentMiB("customer-service"), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        SyncClient client = new SyncClient(platform, "overload", 192, "overload-sync")
                .start(96, 0, SyncClient.Mode.GIVE_UP_WHEN_REFUSED);
        pause(Duration.ofSeconds(20));
        client.stop();
        watching.set(false);
        watcher.join();

        assertThat(client.answers().keySet()).as("answers under overload").isSubsetOf(Set.of("200", "201", "429", "503"));
        assertThat(client.answers().keySet()).as("the platform pushed back").containsAnyOf("429", "503");
        assertThat(peakMiB.get()).as("customer-service resident memory under overload (MiB)").isLessThan(1024);
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("8. overload: 96 unpaced threads of one client for 20 s", verdict.summary() + "; answers "
                + client.answers() + "; customer-service RSS " + idleMiB + " MiB before, peak " + peakMiB.get() + " MiB (-Xmx384m)");
    }
}
