package dev.kam.team.service;

import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.repository.TeamRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The business gauges of team-coordination-service: teams by status ({@code kam.teams}) and the coverage gaps
 * open on forming teams by kind ({@code kam.coverage.gaps}: a missing role, region or operating unit).
 */
@ApplicationScoped
class TeamMetrics {

    void register(@Observes StartupEvent event, SampledGauges gauges, TeamRepository repository) {
        gauges.registerCounts("kam.teams", "Account teams by status", "status", TeamStatus.class, repository::countByStatus);
        gauges.registerCounts("kam.coverage.gaps", "Open coverage gaps of forming teams, by kind (ROLE, REGION, OPERATING_UNIT)", "kind",
                CoverageGap.Kind.class, repository::formingTeamGaps);
    }
}
