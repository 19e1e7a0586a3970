package dev.kam.platform.faults;

import dev.kam.platform.Turn;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios 11 to 14: Kafka as production runs it, three brokers (replication factor 3, min.insync.replicas 2),
 * each broker a process of its own, under load from the CRM sync job. After each, the oracle: nothing lost, nothing
 * doubled, order per customer kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Turn(Turn.THREE_BROKERS)
class KafkaClusterFaultTest extends FaultScenario {

    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

    KafkaClusterFaultTest() {
        super(Platform.cluster());
    }

    @Test
    @Order(1)
    void theLeaderOfTheBusiestPartitionsKilledWithSigkillLosesAndDoublesNothing() throws Exception {
        awaitFullyReplicated();
        SyncClient client = syncJob("cluster-leader-killed", 40, 30);
        pause(Duration.ofSeconds(5));
        int busiest = busiestLeader(Oracle.CUSTOMER_EVENTS);
        platform.kam("kill", "kafka-" + busiest);
        long acceptedBefore = client.accepted();
        long publishedWhileDown;
        Map<String, Integer> ledByKilled;
        long acceptedWhileDown;
        int newLeader;
        try {
            // the cluster fences the killed broker once its session times out and moves its partitions' leadership
            Duration moved = awaitNoneLedBy(busiest, Duration.ofMinutes(1));
            long publishedAtFirst = endOffsets(Oracle.CUSTOMER_EVENTS);
            pause(Duration.ofSeconds(10));
            publishedWhileDown = endOffsets(Oracle.CUSTOMER_EVENTS) - publishedAtFirst;
            ledByKilled = partitionsLedBy(busiest);
            acceptedWhileDown = client.accepted() - acceptedBefore;
            newLeader = busiestLeader(Oracle.CUSTOMER_EVENTS);
            System.out.println("leadership moved off kafka-" + busiest + " " + seconds(moved.toNanos()) + " after its kill");
        } finally {
            platform.kam("start", "kafka-" + busiest); // also when a check failed: the next scenario needs three brokers
        }
        pause(Duration.ofSeconds(5));
        client.stop();

        assertThat(newLeader).as("the partitions' leadership moved off the killed broker").isNotEqualTo(busiest);
        assertThat(ledByKilled).as("partitions still led by the killed broker").isEmpty();
        // not only accepted into the outbox (which it would be without any broker): published to Kafka meanwhile
        assertThat(acceptedWhileDown).as("writes go on while two of three brokers serve").isPositive();
        assertThat(publishedWhileDown).as("customer events published while the broker was down").isPositive();
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("11. three brokers: the leader of the busiest partitions killed with -9 under load",
                verdict.summary() + "; kafka-" + busiest + " killed, leadership moved to kafka-" + newLeader + "; "
                        + acceptedWhileDown + " writes accepted and " + publishedWhileDown + " customer events published while it was down");
    }

    @Test
    @Order(2)
    void oneBrokerStoppedForAMinuteAndStartedAgain() throws Exception {
        awaitFullyReplicated();
        SyncClient client = syncJob("cluster-broker-stopped", 40, 30);
        pause(Duration.ofSeconds(5));
        platform.kam("stop", "kafka-2");
        long acceptedBefore = client.accepted();
        long publishedWhileDown;
        Map<String, Integer> ledByStopped;
        long acceptedWhileDown;
        try {
            pause(Duration.ofSeconds(10));
            awaitNoneLedBy(2, Duration.ofMinutes(1)); // a controlled shutdown hands its leadership over before it ends
            long publishedAtFirst = endOffsets(Oracle.CUSTOMER_EVENTS);
            pause(Duration.ofSeconds(50));
            publishedWhileDown = endOffsets(Oracle.CUSTOMER_EVENTS) - publishedAtFirst;
            ledByStopped = partitionsLedBy(2);
            acceptedWhileDown = client.accepted() - acceptedBefore;
        } finally {
            platform.kam("start", "kafka-2");
        }
        Duration caughtUp = awaitFullyReplicated();
        client.stop();

        assertThat(acceptedWhileDown).isPositive();
        assertThat(publishedWhileDown).as("customer events published while the broker was stopped").isPositive();
        assertThat(ledByStopped).as("partitions still led by the stopped broker").isEmpty();
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("12. three brokers: one stopped 60 s under load, then started", verdict.summary() + "; "
                + acceptedWhileDown + " writes accepted and " + publishedWhileDown + " customer events published while it was down; its replicas in sync again " + seconds(caughtUp.toNanos())
                + " after its start");
    }

