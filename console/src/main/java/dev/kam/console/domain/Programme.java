package dev.kam.console.domain;

import java.util.List;
import java.util.Map;

/**
 * The key-account programme as a whole: Hise &amp; Reid's scorecard over all teams, teams by status, the open coverage gaps
 * and each person's load against their capacity.
 *
 * @param teamsByStatus  at most {@code cap} teams counted per status (the team list's page limit); {@code capped} says when reached
 */
public record Programme(int teams, List<ConditionShare> scorecard, Map<String, Integer> teamsByStatus, boolean capped,
                        List<TeamGaps> openGaps, List<StaffLoad> staffLoad, String supplierStatusShare) {

    public record ConditionShare(int number, String name, int met, double share) {
        public long percent() {
            return Math.round(share * 100);
        }
    }

    /** A team with what it still lacks. */
    public record TeamGaps(String customerId, String name, String status, List<String> gaps) {
    }

    /** @param load the teams the person is on (forming, active or winding down) */
    public record StaffLoad(String employeeId, String name, String function, int load, int capacity) {
        public boolean over() {
            return load > capacity;
        }

        public long percent() {
            return capacity == 0 ? (load == 0 ? 0 : 100) : Math.min(100, Math.round(100.0 * load / capacity));
        }
    }

    public Programme {
        scorecard = List.copyOf(scorecard);
        teamsByStatus = Map.copyOf(teamsByStatus);
        openGaps = List.copyOf(openGaps);
        staffLoad = List.copyOf(staffLoad);
    }
}
