package dev.kam.console.domain;

import java.util.List;

/**
 * One of the three criteria of a key account (domain.md): its score out of 100, its weight in the model and the points
 * it contributes to the total; {@code missing} names inputs the profile lacks, which lower the confidence.
 */
public record Criterion(String key, String label, double score, double weight, double contribution, List<String> missing) {

    public Criterion {
        missing = List.copyOf(missing);
    }

    /** The label for a criterion's key as the scoring model names it. */
    public static String labelOf(String key) {
        return switch (key) {
            case "purchasePotential" -> "Purchase potential";
            case "buyingComplexity" -> "Buying complexity";
            case "partnershipOrientation" -> "Partnership orientation";
            default -> key;
        };
    }

    /** The criterion in one word, where three bars share a table cell. */
    public String shortLabel() {
        return switch (key) {
            case "purchasePotential" -> "Potential";
            case "buyingComplexity" -> "Complexity";
            case "partnershipOrientation" -> "Partnership";
            default -> label;
        };
    }

    /** The bar's width in percent of its track. */
    public long barPercent() {
        return Math.round(Math.max(0, Math.min(100, score)));
    }
}
