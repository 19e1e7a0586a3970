package dev.kam.scoring.domain;

import java.util.List;
import java.util.Map;

/**
 * A customer's score under one model, explained.
 *
 * @param confidence     share of the criteria weight the data allowed to judge (1 = nothing missing)
 * @param criteria       {@code purchasePotential}, {@code buyingComplexity}, {@code partnershipOrientation}
 * @param reasons        which rule decided, in words
 * @param whatWouldChange what would change the outcome, in words
 */
public record ScoreResult(double total, double confidence, Tier tier, Designation designation,
                          Map<String, CriterionScore> criteria, List<String> reasons, List<String> whatWouldChange,
                          List<String> regions) {
}
