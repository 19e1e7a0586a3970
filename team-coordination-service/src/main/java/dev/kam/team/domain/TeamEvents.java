package dev.kam.team.domain;

import java.time.Instant;
import java.util.List;

/** The data of the team events on {@code kam.team.events}; their schemas are in event-contracts. */
public final class TeamEvents {

    /** @param restoredFrom the dissolved team whose plan and relationship map the new team took over, if any */
    public record Formed(String customerId, String teamId, String designation, TeamStatus status, String restoredFrom, Instant formedAt) {
    }

    /** How a rep's coordination reads on the events: the line manager's stance, and who coordinates (the team's KAM). */
    public record CoordinationView(String coordinatorId, String lineManagerId, Coordination.Stance stance, String decidedBy, Instant at) {
        public static CoordinationView of(Coordination coordination, String coordinatorId) {
            return coordination == null ? null : new CoordinationView(coordinatorId, coordination.lineManagerId(), coordination.stance(),
                    coordination.decidedBy(), coordination.at());
        }
    }

    public record MemberAssigned(String customerId, String teamId, String memberId, String employeeId, TeamRole role,
                                 List<String> coverage, CoordinationView coordination, Instant assignedAt) {
    }

    public record MemberReleased(String customerId, String teamId, String memberId, String employeeId, TeamRole role,
                                 String reason, Instant releasedAt) {
    }

    public record CoordinationChanged(String customerId, String teamId, String memberId, String employeeId,
                                      CoordinationView coordination, Instant changedAt) {
    }

    public record Activated(String customerId, String teamId, Instant activatedAt) {
    }

    public record CoverageGapDetected(String customerId, String teamId, List<CoverageGap> gaps, Instant detectedAt) {
    }

    public record WindingDown(String customerId, String teamId, String reason, HandOver handOver, List<String> territories,
                              Instant windDownUntil, Instant startedAt) {
    }

    public record Reinstated(String customerId, String teamId, String designation, TeamStatus status, Instant reinstatedAt) {
    }

    public record Dissolved(String customerId, String teamId, String reason, Instant dissolvedAt) {
    }

    private TeamEvents() {
    }
}
