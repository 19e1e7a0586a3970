package dev.kam.foundation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The technical meters of the event machinery every service shares: what consumers did with records and how
 * long it took, what went to the dead-letter topic, what the outbox relay published. Names are documented in
 * the README; Prometheus shows them with underscores and unit suffixes ({@code kam_events_consumed_total}).
 */
@ApplicationScoped
public class EventMetrics {

    private final MeterRegistry registry;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records a consumer handled, by outcome: applied, duplicate, ignored, dead_lettered. */
    public void consumed(String consumer, String outcome, int records) {
        if (records > 0) {
            Counter.builder("kam.events.consumed").description("Records a consumer handled, by outcome")
                    .tags("consumer", consumer, "outcome", outcome).register(registry).increment(records);
        }
    }

    /** Time to apply one record or one poll's batch in its transaction (what the event processing costs). */
    public void processing(String consumer, Duration duration) {
        Timer.builder("kam.event.processing").description("Time to apply a record or a poll's batch of records in one transaction")
                .tags("consumer", consumer).publishPercentileHistogram(false).register(registry).record(duration);
    }

    /** A record sent to this service's dead-letter topic. */
    public void deadLettered(String consumer, String topic) {
        Counter.builder("kam.dead.letters").description("Records sent to the dead-letter topic")
                .tags("consumer", consumer, "topic", topic).register(registry).increment();
    }

    /** Outbox events the relay published (acknowledged by Kafka). */
    public void published(int events) {
        if (events > 0) {
            Counter.builder("kam.outbox.published").description("Outbox events published to Kafka and acknowledged")
                    .register(registry).increment(events);
        }
    }
}
