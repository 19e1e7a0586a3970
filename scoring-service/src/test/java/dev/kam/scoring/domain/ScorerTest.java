package dev.kam.scoring.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScorerTest {

    private static final ScoringModel MODEL = ScoringModel.defaults();
    private static final LocalDate TODAY = LocalDate.parse("2026-11-26");

    static CustomerFacts facts(String amount, String currency, int buyingCenter, int roles, int criteria, Set<String> regions,
                               int countries, int areas, int units, String intent, String status, String since) {
        return new CustomerFacts(amount == null ? null : new BigDecimal(amount), currency, buyingCenter, roles, criteria, regions,
                countries, areas, units, intent, status, since == null ? null : LocalDate.parse(since));
    }

    /** A large multi-region buyer with a big buying centre and a partnership wish. */
    static CustomerFacts strategicBuyer() {
        return facts("30000000", "EUR", 14, 6, 9, Set.of("EMEA", "AMERICAS", "APAC"), 9, 6, 5,
                "STRATEGIC_ALLIANCE", "PREFERRED", "2012-01-01");
    }

    /** A small single-site transactional buyer. */
    static CustomerFacts smallBuyer() {
        return facts("80000", "EUR", 1, 1, 1, Set.of("EMEA"), 1, 1, 0, "NONE", "APPROVED", "2025-06-01");
    }

    @ParameterizedTest(name = "potential {0} {1} scores {2}")
    @CsvSource({
            "100000,   EUR, 0",
            "50000,    EUR, 0",
            "50000000, EUR, 100",
            "90000000, EUR, 100",
            "2236068,  EUR, 50",   // the geometric middle of 100 k and 50 M
            "2430509,  USD, 50",   // the same in USD at 0.92
    })
    void purchasePotentialIsLogScaledInEur(String amount, String currency, double expected) {
        ScoreResult result = Scorer.score(MODEL, facts(amount, currency, 0, 0, 0, Set.of(), 0, 0, 0, null, null, null), Tier.STANDARD, TODAY);
        assertThat(result.criteria().get(Scorer.PURCHASE_POTENTIAL).score()).isCloseTo(expected, within(0.1));
    }

    @ParameterizedTest(name = "buying centre {0}, roles {1}, criteria {2}, regions {3}, countries {4}, areas {5}, units {6} -> {7}")
    @CsvSource({
            "0,  0, 0,  1, 1, 0, 0, 6.5",
            "12, 5, 10, 3, 8, 6, 5, 100",
            "24, 7, 20, 5, 9, 9, 9, 100",
            "6,  2, 5,  1, 2, 3, 1, 38.3",
    })
    void buyingComplexityCountsEachPartUpToItsCap(int buyingCenter, int roles, int criteria, int regions, int countries,
                                                   int areas, int units, double expected) {
        Set<String> regionSet = regions == 1 ? Set.of("EMEA") : regions == 3 ? Set.of("EMEA", "APAC", "AMERICAS")
                : Set.of("EMEA", "APAC", "AMERICAS", "LATAM", "MEA");
        ScoreResult result = Scorer.score(MODEL, facts(null, null, buyingCenter, roles, criteria, regionSet, countries, areas, units,
                null, null, null), Tier.STANDARD, TODAY);
        assertThat(result.criteria().get(Scorer.BUYING_COMPLEXITY).score()).isCloseTo(expected, within(0.1));
    }

    @ParameterizedTest(name = "intent {0}, status {1}, since {2} -> {3}")
    @CsvSource({
            "STRATEGIC_ALLIANCE,    STRATEGIC, 2010-01-01, 100",
            "NONE,                  NONE,      2026-11-26, 0",
            "LONG_TERM_PARTNERSHIP, APPROVED,  2021-11-26, 65.5",
            "EXPLORING,             ,          ,           40",
    })
    void partnershipOrientationWeighsIntentStatusAndLengthOverWhatIsKnown(String intent, String status, String since, double expected) {
        ScoreResult result = Scorer.score(MODEL, facts(null, null, 0, 0, 0, Set.of(), 0, 0, 0, intent, status, since), Tier.STANDARD, TODAY);
        assertThat(result.criteria().get(Scorer.PARTNERSHIP_ORIENTATION).score()).isCloseTo(expected, within(0.1));
    }

    @ParameterizedTest(name = "total {0} after {1} -> {2}")
    @CsvSource({
            // total, previous tier, expected tier: promotion at 65, demotion below 55
            "65.0, STANDARD,    KEY_ACCOUNT",
            "64.9, STANDARD,    STANDARD",
            "64.9, KEY_ACCOUNT, KEY_ACCOUNT",
            "55.0, KEY_ACCOUNT, KEY_ACCOUNT",
            "54.9, KEY_ACCOUNT, STANDARD",
            "54.9, STANDARD,    STANDARD",
    })
    void tiersHaveHysteresisBetweenTheThresholds(double total, Tier previous, Tier expected) {
        // Every criterion at the same score makes the total exactly that score.
        CustomerFacts facts = withAllCriteriaAt(total);
        ScoreResult result = Scorer.score(MODEL, facts, previous, TODAY);
        assertThat(result.total()).isCloseTo(total, within(0.15));
        assertThat(result.tier()).isEqualTo(expected);
    }

    @Test
    void aKeyAccountInThreeRegionsIsANationalAccountAndInTwoItIsNot() {
        ScoreResult national = Scorer.score(MODEL, strategicBuyer(), Tier.STANDARD, TODAY);
        assertThat(national.tier()).isEqualTo(Tier.KEY_ACCOUNT);
        assertThat(national.designation()).isEqualTo(Designation.NATIONAL_ACCOUNT);
        assertThat(national.reasons()).anySatisfy(reason -> assertThat(reason).contains("3 regions (AMERICAS, APAC, EMEA)"));

        CustomerFacts twoRegions = facts("30000000", "EUR", 14, 6, 9, Set.of("EMEA", "AMERICAS"), 9, 6, 5,
                "STRATEGIC_ALLIANCE", "PREFERRED", "2012-01-01");
        ScoreResult key = Scorer.score(MODEL, twoRegions, Tier.STANDARD, TODAY);
        assertThat(key.designation()).isEqualTo(Designation.KEY_ACCOUNT);
        assertThat(key.whatWouldChange()).contains("locations in 1 more region would make it a national account");
    }

    @Test
    void aSmallTransactionalBuyerStaysStandardAndIsToldWhatPotentialWouldChangeThat() {
        ScoreResult result = Scorer.score(MODEL, smallBuyer(), Tier.STANDARD, TODAY);
        assertThat(result.tier()).isEqualTo(Tier.STANDARD);
        assertThat(result.designation()).isEqualTo(Designation.NONE);
        assertThat(result.reasons().get(0)).contains("below the promotion threshold 65");
        assertThat(result.whatWouldChange()).anySatisfy(change -> assertThat(change).matches("no purchase potential alone.*|an annual purchase potential above .* would make this a key account"));
    }

    @Test
    void thePotentialNamedInTheExplanationIsEnoughAndJustSo() {
        CustomerFacts borderline = facts("1000000", "EUR", 10, 5, 8, Set.of("EMEA"), 3, 5, 4, "LONG_TERM_PARTNERSHIP", "PREFERRED", "2015-01-01");
        ScoreResult before = Scorer.score(MODEL, borderline, Tier.STANDARD, TODAY);
        assertThat(before.tier()).isEqualTo(Tier.STANDARD);
        String change = before.whatWouldChange().get(0);
        double millions = Double.parseDouble(change.replaceAll(".*above ([0-9.]+) M EUR.*", "$1"));

        CustomerFacts richer = facts(String.valueOf((long) ((millions + 0.1) * 1_000_000)), "EUR", 10, 5, 8, Set.of("EMEA"), 3, 5, 4,
                "LONG_TERM_PARTNERSHIP", "PREFERRED", "2015-01-01");
        assertThat(Scorer.score(MODEL, richer, Tier.STANDARD, TODAY).tier()).isEqualTo(Tier.KEY_ACCOUNT);
        CustomerFacts poorer = facts(String.valueOf((long) ((millions - 0.2) * 1_000_000)), "EUR", 10, 5, 8, Set.of("EMEA"), 3, 5, 4,
                "LONG_TERM_PARTNERSHIP", "PREFERRED", "2015-01-01");
        assertThat(Scorer.score(MODEL, poorer, Tier.STANDARD, TODAY).tier()).isEqualTo(Tier.STANDARD);
    }

    @Test
    void missingDataIsReportedAndLowersConfidenceInsteadOfCountingAsZero() {
        CustomerFacts noPotential = facts(null, null, 14, 6, 10, Set.of("EMEA", "AMERICAS", "APAC"), 9, 6, 5,
                "STRATEGIC_ALLIANCE", "STRATEGIC", "2010-01-01");
        ScoreResult result = Scorer.score(MODEL, noPotential, Tier.STANDARD, TODAY);
        assertThat(result.criteria().get(Scorer.PURCHASE_POTENTIAL).score()).isNull();
        assertThat(result.criteria().get(Scorer.PURCHASE_POTENTIAL).missing()).containsExactly("annualPurchasePotential");
        assertThat(result.confidence()).isEqualTo(0.6);
        assertThat(result.total()).isEqualTo(100); // not dragged down by a zero
        assertThat(result.tier()).as("too little is known to promote").isEqualTo(Tier.STANDARD);
        assertThat(result.reasons()).anySatisfy(reason -> assertThat(reason).contains("purchase potential is unknown"));
        assertThat(result.reasons().get(0)).contains("only 60 % of the criteria weight is known");
    }

    @Test
    void contributionsAddUpToTheTotal() {
        ScoreResult result = Scorer.score(MODEL, strategicBuyer(), Tier.STANDARD, TODAY);
        double sum = result.criteria().values().stream().mapToDouble(CriterionScore::contribution).sum();
        assertThat(sum).isCloseTo(result.total(), within(0.2));
    }

    @Test
    void theDefaultModelIsConsistentAndABrokenOneIsNamed() {
        assertThat(MODEL.problems()).isEmpty();
        ScoringModel broken = new ScoringModel(new ScoringModel.Weights(0.5, 0.5, 0.5), 50, 60, 0.65, 1, 10, 5,
                MODEL.eurPerUnit(), MODEL.complexityCaps(), MODEL.partnershipIntentPoints(), MODEL.supplierStatusPoints(), 10);
        assertThat(broken.problems()).hasSize(4);
    }

    /** Facts whose three criteria all score {@code score}: potential on the log scale, the rest proportionally. */
    private static CustomerFacts withAllCriteriaAt(double score) {
        long eur = Math.round(Scorer.potentialFor(MODEL, score));
        // complexity: each of the 7 parts at score/100 of its cap is not possible with integers; use the potential
        // and partnership criteria only (complexity unknown), which keeps the total exact.
        return new CustomerFacts(BigDecimal.valueOf(eur), "EUR", 0, 0, 0, Set.of(), 0, 0, 0,
                null, null, LocalDate.parse("2026-11-26").minusDays(Math.round(score / 100 * 10 * 365.25)));
    }
}
