package dev.kam.scoring.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An explicit, versioned definition of who is a key account: the source's three criteria, their weights, the
 * thresholds and the parameters of each criterion. A model is data; {@link Scorer} applies it.
 *
 * @param promotionThreshold  a customer becomes a key account when its total reaches this
 * @param demotionThreshold   a key account stays one until its total falls below this (lower: no flapping)
 * @param minimumConfidence   share of the criteria weight that must be known to promote a customer
 * @param nationalAccountRegions a key account present in at least this many regions is a national account
 * @param potentialFloorEur   potential at or below this scores 0 (log scale)
 * @param potentialCeilingEur potential at or above this scores 100
 * @param eurPerUnit          currency rates: how many EUR one unit of the currency is worth
 */
public record ScoringModel(
        Weights weights,
        double promotionThreshold,
        double demotionThreshold,
        double minimumConfidence,
        int nationalAccountRegions,
        double potentialFloorEur,
        double potentialCeilingEur,
        Map<String, BigDecimal> eurPerUnit,
        ComplexityCaps complexityCaps,
        Map<String, Double> partnershipIntentPoints,
        Map<String, Double> supplierStatusPoints,
        double relationshipYearsForFullScore) {

    /** Weights of the three criteria; they sum to 1. */
    public record Weights(double purchasePotential, double buyingComplexity, double partnershipOrientation) {
    }

    /** The value at which each part of buying complexity counts fully (the part scores value / cap, at most 1). */
    public record ComplexityCaps(int buyingCenterSize, int distinctRoles, int selectionCriteria, int regions, int countries,
                                 int functionalAreas, int operatingUnits) {
    }

    /** The model KAM starts with (version 1). Documented in scoring-service/README.md. */
    public static ScoringModel defaults() {
        return new ScoringModel(
                new Weights(0.40, 0.35, 0.25),
                65, 55, 0.65, 3,
                100_000, 50_000_000,
                Map.of("EUR", new BigDecimal("1"), "USD", new BigDecimal("0.92"), "GBP", new BigDecimal("1.17"),
                        "CHF", new BigDecimal("1.05"), "JPY", new BigDecimal("0.0062"), "CNY", new BigDecimal("0.13"),
                        "SEK", new BigDecimal("0.088"), "PLN", new BigDecimal("0.23"), "CAD", new BigDecimal("0.68"),
                        "INR", new BigDecimal("0.011")),
                new ComplexityCaps(12, 5, 10, 3, 8, 6, 5),
                Map.of("NONE", 0.0, "EXPLORING", 40.0, "LONG_TERM_PARTNERSHIP", 80.0, "STRATEGIC_ALLIANCE", 100.0),
                Map.of("NONE", 0.0, "APPROVED", 40.0, "PREFERRED", 80.0, "STRATEGIC", 100.0),
                10);
    }

    /** What is inconsistent in this model; empty when it can be used. Every part is required. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (weights == null) {
            problems.add("weights are required");
        } else {
            double sum = weights.purchasePotential() + weights.buyingComplexity() + weights.partnershipOrientation();
            if (!(Math.abs(sum - 1.0) <= 1e-6)) {
                problems.add("weights must sum to 1, not " + sum);
            }
            if (weights.purchasePotential() < 0 || weights.buyingComplexity() < 0 || weights.partnershipOrientation() < 0) {
                problems.add("weights must not be negative");
            }
        }
        if (!(demotionThreshold <= promotionThreshold)) {
            problems.add("demotionThreshold must not exceed promotionThreshold");
        }
        if (!(promotionThreshold > 0 && promotionThreshold <= 100 && demotionThreshold >= 0)) {
            problems.add("thresholds must lie within 0..100");
        }
        if (!(minimumConfidence >= 0 && minimumConfidence <= 1)) {
            problems.add("minimumConfidence must lie within 0..1");
        }
        if (nationalAccountRegions < 2) {
            problems.add("nationalAccountRegions must be at least 2");
        }
        if (!(potentialFloorEur > 0 && potentialCeilingEur > potentialFloorEur && Double.isFinite(potentialCeilingEur))) {
            problems.add("potential bounds must be positive and finite, the ceiling above the floor");
        }
        if (eurPerUnit == null || eurPerUnit.isEmpty()) {
            problems.add("eurPerUnit must name at least one currency");
        } else if (eurPerUnit.entrySet().stream().anyMatch(rate -> !rate.getKey().matches("[A-Z]{3}")
                || rate.getValue() == null || rate.getValue().signum() <= 0)) {
            problems.add("eurPerUnit must map ISO 4217 codes to positive rates");
        }
        if (complexityCaps == null) {
            problems.add("complexityCaps are required");
        } else if (complexityCaps.buyingCenterSize() < 1 || complexityCaps.distinctRoles() < 1 || complexityCaps.selectionCriteria() < 1
                || complexityCaps.regions() < 1 || complexityCaps.countries() < 1 || complexityCaps.functionalAreas() < 1
                || complexityCaps.operatingUnits() < 1) {
            problems.add("complexityCaps must all be at least 1");
        }
        requirePoints("partnershipIntentPoints", partnershipIntentPoints, problems);
        requirePoints("supplierStatusPoints", supplierStatusPoints, problems);
        if (!(relationshipYearsForFullScore > 0 && Double.isFinite(relationshipYearsForFullScore))) {
            problems.add("relationshipYearsForFullScore must be positive");
        }
        return problems;
    }

    private static void requirePoints(String name, Map<String, Double> points, List<String> problems) {
        if (points == null || points.isEmpty()) {
            problems.add(name + " are required");
        } else if (points.values().stream().anyMatch(value -> value == null || !(value >= 0 && value <= 100))) {
            problems.add(name + " must lie within 0..100");
        }
    }
}
