package dev.kam.infrastructure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedInfrastructureTest {

    @Test
    void startsARealBrokerAndPostgresWithTheServiceDatabases() throws Exception {
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings(Map.of()))) {
            infrastructure.ensureDatabases(LocalInfrastructure.SERVICE_DATABASES);
            infrastructure.ensureDatabases(LocalInfrastructure.SERVICE_DATABASES); // a second start finds them

            for (String database : LocalInfrastructure.SERVICE_DATABASES) {
                assertThat(query(infrastructure.postgres(), database, "SELECT current_database()")).containsExactly(database);
            }
            assertThat(query(infrastructure.postgres(), "postgres", "SHOW server_version").get(0)).startsWith("14.");

            send(infrastructure, "hello-from-test");
            assertThat(readAll(infrastructure)).contains("hello-from-test");
        }
    }

    @Test
    void keepsRecordsAndRowsInItsDataDirectoryAcrossRestarts(@TempDir Path data) throws Exception {
        Map<String, String> persistent = Map.of("kam.data.dir", data.toString());
        try (LocalInfrastructure first = LocalInfrastructure.start(settings(persistent))) {
            first.ensureDatabases(List.of("kam_team"));
            execute(first.postgres(), "kam_team", "CREATE TABLE survivor (name text); INSERT INTO survivor VALUES ('kept')");
            send(first, "still-here");
        }
        try (LocalInfrastructure second = LocalInfrastructure.start(settings(persistent))) {
            // a crash must not lose an acknowledged commit (zonky's default is asynchronous commit)
            assertThat(query(second.postgres(), "postgres", "SHOW synchronous_commit")).containsExactly("on");
            assertThat(query(second.postgres(), "postgres", "SHOW fsync")).containsExactly("on");
            assertThat(query(second.postgres(), "kam_team", "SELECT name FROM survivor")).containsExactly("kept");
            assertThat(readAll(second)).contains("still-here");
        }
    }

    @Test
    void refusesAFixedKafkaPortThatIsTaken() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalInfrastructure.start(settings(Map.of("kam.kafka.port", String.valueOf(taken.getLocalPort())))))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    static InfrastructureSettings settings(Map<String, String> values) {
        return InfrastructureSettings.from(values::get);
    }

    private static final String TOPIC = "infrastructure-test";

    private static void send(LocalInfrastructure infrastructure, String value) throws Exception {
        try (Admin admin = admin(infrastructure)) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "key", value)).get();
        }
    }

    private static List<String> readAll(LocalInfrastructure infrastructure) {
        return readAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()), TOPIC);
    }

    /** Every value on partition 0 of {@code topic}, read by a client with {@code client}'s settings. */
    static List<String> readAll(Map<String, Object> client, String topic) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static Admin admin(LocalInfrastructure infrastructure) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()));
    }

    static List<String> query(PostgresServer server, String database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    static void execute(PostgresServer server, String database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
