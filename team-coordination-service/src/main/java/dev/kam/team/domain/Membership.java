package dev.kam.team.domain;

import java.time.Instant;
import java.util.Set;

/**
 * One person in one role on a team. {@code coverage} names what a field rep covers: {@code region:EMEA},
 * {@code unit:Powertrain}. A released membership stays in the team's history.
 */
public record Membership(String memberId, String employeeId, TeamRole role, Set<String> coverage, Instant since, Instant releasedAt) {

    public Membership {
        coverage = coverage == null ? Set.of() : Set.copyOf(coverage);
    }

    public boolean active() {
        return releasedAt == null;
    }

    Membership released(Instant at) {
        return new Membership(memberId, employeeId, role, coverage, since, at);
    }

    public static String region(String region) {
        return "region:" + region;
    }

    public static String unit(String unit) {
        return "unit:" + unit;
    }
}
