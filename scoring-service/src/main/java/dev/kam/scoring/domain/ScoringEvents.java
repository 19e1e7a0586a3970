package dev.kam.scoring.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The data of scoring's events; their schemas are in event-contracts. */
public final class ScoringEvents {

    /** {@code kam.scoring.customer-scored.v1} */
    public record CustomerScored(String customerId, int modelVersion, double score, Double previousScore, Tier tier,
                                 Designation designation, double confidence, Map<String, CriterionScore> criteria,
                                 List<String> reasons, Instant scoredAt) {
    }

    /** {@code kam.scoring.key-account-designated.v1} */
    public record KeyAccountDesignated(String customerId, Designation designation, int modelVersion, double score,
                                       List<String> regions, List<String> reasons, Instant designatedAt) {
    }

    /** {@code kam.scoring.designation-changed.v1} */
    public record DesignationChanged(String customerId, Designation from, Designation to, int modelVersion, double score,
                                     List<String> regions, List<String> reasons, Instant changedAt) {
    }

    /** {@code kam.scoring.key-account-revoked.v1} */
    public record KeyAccountRevoked(String customerId, Designation previousDesignation, int modelVersion, Double score,
                                    List<String> reasons, Instant revokedAt) {
    }

    /** {@code kam.scoring.key-account-state.v1}, on the compacted {@code kam.key-accounts.state} */
    public record KeyAccountState(String customerId, Designation designation, int modelVersion, double score,
                                  List<String> regions, Instant since) {
    }

    private ScoringEvents() {
    }
}
