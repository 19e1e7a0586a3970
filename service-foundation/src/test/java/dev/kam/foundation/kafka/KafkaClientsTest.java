package dev.kam.foundation.kafka;

import dev.kam.foundation.FoundationTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Kafka configuration for every client: what is given once under {@code kafka.*} (here the security settings an
 * enterprise's cluster asks for) reaches the platform's own producers and admin clients as it reaches the channels,
 * each client taking what it knows, and no setting weakens the producers' reliability.
 */
@QuarkusTest
@FoundationTest
class KafkaClientsTest {

    private static final Map<String, Object> ENTERPRISE = Map.of(
            "bootstrap.servers", "kafka-1.example.com:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kam\" password=\"secret\";",
            "ssl.truststore.location", "/etc/kam/truststore.p12",
            "ssl.truststore.password", "changeit",
            "client.rack", "eu-central-1a",
            "auto.offset.reset", "earliest",
            "acks", "1",
            "enable.idempotence", "false");

    @Inject
    KafkaClients clients;

    @Test
    void theProducersTakeTheSharedSecuritySettingsAndKeepTheirReliability() {
        Map<String, Object> producer = KafkaClients.producerSettings(ENTERPRISE, "probe-outbox-relay");
        assertThat(producer).containsEntry("bootstrap.servers", "kafka-1.example.com:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", ENTERPRISE.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.location", "/etc/kam/truststore.p12")
                .containsEntry("client.id", "probe-outbox-relay")
                // configured weaker, enforced
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                // a consumer's settings are not a producer's
                .doesNotContainKeys("auto.offset.reset", "client.rack");
    }

    @Test
    void theAdminClientsTakeTheSharedSecuritySettings() {
        Map<String, Object> admin = KafkaClients.adminSettings(ENTERPRISE, "probe-metrics", Duration.ofSeconds(15));
        assertThat(admin).containsEntry("bootstrap.servers", "kafka-1.example.com:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", ENTERPRISE.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("client.id", "probe-metrics")
                .containsEntry("default.api.timeout.ms", 15_000)
                .doesNotContainKeys("acks", "auto.offset.reset");
    }

    @Test
    void theServiceReadsTheSameKafkaSettingsTheChannelsRead() {
        // the shared configuration (service-foundation) sets kafka.metadata.max.age.ms once, for every client
        assertThat(KafkaClients.producerSettings(clients.shared(), "probe")).containsEntry("metadata.max.age.ms", "10000")
                .containsKey("bootstrap.servers");
        assertThat(KafkaClients.adminSettings(clients.shared(), "probe", Duration.ofSeconds(5))).containsEntry("metadata.max.age.ms", "10000");
    }
}
