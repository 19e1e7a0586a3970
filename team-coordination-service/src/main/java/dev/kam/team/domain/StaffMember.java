package dev.kam.team.domain;

import java.util.Set;

/**
 * A person of the supplier as HR/CRM syncs them.
 *
 * @param capacity  how many key accounts the person can carry at once
 * @param managerId the employee id of their manager; field reps of a team must work under its key account manager
 */
public record StaffMember(String employeeId, String name, String email, StaffFunction function, Set<String> regions,
                          Set<String> industries, int capacity, String managerId) {

    public StaffMember {
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        industries = industries == null ? Set.of() : Set.copyOf(industries);
    }
}
