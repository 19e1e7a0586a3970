package dev.kam.platform.faults;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: two instances of scoring-service share one consumer group over six partitions; one is killed
 * and started again under load (two rebalances). The outcome is the same as with one instance.
 */
class ScaledScoringFaultTest extends FaultScenario {

    @Test
    void twoScoringInstancesShareTheWorkAndSurviveOneBeingKilled() throws Exception {
        int extraPort = dev.kam.platform.KamCommand.freePort();
        platform.kam.ports.put("KAM_INSTANCE_PORT", extraPort);
        try {
            platform.kam("start", "scoring-service@2");
            awaitMembers(2);
            SyncClient client = syncJob("two-scorers", 40, 40);
            pause(Duration.ofSeconds(8));
            ConsumerGroupDescription shared = group();
            platform.kam("kill", "scoring-service@2");
            pause(Duration.ofSeconds(5));
            platform.kam("start", "scoring-service@2");
            pause(Duration.ofSeconds(6));
            client.stop();

            assertThat(shared.members()).as("both instances hold partitions").hasSize(2)
                    .allSatisfy(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
            Oracle.Verdict verdict = oracle.check(client);
            long consumedBySecond = consumed(extraPort);
            assertThat(consumedBySecond).as("the restarted second instance consumed records").isPositive();
            platform.report("7. two scoring-service instances, one killed and restarted under load", verdict.summary()
                    + "; partitions split " + shared.members().stream().map(member -> String.valueOf(member.assignment().topicPartitions().size()))
                    .reduce((a, b) -> a + "+" + b).orElse("") + "; the restarted instance consumed " + consumedBySecond + " records");
        } finally {
            platform.kam("stop", "scoring-service@2");
            platform.kam.ports.remove("KAM_INSTANCE_PORT");
        }
    }

    private ConsumerGroupDescription group() throws Exception {
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            return kafka.group("scoring-service");
        }
    }

    private void awaitMembers(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            ConsumerGroupDescription group = group();
            if (group.members().size() == count && group.members().stream().map(MemberDescription::assignment)
                    .allMatch(assignment -> !assignment.topicPartitions().isEmpty())) {
                return;
            }
            assertThat(System.nanoTime()).as("the group has " + count + " members with partitions: " + group).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Records the instance's Kafka consumer has consumed, from its Prometheus metrics. */
    private static long consumed(int port) throws Exception {
        String metrics = Http.get("http://127.0.0.1:" + port + "/q/metrics", null).body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("kafka_consumer_fetch_manager_records_consumed_total") && !line.contains("topic=")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
