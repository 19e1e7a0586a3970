package dev.kam.foundation.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Gauges whose values come from a query (counts in the database, the outbox backlog, consumer lag): sampled in
 * the background every {@code kam.metrics.refresh-interval}, so a scrape costs nothing and a slow or absent
 * database never slows {@code /q/metrics}. When a sample fails the last values stay and the failure is logged.
 */
@ApplicationScoped
public class SampledGauges {

    private static final Logger LOG = Logger.getLogger(SampledGauges.class);

    /** One value of a gauge family, e.g. {@code kam.teams{status=ACTIVE} = 12}. */
    public record Sample(Tags tags, double value) {
        public static Sample of(double value, String... tags) {
            return new Sample(Tags.of(tags), value);
        }
    }

    /** A family of gauges read by one query, with the current value of each tag combination it has shown. */
    private record Family(String name, String description, String baseUnit, boolean transactional,
                          Supplier<Collection<Sample>> sampler, Map<Tags, AtomicReference<Double>> values) {
    }

    private final MeterRegistry registry;
    private final List<Family> families = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

    SampledGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers a family sampled inside a transaction of its own (for database queries).
     *
     * @param initial samples shown before the first refresh, e.g. every status at zero
     */
    public void register(String name, String description, Collection<Sample> initial, Supplier<Collection<Sample>> sampler) {
        register(name, description, null, true, initial, sampler);
    }

    /** Registers counts by the values of an enum (a status, a designation): every value is shown, zero when it has no rows. */
    public <E extends Enum<E>> void registerCounts(String name, String description, String tag, Class<E> values,
                                                   Supplier<Map<E, Long>> counts) {
        List<E> all = List.of(values.getEnumConstants());
        register(name, description, all.stream().map(value -> Sample.of(0, tag, value.name())).toList(), () -> {
            Map<E, Long> sampled = counts.get();
            return all.stream().map(value -> Sample.of(sampled.getOrDefault(value, 0L), tag, value.name())).toList();
        });
    }

    /** Registers a family sampled without a transaction (for Kafka), with a base unit such as {@code seconds}. */
    public void register(String name, String description, String baseUnit, boolean transactional, Collection<Sample> initial,
                         Supplier<Collection<Sample>> sampler) {
        Family family = new Family(name, description, baseUnit, transactional, sampler, new ConcurrentHashMap<>());
        families.add(family);
        initial.forEach(sample -> set(family, sample));
    }

    @Scheduled(every = "${kam.metrics.refresh-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        for (Family family : families) {
            refresh(family);
        }
    }

    /** Samples every family now: for tests that should not wait for the next refresh. */
    public void refreshNow() {
        refresh();
    }

    private void refresh(Family family) {
        try {
            Collection<Sample> samples = family.transactional()
                    ? QuarkusTransaction.requiringNew().call(family.sampler()::get)
                    : family.sampler().get();
            samples.forEach(sample -> set(family, sample));
            // A tag combination no longer sampled (a partition-less channel, a status with no rows left) reads zero.
            java.util.Set<Tags> sampled = samples.stream().map(Sample::tags).collect(java.util.stream.Collectors.toSet());
            family.values().forEach((tags, value) -> {
                if (!sampled.contains(tags)) {
                    value.set(0.0);
                }
            });
            if (failing.remove(family.name())) {
                LOG.infof("sampling %s again", family.name());
            }
        } catch (RuntimeException e) {
            // Warned once per outage, not at every refresh.
            if (failing.add(family.name())) {
                LOG.warnf("could not sample %s, keeping its last values until it can: %s", family.name(), e.getMessage());
            }
        }
    }

    private void set(Family family, Sample sample) {
        family.values().computeIfAbsent(sample.tags(), ignored -> {
            AtomicReference<Double> holder = new AtomicReference<>(0.0);
            // A gauge of the same name and tags left by an earlier start in this JVM (tests restart the application
            // against the same registry) would keep reading its own, stale holder: replace it.
            registry.find(family.name()).tags(sample.tags()).gauges().forEach(registry::remove);
            Gauge.builder(family.name(), holder, AtomicReference::get).description(family.description())
                    .baseUnit(family.baseUnit()).tags(sample.tags()).strongReference(true).register(registry);
            return holder;
        }).set(sample.value());
    }
}
