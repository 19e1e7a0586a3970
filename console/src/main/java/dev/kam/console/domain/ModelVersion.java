package dev.kam.console.domain;

import java.util.List;

/** A version of the scoring model: its weights and thresholds as the model page shows and edits them. */
public record ModelVersion(int version, String status, String description, List<Weight> weights, double promotion, double demotion,
                           double minimumConfidence, double minimumPotentialEur) {

    public record Weight(String key, String label, double weight) {
        public long percent() {
            return Math.round(weight * 100);
        }
    }

    public ModelVersion {
        weights = List.copyOf(weights);
    }

    public boolean draft() {
        return "DRAFT".equals(status);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** A criterion's weight in percent (0 when the model has no such criterion). */
    public long weightPercent(String key) {
        return weights.stream().filter(weight -> weight.key().equals(key)).mapToLong(Weight::percent).findFirst().orElse(0);
    }
}