    @Test
    @Order(3)
    void aRollingRestartOfEveryBrokerLosesAndDoublesNothing() throws Exception {
        awaitFullyReplicated();
        SyncClient client = syncJob("cluster-rolling-restart", 40, 30);
        pause(Duration.ofSeconds(5));
        long started = System.nanoTime();
        for (String broker : BROKERS) {
            // as an upgrade does: one broker at a time, the next only when every replica is in sync again
            platform.kam("stop", broker);
            platform.kam("start", broker);
            awaitFullyReplicated();
        }
        long restartNanos = System.nanoTime() - started;
        pause(Duration.ofSeconds(5));
        client.stop();

        Oracle.Verdict verdict = oracle.check(client);
        platform.report("13. three brokers: a rolling restart of every broker under load", verdict.summary()
                + "; the rolling restart took " + seconds(restartNanos));
    }

    @Test
    @Order(4)
    void twoBrokersDownAtOnceKeepWritesInTheOutboxUntilAQuorumIsBack() throws Exception {
        awaitFullyReplicated();
        SyncClient client = syncJob("cluster-two-down", 40, 30);
        pause(Duration.ofSeconds(5));
        long acceptedWithoutQuorum;
        long backlog;
        try {
            platform.kam("stop", "kafka-1");
            platform.kam("stop", "kafka-2");
            long acceptedBefore = client.accepted();
            pause(Duration.ofSeconds(30));
            acceptedWithoutQuorum = client.accepted() - acceptedBefore;
            backlog = platform.outboxBacklog();
        } finally {
            platform.kam("start", "kafka-1");
            platform.kam("start", "kafka-2");
        }
        pause(Duration.ofSeconds(5));
        client.stop();

        assertThat(acceptedWithoutQuorum).as("the outbox keeps accepting writes while Kafka has no quorum").isPositive();
        assertThat(backlog).as("what was accepted meanwhile waits in the outbox").isPositive();
        Oracle.Verdict verdict = oracle.check(client);
        platform.report("14. three brokers: two down at once for 30 s under load, then started", verdict.summary() + "; "
                + acceptedWithoutQuorum + " writes accepted without a quorum, " + backlog + " events waiting in the outboxes");
    }

    /** The broker that leads most partitions of {@code topic}. */
    private int busiestLeader(String topic) throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<Integer, Long> leaders = description.partitions().stream().filter(partition -> partition.leader() != null)
                    .collect(Collectors.groupingBy(partition -> partition.leader().id(), TreeMap::new, Collectors.counting()));
            return leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /** The sum of the end offsets of {@code topic}'s partitions: how many records it holds, as the cluster reports it now. */
    private long endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(partition -> new org.apache.kafka.common.TopicPartition(topic, partition.partition()),
                            partition -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }

    /** Partitions of the platform's topics whose leader is the broker with id {@code broker}, by name, with that id. */
    private Map<String, Integer> partitionsLedBy(int broker) throws Exception {
        try (Admin admin = admin()) {
            Map<String, Integer> led = new TreeMap<>();
            for (TopicDescription topic : admin.describeTopics(List.of(Oracle.CUSTOMER_EVENTS, Oracle.SCORING_EVENTS, Oracle.TEAM_EVENTS,
                    Oracle.KEY_ACCOUNTS_STATE)).allTopicNames().get().values()) {
                topic.partitions().stream().filter(partition -> partition.leader() != null && partition.leader().id() == broker)
                        .forEach(partition -> led.put(topic.name() + "-" + partition.partition(), broker));
            }
            return led;
        }
    }

    /** Waits until no partition of the platform's topics is led by {@code broker}; how long that took. */
    private Duration awaitNoneLedBy(int broker, Duration atMost) throws Exception {
        long started = System.nanoTime();
        while (true) {
            Map<String, Integer> led;
            try {
                led = partitionsLedBy(broker);
            } catch (java.util.concurrent.ExecutionException notAnsweredYet) {
                led = Map.of("(no answer: " + notAnsweredYet.getCause().getMessage() + ")", broker);
            }
            if (led.isEmpty()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() - started > atMost.toNanos()) {
                throw new AssertionError("partitions still led by kafka-" + broker + " after " + atMost + ": " + led);
            }
            Thread.sleep(500);
        }
    }

    /** Waits until every partition of every topic has all three replicas in sync; how long that took. */
    private Duration awaitFullyReplicated() throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(3).toNanos();
        try (Admin admin = admin()) {
            while (true) {
                Set<String> topics = admin.listTopics().names().get();
                Collection<TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get().values();
                List<String> lagging = descriptions.stream().flatMap(topic -> topic.partitions().stream()
                        .filter(partition -> partition.isr().size() < partition.replicas().size())
                        .map(partition -> topic.name() + "-" + partition.partition())).toList();
                if (lagging.isEmpty() && !descriptions.isEmpty()) {
                    assertThat(descriptions.stream().flatMap(topic -> topic.partitions().stream()).map(TopicPartitionInfo::replicas)
                            .map(List::size).collect(Collectors.toSet())).as("every partition has three replicas").containsOnly(3);
                    return Duration.ofNanos(System.nanoTime() - started);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("partitions still under-replicated after 3 minutes: " + lagging);
                }
                Thread.sleep(500);
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }
}
