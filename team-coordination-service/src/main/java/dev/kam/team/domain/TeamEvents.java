package dev.kam.team.domain;

import java.time.Instant;
import java.util.List;

/** The data of the team events on {@code kam.team.events}; their schemas are in event-contracts. */
public final class TeamEvents {

    public record Formed(String customerId, String teamId, String designation, TeamStatus status, Instant formedAt) {
    }

    public record MemberAssigned(String customerId, String teamId, String memberId, String employeeId, TeamRole role,
                                 List<String> coverage, Instant assignedAt) {
    }

    public record MemberReleased(String customerId, String teamId, String memberId, String employeeId, TeamRole role,
                                 String reason, Instant releasedAt) {
    }

    public record Activated(String customerId, String teamId, Instant activatedAt) {
    }

    public record CoverageGapDetected(String customerId, String teamId, List<CoverageGap> gaps, Instant detectedAt) {
    }

    public record Dissolved(String customerId, String teamId, String reason, Instant dissolvedAt) {
    }

    private TeamEvents() {
    }
}
