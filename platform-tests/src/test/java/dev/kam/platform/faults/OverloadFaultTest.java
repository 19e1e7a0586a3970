package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 8: more requests than the platform can take: three clients as fast as 32 threads each can send, 96 at
 * once, beyond the 64 requests an instance serves at once (each client within its share of 32). Every answer is a 2xx
 * that is kept, or a 429/503 that leaves no trace; memory stays bounded.
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
        java.util.List<SyncClient> clients = new java.util.ArrayList<>();
        for (String name : java.util.List.of("a", "b", "c")) {
            clients.add(new SyncClient(platform, "overload-" + name, 64, "overload-sync-" + name).start(32, 0, SyncClient.Mode.GIVE_UP_WHEN_REFUSED));
        }
        pause(Duration.ofSeconds(20));
        for (SyncClient client : clients) {
            client.stop();
        }
        watching.set(false);
        watcher.join();

        java.util.Map<String, Long> answers = new java.util.TreeMap<>();
        clients.forEach(client -> client.answers().forEach((answer, count) -> answers.merge(answer, count, Long::sum)));
        assertThat(answers.keySet()).as("answers under overload").isSubsetOf(Set.of("200", "201", "429", "503"));
        assertThat(answers.keySet()).as("the platform pushed back").containsAnyOf("429", "503");
        assertThat(peakMiB.get()).as("customer-service resident memory under overload (MiB)").isLessThan(1024);
        java.util.List<String> verdicts = new java.util.ArrayList<>();
        for (SyncClient client : clients) {
            verdicts.add(oracle.check(client).summary());
        }
        platform.report("8. overload: three clients, 32 unpaced threads each, for 20 s", String.join("; ", verdicts) + "; answers "
                + answers + "; customer-service RSS " + idleMiB + " MiB before, peak " + peakMiB.get() + " MiB (-Xmx384m)");
    }
}
