package dev.kam.foundation;

import dev.kam.contracts.Topics;
import dev.kam.testsupport.KamInfrastructureResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@FoundationTest
class TopicInitializerTest {

    @Test
    void theServiceCreatedThePlatformTopicsAndItsDeadLetterTopicAtStart() throws Exception {
        List<String> expected = new ArrayList<>(Topics.platformTopics().stream().map(Topics.TopicSpec::name).toList());
        expected.add("kam.foundation-probe.dlq");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KamInfrastructureResource.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get();
            for (Topics.TopicSpec spec : Topics.platformTopics()) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, Topics.KEY_ACCOUNTS_STATE);
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CUSTOMER_EVENTS);
            var configs = admin.describeConfigs(Set.of(state, events)).all().get();
            assertThat(configs.get(state).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(events).get("cleanup.policy").value()).isEqualTo("delete");
        }
    }
}
