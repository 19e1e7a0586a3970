package dev.kam.team.domain;

import java.util.ArrayList;
import java.util.List;
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

    /** One field at fault and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    /** What breaks the staff directory's own rules: regions outside the sales territories, being one's own manager. */
    public List<Violation> violations(Set<String> salesTerritories) {
        List<Violation> violations = new ArrayList<>();
        regions.stream().filter(region -> !salesTerritories.contains(region)).sorted().forEach(region -> violations.add(
                new Violation("regions", region + " is not one of the sales territories " + salesTerritories.stream().sorted().toList())));
        if (employeeId.equals(managerId)) {
            violations.add(new Violation("managerId", "names the employee themselves; nobody is their own manager"));
        }
        return violations;
    }

    /** Whether the person may hold {@code role} as they are now. */
    public boolean fits(TeamRole role) {
        return role.fits(function);
    }
}
