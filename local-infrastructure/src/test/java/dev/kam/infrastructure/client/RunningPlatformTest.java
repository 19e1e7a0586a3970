package dev.kam.infrastructure.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The running platform as its clients read it from ./kam's env file: addresses, Kafka settings, databases, tokens. */
class RunningPlatformTest {

    @Test
    void readsWhatTheInfrastructureWrote(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/infra.env"), """
                KAM_DB_URL_KAM_CUSTOMER=jdbc:postgresql://127.0.0.1:5433/kam_customer?sslmode=verify-full&sslrootcert=/data/postgres.crt
                KAM_DB_USER=postgres
                KAM_DB_PASSWORD=
                KAM_KAFKA_BOOTSTRAP=127.0.0.1:19092
                KAFKA_SECURITY_PROTOCOL='SASL_SSL'
                KAFKA_SASL_JAAS_CONFIG='org.apache.kafka.common.security.scram.ScramLoginModule required username="kam" password="s3cret";'
                KAM_KAFKA_DESCRIPTION='embedded Apache Kafka'
                """);
        Files.writeString(home.resolve("run/scoring-service.port"), "18082\n");

        RunningPlatform platform = RunningPlatform.at(home);
        assertThat(platform.kafkaClientSettings()).containsEntry("bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kam\" password=\"s3cret\";")
                .doesNotContainKey("kam.kafka.description");
        assertThat(platform.jdbcUrl("kam_customer")).endsWith("/kam_customer?sslmode=verify-full&sslrootcert=/data/postgres.crt");
        assertThat(platform.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:5433/postgres?sslmode=verify-full&sslrootcert=/data/postgres.crt");
        assertThat(platform.databaseCredentials().getProperty("user")).isEqualTo("postgres");
        assertThat(platform.serviceUrl("scoring-service")).isEqualTo("http://127.0.0.1:18082");
        assertThat(platform.token("someone", "viewer").split("\\.")).hasSize(3);
        assertThat(platform.api("scoring-service", "someone", "viewer").baseUrl()).isEqualTo("http://127.0.0.1:18082");
    }

    @Test
    void saysSoWhenNoPlatformRuns(@TempDir Path home) {
        assertThatThrownBy(() -> RunningPlatform.at(home)).isInstanceOf(IllegalStateException.class).hasMessageContaining("./kam up");
    }
}
