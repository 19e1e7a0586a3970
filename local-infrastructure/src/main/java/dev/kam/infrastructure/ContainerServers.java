package dev.kam.infrastructure;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL from Testcontainers, for machines with a Docker daemon. Deliberately thin: the
 * embedded servers are the default and what the project is tested with; these only swap where the same
 * server versions come from.
 */
final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    static PostgresServer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        return new PostgresServer() {
            @Override
            public String jdbcUrl(String database) {
                return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
            }

            @Override
            public String user() {
                return container.getUsername();
            }

            @Override
            public String password() {
                return container.getPassword();
            }

            @Override
            public String describe() {
                return "PostgreSQL container " + container.getContainerName() + " at " + jdbcUrl("");
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static KafkaServer kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public String describe() {
                return "Kafka container " + container.getContainerName() + " at " + bootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    private ContainerServers() {
    }
}
