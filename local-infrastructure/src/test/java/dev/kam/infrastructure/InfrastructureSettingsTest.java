package dev.kam.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfrastructureSettingsTest {

    @Test
    void embeddedIsTheDefault() {
        InfrastructureSettings settings = InfrastructureSettings.from(Map.<String, String>of()::get);
        assertThat(settings.postgresMode()).isEqualTo(InfrastructureSettings.Mode.EMBEDDED);
        assertThat(settings.kafkaMode()).isEqualTo(InfrastructureSettings.Mode.EMBEDDED);
        assertThat(settings.dataDirectory()).isEmpty();
    }

    @Test
    void eachServerCanComeFromElsewhere() {
        InfrastructureSettings settings = InfrastructureSettings.from(Map.of("kam.infra.mode", "testcontainers",
                "kam.postgres.mode", "external", "kam.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres")::get);
        assertThat(settings.postgresMode()).isEqualTo(InfrastructureSettings.Mode.EXTERNAL);
        assertThat(settings.kafkaMode()).isEqualTo(InfrastructureSettings.Mode.TESTCONTAINERS);
    }

    @Test
    void externalNeedsAnAddress() {
        assertThatThrownBy(() -> InfrastructureSettings.from(Map.of("kam.kafka.mode", "external")::get))
                .hasMessageContaining("kam.kafka.bootstrap");
    }

    @Test
    void anUnknownModeIsNamed() {
        assertThatThrownBy(() -> InfrastructureSettings.from(Map.of("kam.infra.mode", "docker")::get))
                .hasMessageContaining("kam.infra.mode").hasMessageContaining("docker");
    }

    @Test
    void aKafkaClusterHasThreeBrokersAndNoOtherCount() {
        org.junit.jupiter.api.Assertions.assertEquals(3, InfrastructureSettings.from(Map.of("kam.kafka.brokers", "3")::get).kafkaBrokers());
        assertThatThrownBy(() -> InfrastructureSettings.from(Map.of("kam.kafka.brokers", "2")::get))
                .hasMessageContaining("kam.kafka.brokers must be 1 (a single broker) or 3 (a cluster), not '2'");
    }
}
