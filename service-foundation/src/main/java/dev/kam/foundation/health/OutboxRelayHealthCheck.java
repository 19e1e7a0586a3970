package dev.kam.foundation.health;

import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the outbox relay runs (when it is enabled): a dead relay would silently stop all publishing. */
@Liveness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final KamConfig config;

    OutboxRelayHealthCheck(OutboxRelay relay, KamConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean enabled = config.outbox().relayEnabled();
        return HealthCheckResponse.named("outbox-relay")
                .status(!enabled || relay.isRunning())
                .withData("enabled", enabled)
                .withData("running", relay.isRunning())
                .build();
    }
}
