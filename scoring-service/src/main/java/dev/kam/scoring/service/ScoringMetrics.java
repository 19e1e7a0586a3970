package dev.kam.scoring.service;

import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.foundation.metrics.SampledGauges.Sample;
import dev.kam.scoring.domain.Designation;
import dev.kam.scoring.repository.ScoringRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The business gauges of scoring-service: scored customers by designation ({@code kam.accounts}: key and
 * national accounts, and the rest as {@code NONE}) and the progress of a rescore after a model activation.
 */
@ApplicationScoped
class ScoringMetrics {

    void register(@Observes StartupEvent event, SampledGauges gauges, ScoringRepository repository) {
        gauges.registerCounts("kam.accounts", "Scored customers by designation (KEY_ACCOUNT, NATIONAL_ACCOUNT, NONE)", "designation",
                Designation.class, repository::countByDesignation);
        gauges.register("kam.rescore.remaining", "Customers a running rescore has still to score (0 when none runs)",
                List.of(Sample.of(0)), () -> List.of(Sample.of(repository.runningJobs().stream()
                        .mapToLong(job -> Math.max(0, job.total() - job.done())).sum())));
        gauges.register("kam.rescore.progress", "Share of customers the running rescores have scored, 0 to 1 (1 when none runs)",
                List.of(Sample.of(1)), () -> {
                    var running = repository.runningJobs();
                    long total = running.stream().mapToLong(ScoringRepository.RescoreJob::total).sum();
                    long done = running.stream().mapToLong(ScoringRepository.RescoreJob::done).sum();
                    return List.of(Sample.of(total == 0 ? 1.0 : Math.min(1.0, (double) done / total)));
                });
    }
}
