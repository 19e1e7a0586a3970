package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 3: the Kafka broker stops for 30 s under load and starts again. */
class KafkaOutageFaultTest extends FaultScenario {

    @Test
    void writesAreAcceptedThroughABrokerOutageAndPublishedOnceWhenItIsBack() throws Exception {
        SyncClient client = syncJob("kafka-outage", 40, 30);
        pause(Duration.ofSeconds(5));
        platform.kam("stop", "kafka");
        long acceptedBefore = client.accepted();
        pause(Duration.ofSeconds(30));
        long acceptedDuringOutage = client.accepted() - acceptedBefore;
        platform.kam("start", "kafka");
        pause(Duration.ofSeconds(5));
        client.stop();

        assertThat(acceptedDuringOutage).as("the outbox keeps accepting writes while the broker is away").isPositive();
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("3. Kafka broker stopped 30 s under load", verdict.summary() + "; " + acceptedDuringOutage
                + " writes accepted while the broker was away");
    }
}
