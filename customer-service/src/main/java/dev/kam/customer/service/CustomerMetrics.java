package dev.kam.customer.service;

import dev.kam.customer.repository.CustomerRepository;
import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.foundation.metrics.SampledGauges.Sample;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;

/** The business gauge of customer-service: {@code kam.customers{state=active|archived}}. */
@ApplicationScoped
class CustomerMetrics {

    void register(@Observes StartupEvent event, SampledGauges gauges, CustomerRepository customers) {
        gauges.register("kam.customers", "Customer profiles, active or archived",
                List.of(Sample.of(0, "state", "active"), Sample.of(0, "state", "archived")), () -> {
                    Map<Boolean, Long> counts = customers.countByArchived();
                    return List.of(Sample.of(counts.getOrDefault(false, 0L), "state", "active"),
                            Sample.of(counts.getOrDefault(true, 0L), "state", "archived"));
                });
    }
}
