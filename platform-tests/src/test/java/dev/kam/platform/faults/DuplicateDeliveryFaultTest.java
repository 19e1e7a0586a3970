package dev.kam.platform.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6: every consumer group is rewound to the beginning of its topic, so each service receives again
 * everything it ever processed: the final state is unchanged and no event is published a second time.
 */
class DuplicateDeliveryFaultTest extends FaultScenario {

    private static final List<String> OUTGOING = List.of("kam.scoring.events", "kam.key-accounts.state", "kam.team.events",
            "kam.scoring-service.dlq", "kam.team-coordination-service.dlq");

    @Test
    void redeliveringEverythingChangesNothingAndPublishesNothing() throws Exception {
        SyncClient client = syncJob("redelivery", 30, 30);
        pause(Duration.ofSeconds(10));
        client.stop();
        oracle.check(client);

        Map<String, Long> before = new LinkedHashMap<>();
        long redelivered = 0;
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            for (String topic : OUTGOING) {
                before.put(topic, kafka.endOffsetSum(topic));
            }
            platform.kam("stop", "scoring-service");
            platform.kam("stop", "team-coordination-service");
            for (Map.Entry<String, String> group : Oracle.GROUPS.entrySet()) {
                redelivered += kafka.endOffsetSum(group.getValue());
                kafka.rewind(group.getKey(), group.getValue());
            }
        }
        long restarted = System.nanoTime();
        platform.kam("start", "scoring-service");
        platform.kam("start", "team-coordination-service");
        Duration settled = oracle.awaitSettled(Duration.ofMinutes(5));

        Oracle.Verdict verdict = oracle.check(client);
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            for (String topic : OUTGOING) {
                assertThat(kafka.endOffsetSum(topic)).as("records on " + topic + " after the redelivery").isEqualTo(before.get(topic));
            }
        }
        platform.report("6. consumer groups rewound to the beginning (duplicate delivery)", verdict.summary() + "; "
                + redelivered + " records delivered again, 0 new records on " + OUTGOING.size() + " outgoing topics; caught up "
                + seconds(System.nanoTime() - restarted) + " after the restart (" + settled.toSeconds() + " s of it settling)");
    }
}
