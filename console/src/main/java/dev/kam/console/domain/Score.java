package dev.kam.console.domain;

import java.util.List;

/**
 * A customer's score with its explanation, as scoring-service gives it: the criteria with weights and contributions,
 * the confidence (the share of inputs known), the reasons and what would change the tier.
 *
 * @param override the tier sales ops force, with reason and expiry, or null
 */
public record Score(String customerId, int modelVersion, double score, String tier, String designation, String reach, double confidence,
                    List<Criterion> criteria, List<String> reasons, List<String> whatWouldChange, List<String> regions, Override override) {

    public record Override(String tier, String reason, String expiresAt, String by) {
    }

    public Score {
        criteria = List.copyOf(criteria);
        reasons = List.copyOf(reasons);
        whatWouldChange = List.copyOf(whatWouldChange);
        regions = List.copyOf(regions);
    }

    public long confidencePercent() {
        return Math.round(confidence * 100);
    }

    public String designationLabel() {
        return Labels.of(designation);
    }

    public String tierLabel() {
        return Labels.of(tier);
    }
}
