package dev.kam.console.domain;

import java.util.List;

/**
 * An account team as team-coordination-service gives it: members by role, the coverage of the customer's regions and
 * units by field reps, and what is still uncovered.
 */
public record Team(String customerId, String status, String designation, List<String> territories, List<Member> members,
                   List<Gap> coverageGaps, List<Coverage> coverage) {

    public record Member(String memberId, String employeeId, String role, List<String> coverage) {
        public String roleLabel() {
            return Labels.of(role);
        }
    }

    public record Gap(String kind, String value) {
        public String label() {
            return "ROLE".equals(kind) ? "no " + Labels.of(value).toLowerCase(java.util.Locale.ROOT) : Labels.of(kind) + " " + value + " uncovered";
        }
    }

    /** A region or operating unit of the customer and the field reps covering it (none: a gap). */
    public record Coverage(String kind, String value, List<String> fieldReps) {
        public boolean gap() {
            return fieldReps.isEmpty();
        }

        public String kindLabel() {
            return kind.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public Team {
        territories = List.copyOf(territories);
        members = List.copyOf(members);
        coverageGaps = List.copyOf(coverageGaps);
        coverage = List.copyOf(coverage);
    }

    /** The employee id of the team's key account manager, or null while it has none. */
    public String keyAccountManager() {
        return members.stream().filter(member -> "KEY_ACCOUNT_MANAGER".equals(member.role())).map(Member::employeeId).findFirst().orElse(null);
    }

    public String statusLabel() {
        return Labels.of(status);
    }

    public boolean forming() {
        return "FORMING".equals(status);
    }
}
