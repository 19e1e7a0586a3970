package dev.kam.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a {@link ScoringModel} to a customer's facts. Pure and deterministic: the same model, facts and
 * previous tier give the same explained result.
 *
 * <p>Each criterion scores 0-100. The total is the weighted mean of the criteria that could be judged; what
 * could not be judged is reported as missing and lowers the confidence instead of counting as zero. A high
 * purchase potential is a must (the model's gate), not only a weight. A key account's reach over the supplier's
 * sales territories decides its designation: over several world areas or many countries it is global, over several
 * territories national (both designated national accounts), otherwise local (a key account).
 */
public final class Scorer {

    public static final String PURCHASE_POTENTIAL = "purchasePotential";
    public static final String BUYING_COMPLEXITY = "buyingComplexity";
    public static final String PARTNERSHIP_ORIENTATION = "partnershipOrientation";

    private Scorer() {
    }

    /** Where the customer is, read through the model's sales territories. */
    public record Geography(List<String> territories, List<String> areas, List<String> countries, List<Place> unassigned) {
    }

    public static Geography geography(ScoringModel model, List<Place> places) {
        Map<String, SalesTerritory> territories = model.territoriesOf(places);
        Set<String> areas = new LinkedHashSet<>();
        territories.values().forEach(territory -> areas.add(territory.area()));
        Set<String> countries = new TreeSet<>();
        places.stream().map(Place::country).filter(java.util.Objects::nonNull).forEach(countries::add);
        List<Place> unassigned = places.stream().filter(place -> model.territoryOf(place).isEmpty()).toList();
        return new Geography(List.copyOf(territories.keySet()), List.copyOf(areas), List.copyOf(countries), unassigned);
    }

    public static ScoreResult score(ScoringModel model, CustomerFacts facts, Tier previousTier) {
        Geography geography = geography(model, facts.places());
        Judged potential = purchasePotential(model, facts);
        Judged complexity = buyingComplexity(model, facts, geography);
        Judged partnership = partnershipOrientation(model, facts);
        double[] weights = {model.weights().purchasePotential(), model.weights().buyingComplexity(), model.weights().partnershipOrientation()};
        Judged[] judged = {potential, complexity, partnership};

        double confidence = 0;
        double weighted = 0;
        for (int i = 0; i < judged.length; i++) {
            if (judged[i].score() != null) {
                confidence += weights[i];
                weighted += weights[i] * judged[i].score();
            }
        }
        double total = confidence == 0 ? 0 : round(weighted / confidence);
        confidence = round(confidence * 100) / 100;

        Map<String, CriterionScore> criteria = new LinkedHashMap<>();
        String[] names = {PURCHASE_POTENTIAL, BUYING_COMPLEXITY, PARTNERSHIP_ORIENTATION};
        for (int i = 0; i < judged.length; i++) {
            Double score = judged[i].score() == null ? null : round(judged[i].score());
            double contribution = score == null || confidence == 0 ? 0 : round(weights[i] * judged[i].score() / confidence);
            criteria.put(names[i], new CriterionScore(score, weights[i], contribution, judged[i].inputs(), judged[i].missing()));
        }

        List<String> reasons = new ArrayList<>();
        Tier tier = tier(model, total, confidence, potential.eur(), previousTier, reasons);
        Designation designation = Designation.NONE;
        Reach reach = null;
        if (tier == Tier.KEY_ACCOUNT) {
            reach = reach(model, geography);
            designation = reach.designation();
            reasons.add(explain(model, reach, geography));
        }
        if (!geography.unassigned().isEmpty()) {
            reasons.add(geography.unassigned().size() + " location" + (geography.unassigned().size() == 1 ? " is" : "s are")
                    + " in none of the sales territories (" + describe(geography.unassigned()) + ")");
        }
        criteria.forEach((name, criterion) -> {
            if (criterion.score() == null) {
                reasons.add(words(name) + " is unknown (missing " + String.join(", ", criterion.missing()) + ")");
            } else {
                reasons.add(words(name) + " contributes " + format(criterion.contribution()) + " points (score "
                        + format(criterion.score()) + " of 100, weight " + formatWeight(criterion.weight()) + ")");
            }
        });

        List<String> whatWouldChange = whatWouldChange(model, tier, reach, geography, potential.eur(), judged, weights);
        return new ScoreResult(total, confidence, tier, designation, reach, criteria, List.copyOf(reasons), whatWouldChange,
                geography.territories(), geography.areas(), geography.countries());
    }

    private static Tier tier(ScoringModel model, double total, double confidence, Double potentialEur, Tier previousTier,
                             List<String> reasons) {
        boolean reachesPromotion = total >= model.promotionThreshold();
        boolean confident = confidence >= model.minimumConfidence();
        if (potentialEur == null || potentialEur < model.minimumPotentialEur()) {
            String gate = potentialEur == null
                    ? "the annual purchase potential is unknown, and the model admits no key account without one of at least "
                      + exact(model.minimumPotentialEur())
                    : "the annual purchase potential of " + exact(potentialEur) + " is below the model's minimum of "
                      + exact(model.minimumPotentialEur()) + " for a key account";
            reasons.add(previousTier == Tier.KEY_ACCOUNT ? gate + ", so the key account is revoked" : gate);
            return Tier.STANDARD;
        }
        if (reachesPromotion && confident) {
            reasons.add("total " + format(total) + " reaches the promotion threshold " + format(model.promotionThreshold()));
            return Tier.KEY_ACCOUNT;
        }
        if (previousTier == Tier.KEY_ACCOUNT && total >= model.demotionThreshold()) {
            reasons.add("total " + format(total) + " is below the promotion threshold " + format(model.promotionThreshold())
                    + " but not below the demotion threshold " + format(model.demotionThreshold()) + ", so the key account is kept");
            return Tier.KEY_ACCOUNT;
        }
        if (previousTier == Tier.KEY_ACCOUNT) {
            reasons.add("total " + format(total) + " fell below the demotion threshold " + format(model.demotionThreshold()));
        } else if (reachesPromotion) {
            reasons.add("total " + format(total) + " reaches the promotion threshold " + format(model.promotionThreshold())
                    + " but only " + percent(confidence) + " of the criteria weight is known (at least "
                    + percent(model.minimumConfidence()) + " is needed)");
        } else {
            reasons.add("total " + format(total) + " is below the promotion threshold " + format(model.promotionThreshold()));
        }
        return Tier.STANDARD;
    }

    /** A key account's reach: over world areas or many countries global, over sales territories national, otherwise local. */
    public static Reach reach(ScoringModel model, Geography geography) {
        if (geography.areas().size() >= model.globalAccountAreas() || geography.countries().size() >= model.globalAccountCountries()) {
            return Reach.GLOBAL;
        }
        if (geography.territories().size() >= model.nationalAccountTerritories()) {
            return Reach.NATIONAL;
        }
        return Reach.LOCAL;
    }

    private static String explain(ScoringModel model, Reach reach, Geography geography) {
        int territories = geography.territories().size();
        String inTerritories = territories + " sales territor" + (territories == 1 ? "y" : "ies")
                + (territories == 0 ? "" : " (" + String.join(", ", geography.territories()) + ")");
        return switch (reach) {
            case GLOBAL -> "a global account: present in " + geography.areas().size() + " world area" + (geography.areas().size() == 1 ? "" : "s")
                    + " (" + String.join(", ", geography.areas()) + ") and " + geography.countries().size() + " countr"
                    + (geography.countries().size() == 1 ? "y" : "ies") + " (" + String.join(", ", geography.countries()) + "); "
                    + model.globalAccountAreas() + " world areas or " + model.globalAccountCountries() + " countries make a global account";
            case NATIONAL -> "a national account: present in " + inTerritories + "; " + model.nationalAccountTerritories()
                    + " or more make a national account";
            case LOCAL -> "present in " + inTerritories + "; " + model.nationalAccountTerritories() + " would make it a national account";
        };
    }

    /** @param eur the potential in EUR, null when it could not be judged */
    private record Judged(Double score, Map<String, Object> inputs, List<String> missing, Double eur) {
        Judged(Double score, Map<String, Object> inputs, List<String> missing) {
            this(score, inputs, missing, null);
        }
    }

    /** Annual potential in EUR on a log scale between the model's floor (0) and ceiling (100). */
    private static Judged purchasePotential(ScoringModel model, CustomerFacts facts) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (facts.potentialAmount() == null) {
            return new Judged(null, inputs, List.of("annualPurchasePotential"));
        }
        inputs.put("annualPurchasePotential", facts.potentialAmount());
        inputs.put("currency", facts.potentialCurrency());
        BigDecimal rate = model.eurPerUnit().get(facts.potentialCurrency());
        if (rate == null) {
            return new Judged(null, inputs, List.of("a rate for " + facts.potentialCurrency() + " in the model"));
        }
        double eur = facts.potentialAmount().multiply(rate).doubleValue();
        inputs.put("annualPurchasePotentialEur", Math.round(eur));
        inputs.put("minimumPotentialEur", Math.round(model.minimumPotentialEur()));
        return new Judged(potentialScore(model, eur), inputs, List.of(), eur);
    }

    static double potentialScore(ScoringModel model, double eur) {
        if (eur <= model.potentialFloorEur()) {
            return 0;
        }
        double position = Math.log(eur / model.potentialFloorEur()) / Math.log(model.potentialCeilingEur() / model.potentialFloorEur());
        return 100 * Math.min(1, position);
    }

    /** The potential in EUR that scores {@code score}: the inverse of the log scale. */
    static double potentialFor(ScoringModel model, double score) {
        return model.potentialFloorEur() * Math.pow(model.potentialCeilingEur() / model.potentialFloorEur(), score / 100);
    }

    /** Size and spread of the buying organisation: each part counts up to its cap, the parts weigh alike. */
    private static Judged buyingComplexity(ScoringModel model, CustomerFacts facts, Geography geography) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (facts.complexityUnknown()) {
            return new Judged(null, inputs, List.of("buyingCenter", "locations", "operatingUnits", "functionalAreas", "selectionCriteria"));
        }
        ScoringModel.ComplexityCaps caps = model.complexityCaps();
        inputs.put("buyingCenterSize", facts.buyingCenterSize());
        inputs.put("distinctRoles", facts.distinctRoles());
        inputs.put("selectionCriteria", facts.criteria().size());
        inputs.put("territories", geography.territories().size());
        inputs.put("countries", geography.countries().size());
        inputs.put("functionalAreas", facts.areas().size());
        inputs.put("operatingUnits", facts.operatingUnits());
        double[] parts = {
                part(facts.buyingCenterSize(), caps.buyingCenterSize()), part(facts.distinctRoles(), caps.distinctRoles()),
                part(facts.criteria().size(), caps.selectionCriteria()), part(geography.territories().size(), caps.territories()),
                part(geography.countries().size(), caps.countries()), part(facts.areas().size(), caps.functionalAreas()),
                part(facts.operatingUnits(), caps.operatingUnits())};
        double sum = 0;
        for (double part : parts) {
            sum += part;
        }
        return new Judged(100 * sum / parts.length, inputs, List.of());
    }

    private static double part(int value, int cap) {
        return Math.min(1.0, (double) value / cap);
    }

    /**
     * The customer's wish for a partnership: its stated intent, and the evidence of it (top management in the buying
     * centre; selection criteria that ask for partnership), over what is known.
     */
    private static Judged partnershipOrientation(ScoringModel model, CustomerFacts facts) {
        ScoringModel.Partnership partnership = model.partnership();
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        double weighted = 0;
        double known = 0;
        Double intent = facts.partnershipIntent() == null ? null : partnership.intentPoints().get(facts.partnershipIntent());
        if (intent == null) {
            missing.add("partnershipIntent");
        } else {
            inputs.put("partnershipIntent", facts.partnershipIntent());
            weighted += partnership.intentShare() * intent;
            known += partnership.intentShare();
        }
        if (facts.partnershipEvidenceUnknown()) {
            missing.add("functionalAreas or selectionCriteria");
        } else {
            boolean topManagement = facts.areas().contains("EXECUTIVE");
            List<String> asking = facts.criteria().stream().filter(criterion -> asksForPartnership(partnership, criterion)).toList();
            inputs.put("topManagementInvolved", topManagement);
            inputs.put("partnershipCriteria", asking);
            double evidence = 100 * ((topManagement ? 1 : 0) + (asking.isEmpty() ? 0 : 1)) / 2.0;
            weighted += partnership.evidenceShare() * evidence;
            known += partnership.evidenceShare();
        }
        if (known == 0) {
            return new Judged(null, inputs, missing);
        }
        return new Judged(weighted / known, inputs, missing);
    }

    private static boolean asksForPartnership(ScoringModel.Partnership partnership, String criterion) {
        String text = criterion.toLowerCase(Locale.ROOT);
        return partnership.evidenceCriteria().stream().anyMatch(word -> text.contains(word.toLowerCase(Locale.ROOT)));
    }

    private static List<String> whatWouldChange(ScoringModel model, Tier tier, Reach reach, Geography geography,
                                                Double potentialEur, Judged[] judged, double[] weights) {
        List<String> changes = new ArrayList<>();
        if (tier == Tier.KEY_ACCOUNT) {
            changes.add("a total below " + format(model.demotionThreshold()) + ", or an annual purchase potential below "
                    + exact(model.minimumPotentialEur()) + ", would revoke key-account status");
            if (reach == Reach.LOCAL) {
                int more = model.nationalAccountTerritories() - geography.territories().size();
                changes.add("sites in " + more + " more sales territor" + (more == 1 ? "y" : "ies") + " would make it a national account");
            }
            if (reach != Reach.GLOBAL) {
                int areas = model.globalAccountAreas() - geography.areas().size();
                int countries = model.globalAccountCountries() - geography.countries().size();
                changes.add("sites in " + areas + " more world area" + (areas == 1 ? "" : "s") + ", or in " + countries + " more countr"
                        + (countries == 1 ? "y" : "ies") + ", would make it a global account");
            }
            return changes;
        }
        // Which purchase potential, other things equal, would reach the promotion threshold (and the gate)?
        double others = 0;
        double otherWeights = 0;
        for (int i = 1; i < judged.length; i++) {
            if (judged[i].score() != null) {
                others += weights[i] * judged[i].score();
                otherWeights += weights[i];
            }
        }
        double confidenceWithPotential = otherWeights + weights[0];
        if (weights[0] > 0 && confidenceWithPotential >= model.minimumConfidence()) {
            double needed = (model.promotionThreshold() * confidenceWithPotential - others) / weights[0];
            if (needed <= 100) {
                double eur = Math.max(model.minimumPotentialEur(), needed <= 0 ? 0 : potentialFor(model, needed));
                boolean gateDecides = needed <= 0 || potentialFor(model, needed) <= model.minimumPotentialEur();
                changes.add("an annual purchase potential of at least " + (gateDecides ? exact(eur) + " would make this a key account (the model's minimum)"
                        : roundedUp(eur) + " would make this a key account"));
            } else {
                changes.add("no purchase potential alone would make this a key account; buying complexity or partnership would have to grow too");
            }
        } else if (potentialEur == null) {
            changes.add("a known annual purchase potential of at least " + exact(model.minimumPotentialEur())
                    + " is the first condition of a key account");
        }
        for (int i = 1; i < judged.length; i++) {
            if (judged[i].score() == null) {
                changes.add("knowing " + String.join(", ", judged[i].missing()) + " would let the model judge "
                        + words(i == 1 ? BUYING_COMPLEXITY : PARTNERSHIP_ORIENTATION));
            }
        }
        return changes;
    }

    private static String describe(List<Place> places) {
        return String.join(", ", places.stream().limit(5).map(place -> place.country() + (place.region() == null ? "" : "/" + place.region()))
                .toList()) + (places.size() > 5 ? ", ..." : "");
    }

    private static String words(String criterion) {
        return switch (criterion) {
            case PURCHASE_POTENTIAL -> "purchase potential";
            case BUYING_COMPLEXITY -> "buying complexity";
            default -> "partnership orientation";
        };
    }

    // The explanation's numbers are written by hand, not with String.format: every score writes a dozen of them,
    // and Formatter's parsing of its pattern was a tenth of the scoring consumer's CPU (bench profile, scenario 3).
    // ScorerTest holds them to String.format's output.

    /** An amount the model names (its minimum, a customer's potential), to the euro: 1,000,000 EUR. */
    static String exact(double eur) {
        double whole = Math.floor(eur);
        if (!(whole >= 0 && whole < 1e15)) {
            return String.format(Locale.ROOT, "%,.0f EUR", whole);
        }
        String digits = Long.toString((long) whole);
        StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / 3 + 4);
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        grouped.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            grouped.append(',').append(digits, i, i + 3);
        }
        return grouped.append(" EUR").toString();
    }

    /** An amount that is enough, rounded up so it still is: 3.3 M EUR, 420 k EUR. */
    static String roundedUp(double eur) {
        if (eur >= 1_000_000) {
            return oneDecimal(Math.ceil(eur / 100_000) / 10) + " M EUR";
        }
        double thousands = Math.ceil(eur / 1_000);
        return (Math.abs(thousands) < 1e15 ? Long.toString((long) thousands) : String.format(Locale.ROOT, "%.0f", thousands)) + " k EUR";
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    /** A whole number as one, anything else to one decimal: 62, 62.5. */
    /** A weight as the model gives it (0.35, not 0.4): the shortest decimal form, never rounded to one digit. */
    static String formatWeight(double weight) {
        return java.math.BigDecimal.valueOf(weight).stripTrailingZeros().toPlainString();
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : oneDecimal(value);
    }

    /** As {@code String.format(Locale.ROOT, "%.1f", value)}, which rounds the shortest decimal form half up, as BigDecimal.valueOf does. */
    private static String oneDecimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
