package dev.kam.foundation.kafka;

import dev.kam.contracts.Topics;
import dev.kam.foundation.config.KamConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the platform topics (with their partitions and compaction) and this service's DLQ when missing,
 * so any environment ends up with the same topics whichever service starts first.
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final KamConfig config;
    private final KafkaClients kafkaClients;
    private final String bootstrapServers;

    TopicInitializer(KamConfig config, KafkaClients kafkaClients, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.kafkaClients = kafkaClients;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.kafka().createTopics()) {
            List<Topics.TopicSpec> topics = new ArrayList<>(Topics.platformTopics());
            topics.add(new Topics.TopicSpec(Topics.deadLetter(config.service().name()), Topics.DEAD_LETTER_TOPIC_PARTITIONS, false));
            try (Admin admin = kafkaClients.admin(config.service().name() + "-topics", Duration.ofSeconds(30))) {
                ensureTopics(admin, bootstrapServers, topics);
            }
        }
    }

    /** Creates each topic of {@code topics} that does not exist yet; existing ones are left as they are. */
    static void ensureTopics(Admin admin, String bootstrapServers, List<Topics.TopicSpec> topics) {
        try {
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
                        throw new IllegalStateException("cannot create topic " + creation.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " to create topics: " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(Topics.TopicSpec topic) {
        NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) -1); // the broker's default replication
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }
}
