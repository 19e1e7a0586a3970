package dev.kam.scoring.domain;

import java.util.List;
import java.util.Map;

/**
 * A customer's score under one model, explained.
 *
 * @param confidence      share of the criteria weight the data allowed to judge (1 = nothing missing)
 * @param criteria        {@code purchasePotential}, {@code buyingComplexity}, {@code partnershipOrientation}
 * @param reasons         which rule decided, in words
 * @param reach           for a key account, how widely it is dispersed (null otherwise)
 * @param whatWouldChange what would change the outcome, in words
 * @param regions         the supplier's sales territories the customer has sites in (the model's, in its order)
 * @param areas           the world areas of those territories
 * @param countries       the countries of its sites
 */
public record ScoreResult(double total, double confidence, Tier tier, Designation designation, Reach reach,
                          Map<String, CriterionScore> criteria, List<String> reasons, List<String> whatWouldChange,
                          List<String> regions, List<String> areas, List<String> countries) {

    public ScoreResult {
        areas = areas == null ? List.of() : areas;
        countries = countries == null ? List.of() : countries;
    }

    /** What the criteria would have needed and did not get. */
    public List<String> missing() {
        return criteria.values().stream().flatMap(criterion -> criterion.missing() == null ? java.util.stream.Stream.empty()
                : criterion.missing().stream()).toList();
    }
}
