package dev.kam.console.domain;

import java.util.List;

/** Who team-coordination-service proposes for what a team lacks, each with the reason, and what it could not fill. */
public record StaffingProposal(List<Proposed> proposals, List<Unfilled> unfilled) {

    public record Proposed(String role, String employeeId, List<String> coverage, String reason) {
        public String roleLabel() {
            return Labels.of(role);
        }
    }

    public record Unfilled(String gap, String reason) {
    }

    public StaffingProposal {
        proposals = List.copyOf(proposals);
        unfilled = List.copyOf(unfilled);
    }
}
