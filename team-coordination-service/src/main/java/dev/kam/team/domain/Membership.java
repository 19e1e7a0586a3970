package dev.kam.team.domain;

import java.time.Instant;
import java.util.Set;

/**
 * One person in one role on a team. {@code coverage} names what a field rep covers: {@code region:DE-SOUTH} (a sales
 * territory), {@code unit:Powertrain}; {@code coordination}, for a field rep only, how their work here is coordinated
 * with their line manager. A released membership stays in the team's history.
 */
public record Membership(String memberId, String employeeId, TeamRole role, Set<String> coverage, Instant since, Instant releasedAt,
                         Coordination coordination) {

    public Membership {
        coverage = coverage == null ? Set.of() : Set.copyOf(coverage);
    }

    public boolean active() {
        return releasedAt == null;
    }

    Membership released(Instant at) {
        return new Membership(memberId, employeeId, role, coverage, since, at, coordination);
    }

    Membership coordinated(Coordination changed) {
        return new Membership(memberId, employeeId, role, coverage, since, releasedAt, changed);
    }

    public static String region(String region) {
        return "region:" + region;
    }

    public static String unit(String unit) {
        return "unit:" + unit;
    }
}
