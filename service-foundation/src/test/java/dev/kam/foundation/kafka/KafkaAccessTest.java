package dev.kam.foundation.kafka;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Kafka failures keep a service from being ready, and how each is put in words (the readiness check shows them). */
class KafkaAccessTest {

    @Test
    void aLastingRefusalIsNamedWithTheSettingsToCheck() {
        assertThat(KafkaAccess.refusal(new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"))))
                .startsWith("Kafka refused this service's credentials (Authentication failed").contains("KAFKA_SASL_JAAS_CONFIG");
        assertThat(KafkaAccess.refusal(new ExecutionException(new SslAuthenticationException("SSL handshake failed"))))
                .startsWith("the TLS handshake with Kafka failed (SSL handshake failed)").contains("KAFKA_SSL_TRUSTSTORE_");
        assertThat(KafkaAccess.refusal(new ExecutionException(new TopicAuthorizationException(Set.of("kam.customer.events")))))
                .startsWith("Kafka denies this service's principal");
        assertThat(KafkaAccess.refusal(new KafkaException("Failed to construct kafka producer",
                new KafkaException("Failed to load SSL keystore /nowhere.p12")))).startsWith("a Kafka client setting cannot be used (Failed to load SSL keystore");
        assertThat(KafkaAccess.refusal(new ConfigException("Invalid value SASL_PLAIN for configuration security.protocol")))
                .contains("security.protocol");
    }

    @Test
    void anUnreachableBrokerIsNoRefusal() {
        assertThat(KafkaAccess.refusal(new ExecutionException(new TimeoutException("Timed out waiting for a node assignment")))).isNull();
        assertThat(KafkaAccess.refusal(new java.util.concurrent.TimeoutException())).isNull();
    }
}
