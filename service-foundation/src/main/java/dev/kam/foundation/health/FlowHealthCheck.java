package dev.kam.foundation.health;

import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.metrics.PlatformGauges;
import dev.kam.foundation.outbox.OutboxRelay;
import dev.kam.foundation.outbox.ParkedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether events flow through this service: DOWN when the outbox relay has not completed a pass for
 * {@code kam.outbox.stuck-after}, when events wait parked for an operator, or when a consuming channel has lag
 * but its group committed nothing new for {@code kam.consumer.stuck-after}. A wellness check ({@code /q/health},
 * {@code /q/health/well}): it tells operators and monitors that something needs them, without taking the instance
 * out of service (restarting it would not help, and writes are still accepted into the outbox).
 */
@Wellness
@ApplicationScoped
public class FlowHealthCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final PlatformGauges gauges;
    private final KamConfig config;

    FlowHealthCheck(OutboxRelay relay, PlatformGauges gauges, KamConfig config) {
        this.relay = relay;
        this.gauges = gauges;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        ParkedEvents.Backlog outbox = gauges.outbox();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("event-flow").up()
                .withData("outbox.pending", outbox.pending())
                .withData("outbox.oldestPendingAgeSeconds", Math.round(outbox.oldestPendingAgeSeconds()))
                .withData("outbox.parked", outbox.parked())
                .withData("outbox.held", outbox.held());
        if (config.outbox().relayEnabled() && relay.isRunning()) {
            Duration sinceProgress = Duration.between(relay.lastProgress(), now);
            if (sinceProgress.compareTo(config.outbox().stuckAfter()) > 0) {
                health.down().withData("outbox.stuck", "no pass completed for " + sinceProgress.toSeconds() + " s: " + relay.lastError());
            }
        }
        if (outbox.parked() > 0) {
            health.down().withData("outbox.parkedEvents", outbox.parked() + " event(s) Kafka refused wait for an operator at "
                    + "/api/v1/outbox/parked-events");
        }
        for (PlatformGauges.ChannelProgress channel : gauges.consumers()) {
            health.withData("consumer." + channel.channel() + ".lag", channel.lag());
            Duration still = Duration.between(channel.committedSince(), now);
            if (channel.lag() > 0 && still.compareTo(config.consumer().stuckAfter()) > 0) {
                health.down().withData("consumer." + channel.channel() + ".stuck", channel.lag() + " records behind on "
                        + channel.topic() + ", nothing committed for " + still.toSeconds() + " s");
            }
        }
        return health.build();
    }
}
