package dev.kam.foundation.kafka;

import dev.kam.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the platform topics (with their partitions and compaction) and a service's DLQ when missing, so any
 * environment ends up with the same topics whichever service starts first ({@link KafkaAccess} calls it at start).
 */
public final class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    /**
     * Creates each topic of {@code topics} that does not exist yet; existing ones are left as they are.
     *
     * @throws ExecutionException with Kafka's reason when the topics cannot be listed or one cannot be made
     */
    static void ensureTopics(Admin admin, List<Topics.TopicSpec> topics)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .map(TopicInitializer::newTopic)
                .toList();
        for (var creation : admin.createTopics(missing).values().entrySet()) {
            try {
                creation.getValue().get(30, TimeUnit.SECONDS);
                LOG.infof("created topic %s", creation.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another service was quicker
                    throw e;
                }
            }
        }
    }

    private static NewTopic newTopic(Topics.TopicSpec topic) {
        NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) -1); // the broker's default replication
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }

    private TopicInitializer() {
    }
}
