package dev.kam.scoring.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data of scoring's events; their schemas are in event-contracts. {@code regions} are the supplier's sales
 * territories the customer has sites in; {@code reach}, {@code areas}, {@code countries}, {@code confidence},
 * {@code missing} and {@code override} were added to the v1 events (optional, so older consumers read on).
 */
public final class ScoringEvents {

    /** An override in force: who set it, why, since when, until when. */
    public record OverrideInfo(String by, String reason, Instant since, Instant expiresAt) {
    }

    /** How clearly the customer was identified: the share of criteria weight known, what was missing, an override. */
    public record Identification(double confidence, List<String> missing, OverrideInfo override) {
    }

    /** {@code kam.scoring.customer-scored.v1} */
    public record CustomerScored(String customerId, int modelVersion, double score, Double previousScore, Tier tier,
                                 Designation designation, Reach reach, double confidence, Map<String, CriterionScore> criteria,
                                 List<String> reasons, Instant scoredAt) {
    }

    /** {@code kam.scoring.key-account-designated.v1} */
    public record KeyAccountDesignated(String customerId, Designation designation, Reach reach, int modelVersion, double score,
                                       List<String> regions, List<String> areas, List<String> countries, List<String> reasons,
                                       double confidence, List<String> missing, OverrideInfo override, Instant designatedAt) {
    }

    /** {@code kam.scoring.designation-changed.v1} */
    public record DesignationChanged(String customerId, Designation from, Designation to, Reach reach, int modelVersion, double score,
                                     List<String> regions, List<String> areas, List<String> countries, List<String> reasons,
                                     double confidence, List<String> missing, OverrideInfo override, Instant changedAt) {
    }

    /** {@code kam.scoring.key-account-updated.v1}: the designation stays; territories, reach or identification changed. */
    public record KeyAccountUpdated(String customerId, Designation designation, Reach reach, int modelVersion, double score,
                                    List<String> regions, List<String> areas, List<String> countries, List<String> reasons,
                                    double confidence, List<String> missing, OverrideInfo override, Instant updatedAt) {
    }

    /** {@code kam.scoring.key-account-revoked.v1} */
    public record KeyAccountRevoked(String customerId, Designation previousDesignation, int modelVersion, Double score,
                                    List<String> reasons, Instant revokedAt) {
    }

    /** {@code kam.scoring.key-account-state.v1}, on the compacted {@code kam.key-accounts.state} */
    public record KeyAccountState(String customerId, Designation designation, Reach reach, int modelVersion, double score,
                                  List<String> regions, List<String> areas, List<String> countries, Instant since) {
    }

    private ScoringEvents() {
    }
}
