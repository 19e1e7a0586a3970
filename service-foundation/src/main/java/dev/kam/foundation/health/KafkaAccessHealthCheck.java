package dev.kam.foundation.health;

import dev.kam.foundation.kafka.KafkaAccess;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while Kafka refuses this service for a lasting reason (credentials, TLS, rights, settings), with the
 * reason in words, or before its topics were first made: never a service that takes writes it cannot publish, nor a
 * silent stall. An unreachable broker alone leaves it ready (see {@link KafkaAccess}).
 */
@Readiness
@ApplicationScoped
public class KafkaAccessHealthCheck implements HealthCheck {

    private final KafkaAccess access;

    KafkaAccessHealthCheck(KafkaAccess access) {
        this.access = access;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaAccess.State state = access.state();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("kafka").up().withData("bootstrapServers", access.bootstrapServers());
        if (state.refusal() != null) {
            health.down().withData("refused", state.refusal());
        } else if (!state.topicsReady()) {
            health.down().withData("topics", "not in place yet: " + state.lastError());
        } else if (state.lastError() != null) {
            health.withData("unreachable", state.lastError() + " (writes wait in the outbox)");
        }
        return health.build();
    }
}
