package dev.kam.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a {@link ScoringModel} to a customer's facts. Pure and deterministic: the same model, facts,
 * previous tier and day give the same explained result.
 *
 * <p>Each criterion scores 0-100. The total is the weighted mean of the criteria that could be judged; what
 * could not be judged is reported as missing and lowers the confidence instead of counting as zero.
 */
public final class Scorer {

    public static final String PURCHASE_POTENTIAL = "purchasePotential";
    public static final String BUYING_COMPLEXITY = "buyingComplexity";
    public static final String PARTNERSHIP_ORIENTATION = "partnershipOrientation";

    private Scorer() {
    }

    public static ScoreResult score(ScoringModel model, CustomerFacts facts, Tier previousTier, LocalDate today) {
        Judged potential = purchasePotential(model, facts);
        Judged complexity = buyingComplexity(model, facts);
        Judged partnership = partnershipOrientation(model, facts, today);
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
        Tier tier = tier(model, total, confidence, previousTier, reasons);
        List<String> regions = facts.sortedRegions();
        Designation designation = Designation.NONE;
        if (tier == Tier.KEY_ACCOUNT) {
            designation = regions.size() >= model.nationalAccountRegions() ? Designation.NATIONAL_ACCOUNT : Designation.KEY_ACCOUNT;
            reasons.add(designation == Designation.NATIONAL_ACCOUNT
                    ? "present in " + regions.size() + " regions (" + String.join(", ", regions) + "); "
                      + model.nationalAccountRegions() + " or more make a national account"
                    : "present in " + regions.size() + " region" + (regions.size() == 1 ? "" : "s") + "; "
                      + model.nationalAccountRegions() + " would make it a national account");
        }
        criteria.forEach((name, criterion) -> {
            if (criterion.score() == null) {
                reasons.add(words(name) + " is unknown (missing " + String.join(", ", criterion.missing()) + ")");
            } else {
                reasons.add(words(name) + " contributes " + format(criterion.contribution()) + " points (score "
                        + format(criterion.score()) + " of 100, weight " + format(criterion.weight()) + ")");
            }
        });

        List<String> whatWouldChange = whatWouldChange(model, facts, tier, designation, regions, judged, weights);
        return new ScoreResult(total, confidence, tier, designation, criteria, List.copyOf(reasons), whatWouldChange, regions);
    }

    private static Tier tier(ScoringModel model, double total, double confidence, Tier previousTier, List<String> reasons) {
        boolean reachesPromotion = total >= model.promotionThreshold();
        boolean confident = confidence >= model.minimumConfidence();
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

    private record Judged(Double score, Map<String, Object> inputs, List<String> missing) {
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
        return new Judged(potentialScore(model, eur), inputs, List.of());
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
    private static Judged buyingComplexity(ScoringModel model, CustomerFacts facts) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (facts.complexityUnknown()) {
            return new Judged(null, inputs, List.of("buyingCenter", "locations", "operatingUnits", "functionalAreas", "selectionCriteria"));
        }
        ScoringModel.ComplexityCaps caps = model.complexityCaps();
        inputs.put("buyingCenterSize", facts.buyingCenterSize());
        inputs.put("distinctRoles", facts.distinctRoles());
        inputs.put("selectionCriteria", facts.selectionCriteria());
        inputs.put("regions", facts.regions().size());
        inputs.put("countries", facts.countries());
        inputs.put("functionalAreas", facts.functionalAreas());
        inputs.put("operatingUnits", facts.operatingUnits());
        double[] parts = {
                part(facts.buyingCenterSize(), caps.buyingCenterSize()), part(facts.distinctRoles(), caps.distinctRoles()),
                part(facts.selectionCriteria(), caps.selectionCriteria()), part(facts.regions().size(), caps.regions()),
                part(facts.countries(), caps.countries()), part(facts.functionalAreas(), caps.functionalAreas()),
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

    /** Partnership intent (60 %), supplier status (25 %) and relationship length (15 %), over what is known. */
    private static Judged partnershipOrientation(ScoringModel model, CustomerFacts facts, LocalDate today) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        double weighted = 0;
        double known = 0;
        Double intent = facts.partnershipIntent() == null ? null : model.partnershipIntentPoints().get(facts.partnershipIntent());
        if (intent == null) {
            missing.add("partnershipIntent");
        } else {
            inputs.put("partnershipIntent", facts.partnershipIntent());
            weighted += 0.60 * intent;
            known += 0.60;
        }
        Double status = facts.supplierStatus() == null ? null : model.supplierStatusPoints().get(facts.supplierStatus());
        if (status == null) {
            missing.add("supplierStatus");
        } else {
            inputs.put("supplierStatus", facts.supplierStatus());
            weighted += 0.25 * status;
            known += 0.25;
        }
        if (facts.relationshipSince() == null) {
            missing.add("relationshipSince");
        } else {
            double years = Math.max(0, ChronoUnit.DAYS.between(facts.relationshipSince(), today) / 365.25);
            inputs.put("relationshipYears", round(years));
            weighted += 0.15 * 100 * Math.min(1, years / model.relationshipYearsForFullScore());
            known += 0.15;
        }
        if (known == 0) {
            return new Judged(null, inputs, missing);
        }
        return new Judged(weighted / known, inputs, missing);
    }

    private static List<String> whatWouldChange(ScoringModel model, CustomerFacts facts, Tier tier, Designation designation,
                                                List<String> regions, Judged[] judged, double[] weights) {
        List<String> changes = new ArrayList<>();
        if (tier == Tier.KEY_ACCOUNT) {
            changes.add("a total below " + format(model.demotionThreshold()) + " would revoke key-account status");
            if (designation == Designation.KEY_ACCOUNT) {
                int more = model.nationalAccountRegions() - regions.size();
                changes.add("locations in " + more + " more region" + (more == 1 ? "" : "s") + " would make it a national account");
            }
            return changes;
        }
        // Which purchase potential, other things equal, would reach the promotion threshold?
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
            if (needed <= 0) {
                changes.add("any known annual purchase potential would make this a key account");
            } else if (needed <= 100) {
                changes.add("an annual purchase potential above " + money(potentialFor(model, needed)) + " would make this a key account");
            } else {
                changes.add("no purchase potential alone would make this a key account; buying complexity or partnership would have to grow too");
            }
        }
        for (int i = 0; i < judged.length; i++) {
            if (judged[i].score() == null && i > 0) {
                changes.add("knowing " + String.join(", ", judged[i].missing()) + " would let the model judge " + words(i == 1 ? BUYING_COMPLEXITY : PARTNERSHIP_ORIENTATION));
            }
        }
        return changes;
    }

    private static String words(String criterion) {
        return switch (criterion) {
            case PURCHASE_POTENTIAL -> "purchase potential";
            case BUYING_COMPLEXITY -> "buying complexity";
            default -> "partnership orientation";
        };
    }

    static String money(double eur) {
        if (eur >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M EUR", eur / 1_000_000);
        }
        return String.format(Locale.ROOT, "%.0f k EUR", eur / 1_000);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
