package dev.kam.infrastructure;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker as an enterprise's cluster: only TLS with SCRAM logins. A client with the settings the broker
 * hands out produces and consumes, also after a restart (the certificate is kept); a wrong password is refused by
 * name, and a plaintext client gets nowhere.
 */
class SecureKafkaTest {

    private static final String TOPIC = "secure-test";

    @Test
    void onlyTheGivenCredentialsOverVerifiedTlsGetIn(@TempDir Path data) throws Exception {
        InfrastructureSettings settings = InfrastructureSettings.from(Map.of("kam.kafka.security", "sasl_ssl")::get);
        Map<String, String> clientSettings;
        try (KafkaServer kafka = LocalInfrastructure.startKafka(settings, data)) {
            clientSettings = kafka.clientSettings();
            assertThat(clientSettings).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsKeys("sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password");
            assertThat(kafka.clientEnvironment()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsKey("KAFKA_SASL_JAAS_CONFIG");
            assertThat(kafka.describe()).contains("SASL_SSL");

            Map<String, Object> client = client(kafka.bootstrapServers(), clientSettings);
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            send(client, "over-tls");
            assertThat(readAll(client)).containsExactly("over-tls");

            Map<String, Object> wrongPassword = new HashMap<>(client);
            wrongPassword.put("sasl.jaas.config", EmbeddedKafka.jaas("kam", "not-the-password"));
            try (Admin admin = Admin.create(wrongPassword)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }

            Map<String, Object> plaintext = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
            try (Admin admin = Admin.create(plaintext)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)).isNotNull();
            }
        }
        try (KafkaServer restarted = LocalInfrastructure.startKafka(settings, data)) {
            assertThat(restarted.clientSettings()).isEqualTo(clientSettings); // same users, same certificate: clients go on
            assertThat(readAll(client(restarted.bootstrapServers(), clientSettings))).containsExactly("over-tls");
        }
    }

    private static Map<String, Object> client(String bootstrap, Map<String, String> settings) {
        Map<String, Object> client = new HashMap<>(settings);
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return client;
    }

    private static void send(Map<String, Object> client, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(Map<String, Object> client) {
        return EmbeddedInfrastructureTest.readAll(client, TOPIC);
    }
}
