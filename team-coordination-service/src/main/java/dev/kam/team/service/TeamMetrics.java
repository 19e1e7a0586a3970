package dev.kam.team.service;

import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.repository.TeamRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.EnumMap;
import java.util.Map;

/**
 * The business gauges of team-coordination-service: teams by status ({@code kam.teams}) and the coverage gaps
 * open on forming teams by kind ({@code kam.coverage.gaps}: a missing role, region or operating unit).
 */
@ApplicationScoped
class TeamMetrics {

    /** Forming teams read at most for the gap gauge; a programme has far fewer open teams. */
    private static final int MAX_FORMING_TEAMS = 100_000;

    void register(@Observes StartupEvent event, SampledGauges gauges, TeamRepository repository) {
        gauges.registerCounts("kam.teams", "Account teams by status", "status", TeamStatus.class, repository::countByStatus);
        gauges.registerCounts("kam.coverage.gaps", "Open coverage gaps of forming teams, by kind (ROLE, REGION, OPERATING_UNIT)", "kind",
                CoverageGap.Kind.class, () -> {
                    Map<CoverageGap.Kind, Long> gaps = new EnumMap<>(CoverageGap.Kind.class);
                    for (Team team : repository.teams(TeamStatus.FORMING, null, MAX_FORMING_TEAMS)) {
                        team.coverageGaps().forEach(gap -> gaps.merge(gap.kind(), 1L, Long::sum));
                    }
                    return gaps;
                });
    }
}
