package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 3: the Kafka broker stops for 30 s under load and starts again. */
class KafkaOutageFaultTest extends FaultScenario {

    @Test
    void writesAreAcceptedThroughABrokerOutageAndPublishedOnceWhenItIsBack() throws Exception {
        SyncClient client = syncJob("kafka-outage", 40, 30);
        pause(Duration.ofSeconds(5));
        platform.kam("stop", "kafka");
        long acceptedBefore = client.accepted();
        pause(Duration.ofSeconds(20)); // long enough for every Kafka client to have lost the broker
        // Readiness answers at once and stays UP: writes wait in the outbox, reads go on, the consumers catch up later.
        // (Quarkus's own Kafka check asked the broker on every probe and hung for a minute: a probe Kubernetes kills.)
        Map<String, Integer> readiness = new LinkedHashMap<>();
        for (String part : Platform.PARTS_WITH_HTTP) {
            readiness.put(part, Http.status(platform.healthUrl(part, "ready"))); // -1: no answer within 5 s
        }
        assertThat(readiness).as("readiness of every part while the broker is away (-1: no answer in 5 s)")
                .allSatisfy((part, status) -> assertThat(status).as(part).isEqualTo(200));
        pause(Duration.ofSeconds(10));
        long acceptedDuringOutage = client.accepted() - acceptedBefore;
        platform.kam("start", "kafka");
        pause(Duration.ofSeconds(5));
        client.stop();

        assertThat(acceptedDuringOutage).as("the outbox keeps accepting writes while the broker is away").isPositive();
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("3. Kafka broker stopped 30 s under load", verdict.summary() + "; " + acceptedDuringOutage
                + " writes accepted while the broker was away; readiness answered UP at once on every part " + readiness.keySet());
    }
}
