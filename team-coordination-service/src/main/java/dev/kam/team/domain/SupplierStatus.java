package dev.kam.team.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Our standing at the customer, from its profile: the outcome key account management works for (table 6.1: its goal
 * is preferred-supplier status, not sales). Tracked for every key account from its designation on.
 */
public enum SupplierStatus {
    NONE, APPROVED, PREFERRED, STRATEGIC;

    /** Preferred or strategic: what the programme aims for. */
    public boolean reached() {
        return compareTo(PREFERRED) >= 0;
    }

    public static Optional<SupplierStatus> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One observation of the status, and how it moved from the one before. */
    public record Observation(SupplierStatus status, Instant at, Movement movement) {
    }

    public enum Movement { FIRST, UP, DOWN }

    /** Observations in time order, each with its movement (an unchanged status is not an observation). */
    public static List<Observation> history(List<SupplierStatus> statuses, List<Instant> times) {
        List<Observation> history = new ArrayList<>();
        SupplierStatus previous = null;
        for (int i = 0; i < statuses.size(); i++) {
            SupplierStatus status = statuses.get(i);
            if (status == previous) {
                continue;
            }
            Movement movement = previous == null ? Movement.FIRST : status.compareTo(previous) > 0 ? Movement.UP : Movement.DOWN;
            history.add(new Observation(status, times.get(i), movement));
            previous = status;
        }
        return history;
    }

    /** Whether a goal with this target is achieved at {@code current}: at least the target status. */
    public static boolean achieves(SupplierStatus current, SupplierStatus target) {
        return current != null && current.compareTo(target) >= 0;
    }
}
