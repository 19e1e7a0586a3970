package dev.kam.team.domain;

import java.time.Instant;

/**
 * How a field rep's work on one key account is coordinated (Hise & Reid's fifth condition: coordinated working
 * relationships between sales managers and field reps). The team's key account manager coordinates the rep on this
 * account; the rep's line manager, usually a regional sales manager, keeps managing them and is informed when the rep
 * joins, then agrees (or declines). Line management stays where it is: a rep need not report to the key account
 * manager.
 *
 * @param lineManagerId the rep's manager when the stance was taken
 * @param stance        INFORMED at assignment; AGREED or DECLINED when the line manager answers
 * @param decidedBy     who recorded the stance (the line manager, sales ops on their behalf, or the service at assignment)
 */
public record Coordination(String lineManagerId, Stance stance, String decidedBy, Instant at) {

    public enum Stance { INFORMED, AGREED, DECLINED }

    /**
     * The coordination of a rep joining a team led by {@code keyAccountManagerId}: agreed at once when the rep reports
     * to the key account manager themselves, otherwise their line manager is informed.
     */
    public static Coordination atAssignment(String lineManagerId, String keyAccountManagerId, Instant at) {
        boolean own = lineManagerId.equals(keyAccountManagerId);
        return new Coordination(lineManagerId, own ? Stance.AGREED : Stance.INFORMED, "service:team-coordination-service", at);
    }

    public boolean agreed() {
        return stance == Stance.AGREED;
    }
}
