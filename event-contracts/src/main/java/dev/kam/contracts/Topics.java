package dev.kam.contracts;

import java.util.List;

/**
 * The Kafka topics of the contract. Every service creates the topics it needs at start (idempotently),
 * so partition counts and compaction are defined once, here.
 */
public final class Topics {

    public static final String CUSTOMER_EVENTS = "kam.customer.events";
    public static final String SCORING_EVENTS = "kam.scoring.events";
    public static final String TEAM_EVENTS = "kam.team.events";
    /** Compacted: the current designation per customer, a tombstone when revoked. */
    public static final String KEY_ACCOUNTS_STATE = "kam.key-accounts.state";

    /** Partitions of the event topics: ordering is per customer (the key), so this bounds consumer parallelism. */
    public static final int EVENT_TOPIC_PARTITIONS = 6;
    public static final int DEAD_LETTER_TOPIC_PARTITIONS = 1;

    /** The dead-letter topic of a consuming service, e.g. {@code kam.scoring-service.dlq}. */
    public static String deadLetter(String serviceName) {
        return "kam." + serviceName + ".dlq";
    }

    /** One topic as the platform creates it. */
    public record TopicSpec(String name, int partitions, boolean compacted) {
    }

    /** The topics every environment has, whatever service starts first. */
    public static List<TopicSpec> platformTopics() {
        return List.of(
                new TopicSpec(CUSTOMER_EVENTS, EVENT_TOPIC_PARTITIONS, false),
                new TopicSpec(SCORING_EVENTS, EVENT_TOPIC_PARTITIONS, false),
                new TopicSpec(TEAM_EVENTS, EVENT_TOPIC_PARTITIONS, false),
                new TopicSpec(KEY_ACCOUNTS_STATE, EVENT_TOPIC_PARTITIONS, true),
                new TopicSpec(deadLetter(ServiceNames.CUSTOMER_SERVICE), DEAD_LETTER_TOPIC_PARTITIONS, false),
                new TopicSpec(deadLetter(ServiceNames.SCORING_SERVICE), DEAD_LETTER_TOPIC_PARTITIONS, false),
                new TopicSpec(deadLetter(ServiceNames.TEAM_COORDINATION_SERVICE), DEAD_LETTER_TOPIC_PARTITIONS, false));
    }

    private Topics() {
    }
}
