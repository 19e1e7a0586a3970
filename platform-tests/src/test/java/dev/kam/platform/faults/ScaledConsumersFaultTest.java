package dev.kam.platform.faults;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9: two instances of each consuming service (scoring-service, team-coordination-service) over the
 * six partitions of each topic. Every consumer group splits its partitions between the two, both instances of
 * each service apply records, and the end state is the one a single instance reaches (the oracle's: every change
 * scored once, in order, each designation forming one team and each revocation dissolving it).
 */
class ScaledConsumersFaultTest extends FaultScenario {

    private static final Map<String, String> GROUPS = Map.of(
            "scoring-service", "scoring-service",
            "team-coordination-service.customer-events", "team-coordination-service",
            "team-coordination-service.scoring-events", "team-coordination-service");

    @Test
    void twoInstancesOfEachConsumingServiceShareThePartitionsAndReachTheSameEndState() throws Exception {
        Map<String, Integer> secondInstancePorts = new LinkedHashMap<>();
        try {
            for (String service : new String[]{"scoring-service", "team-coordination-service"}) {
                int port = dev.kam.platform.KamCommand.freePort();
                platform.kam.ports.put("KAM_INSTANCE_PORT", port);
                platform.kam("start", service + "@2");
                secondInstancePorts.put(service, port);
            }
            for (String group : GROUPS.keySet()) {
                awaitTwoMembersWithPartitions(group);
            }
            Map<String, Double> appliedBefore = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> second : secondInstancePorts.entrySet()) {
                appliedBefore.put(second.getKey(), applied(second.getValue()));
            }

            SyncClient client = syncJob("two-of-each", 60, 40);
            pause(Duration.ofSeconds(10));
            client.stop();
            Oracle.Verdict verdict = oracle.check(client);

            StringBuilder split = new StringBuilder();
            for (String group : GROUPS.keySet()) {
                ConsumerGroupDescription description = describe(group);
                assertThat(description.members()).as(group + " has two members, each holding partitions").hasSize(2)
                        .allSatisfy(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
                split.append(group).append(' ').append(description.members().stream()
                        .map(member -> String.valueOf(member.assignment().topicPartitions().size())).reduce((a, b) -> a + "+" + b).orElse(""))
                        .append("; ");
            }
            StringBuilder shares = new StringBuilder();
            for (Map.Entry<String, Integer> second : secondInstancePorts.entrySet()) {
                double applied = applied(second.getValue()) - appliedBefore.get(second.getKey());
                assertThat(applied).as("records the second " + second.getKey() + " applied").isPositive();
                shares.append(second.getKey()).append("@2 applied ").append((long) applied).append("; ");
            }
            platform.report("9. two instances of each consuming service", verdict.summary() + "; partitions " + split + shares);
        } finally {
            for (String service : secondInstancePorts.keySet()) {
                platform.kam("stop", service + "@2");
            }
            platform.kam.ports.remove("KAM_INSTANCE_PORT");
        }
    }

    private ConsumerGroupDescription describe(String group) throws Exception {
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            return kafka.group(group);
        }
    }

    private void awaitTwoMembersWithPartitions(String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            ConsumerGroupDescription description = describe(group);
            if (description.members().size() == 2 && description.members().stream().map(MemberDescription::assignment)
                    .allMatch(assignment -> !assignment.topicPartitions().isEmpty())) {
                return;
            }
            assertThat(System.nanoTime()).as(group + " has two members with partitions: " + description).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Records the instance applied (first time, not duplicates), over all its channels, from its own metrics. */
    private static double applied(int port) throws Exception {
        String metrics = Http.get("http://127.0.0.1:" + port + "/q/metrics", null).body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("kam_events_consumed_total{") && line.contains("outcome=\"applied\"")) {
                String value = line.replaceAll(" # .*$", "");
                total += Double.parseDouble(value.substring(value.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
