package dev.kam.platform.faults;

import java.time.Duration;

/** What the fault scenarios share: the running platform, the oracle, and a load that a fault interrupts. */
@org.junit.jupiter.api.extension.ExtendWith(PlatformExtension.class)
abstract class FaultScenario {

    final Platform platform;
    final Oracle oracle;

    /** A scenario on the platform with one Kafka broker. */
    FaultScenario() {
        this(Platform.get());
    }

    FaultScenario(Platform platform) {
        this.platform = platform;
        this.oracle = new Oracle(platform);
    }

    /** A sync job of {@code customers} customers at about {@code perSecond} upserts per second, retrying as CRMs do. */
    SyncClient syncJob(String scenario, int customers, double perSecond) {
        return new SyncClient(platform, scenario, customers, "sync-" + scenario).start(6, perSecond, SyncClient.Mode.RETRY_UNTIL_ACCEPTED);
    }

    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
