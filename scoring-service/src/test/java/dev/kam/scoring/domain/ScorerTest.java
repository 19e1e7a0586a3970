package dev.kam.scoring.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScorerTest {

    private static final ScoringModel MODEL = ScoringModel.defaults();

    /** Places written {@code DE/Bayern} or {@code US}, separated by {@code ;}. */
    static List<Place> places(String written) {
        if (written == null || written.isBlank()) {
            return List.of();
        }
        return Arrays.stream(written.split(";")).map(String::strip).map(place -> {
            String[] parts = place.split("/", 2);
            return new Place(parts[0], parts.length > 1 ? parts[1] : null);
        }).toList();
    }

    static CustomerFacts facts(String amount, int buyingCenter, int roles, List<String> criteria, List<Place> places, Set<String> areas,
                               int units, String intent) {
        return new CustomerFacts(amount == null ? null : new BigDecimal(amount), amount == null ? null : "EUR", buyingCenter, roles,
                criteria, places, areas, units, intent, null, null);
    }

    static List<String> criteria(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> "criterion " + n).toList();
    }

    static Set<String> areas(int count) {
        return Set.copyOf(List.of("PROCUREMENT", "ENGINEERING", "OPERATIONS", "QUALITY", "FINANCE", "LOGISTICS").subList(0, count));
    }

    /** Everything but the potential at its maximum: a big, spread, partnership-seeking buyer. */
    static CustomerFacts complexPartner(String amount, String placesWritten) {
        return facts(amount, 14, 6, List.of("security of supply", "price", "quality", "delivery", "joint innovation", "service level",
                        "payment terms", "sustainability", "compliance", "engineering support"), places(placesWritten),
                Set.of("EXECUTIVE", "PROCUREMENT", "ENGINEERING", "QUALITY", "LOGISTICS", "FINANCE"), 5, "STRATEGIC_ALLIANCE");
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
        CustomerFacts facts = new CustomerFacts(new BigDecimal(amount), currency, 0, 0, null, null, null, 0, null, null, null);
        assertThat(Scorer.score(MODEL, facts, Tier.STANDARD).criteria().get(Scorer.PURCHASE_POTENTIAL).score()).isCloseTo(expected, within(0.1));
    }

    @ParameterizedTest(name = "buying centre {0}, roles {1}, criteria {2}, sites {3}, areas {4}, units {5} -> {6}")
    @CsvSource(delimiter = '|', value = {
            // 7 parts alike: buying centre /12, roles /5, criteria /10, territories /3, countries /5, areas /6, units /5
            "0  | 0 | 0  | DE/Bayern                                 | 0 | 0 | 7.6",
            "12 | 5 | 10 | DE/Bayern; DE/Hamburg; FR; GB; IT; ES      | 6 | 5 | 100",
            "24 | 7 | 20 | DE/Bayern; DE/Hamburg; US; JP; FR; IT; ES  | 6 | 9 | 100",
            "6  | 2 | 5  | DE/Bayern; DE/Baden-Württemberg             | 3 | 1 | 37.6",
            "1  | 1 | 1  | DE/Bayern; DE/Hessen                      | 1 | 1 | 23.1",
    })
    void buyingComplexityCountsEachPartUpToItsCap(int buyingCenter, int roles, int criteria, String sites, int areas, int units,
                                                   double expected) {
        ScoreResult result = Scorer.score(MODEL, facts(null, buyingCenter, roles, criteria(criteria), places(sites), areas(areas), units, null),
                Tier.STANDARD);
        assertThat(result.criteria().get(Scorer.BUYING_COMPLEXITY).score()).isCloseTo(expected, within(0.1));
    }

    @ParameterizedTest(name = "intent {0}, areas {1}, criteria {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // 60 % stated intent, 40 % evidence (top management buys along; a criterion asks for partnership)
            "STRATEGIC_ALLIANCE    | EXECUTIVE;PROCUREMENT | joint development;price | 100",
            "NONE                  | PROCUREMENT           | price                   | 0",
            "LONG_TERM_PARTNERSHIP | EXECUTIVE             | price                   | 68",
            "LONG_TERM_PARTNERSHIP | PROCUREMENT           | Security of Supply      | 68",
            "EXPLORING             |                       |                         | 40",    // evidence unknown: intent alone
            "                      | EXECUTIVE             | long-term partnership   | 100",   // intent unknown: evidence alone
            "STRATEGIC_ALLIANCE    | PROCUREMENT           | price                   | 60",
    })
    void partnershipOrientationIsTheCustomersWishStatedAndShown(String intent, String areaList, String criterionList, double expected) {
        Set<String> areas = areaList == null ? Set.of() : Set.of(areaList.split(";"));
        List<String> criteria = criterionList == null ? List.of() : List.of(criterionList.split(";"));
        ScoreResult result = Scorer.score(MODEL, facts(null, 0, 0, criteria, List.of(), areas, 0, intent), Tier.STANDARD);
        assertThat(result.criteria().get(Scorer.PARTNERSHIP_ORIENTATION).score()).isCloseTo(expected, within(0.1));
    }

    @Test
    void supplierStatusAndYearsOfRelationshipDoNotQualifyACustomer() {
        CustomerFacts prospect = complexPartner("5000000", "DE/Bayern");
        CustomerFacts longStandingPreferred = new CustomerFacts(prospect.potentialAmount(), "EUR", prospect.buyingCenterSize(),
                prospect.distinctRoles(), prospect.criteria(), prospect.places(), prospect.areas(), prospect.operatingUnits(),
                prospect.partnershipIntent(), "STRATEGIC", LocalDate.parse("1995-01-01"));
        CustomerFacts lostStatus = new CustomerFacts(prospect.potentialAmount(), "EUR", prospect.buyingCenterSize(),
                prospect.distinctRoles(), prospect.criteria(), prospect.places(), prospect.areas(), prospect.operatingUnits(),
                prospect.partnershipIntent(), "NONE", LocalDate.parse("2026-11-01"));

        ScoreResult newProspect = Scorer.score(MODEL, prospect, Tier.STANDARD);
        assertThat(Scorer.score(MODEL, longStandingPreferred, Tier.STANDARD).total()).isEqualTo(newProspect.total());
        assertThat(Scorer.score(MODEL, lostStatus, Tier.KEY_ACCOUNT).total()).isEqualTo(newProspect.total());
        assertThat(newProspect.tier()).isEqualTo(Tier.KEY_ACCOUNT);
        assertThat(newProspect.criteria().get(Scorer.PARTNERSHIP_ORIENTATION).inputs()).doesNotContainKeys("supplierStatus", "relationshipSince");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}, territories {3}")
    @CsvSource(delimiter = '|', value = {
            // case                               | sites                                                  | reach    | territories
            "forty sites in one German state       | DE/Bayern; DE/bayern; DE/Bavaria; DE/ Bayern           | LOCAL    | DE-SOUTH",
            "two states of one territory           | DE/Bayern; DE/Baden-Württemberg                        | LOCAL    | DE-SOUTH",
            "dispersed within Germany              | DE/Bayern; DE/Hamburg; DE/Sachsen                      | NATIONAL | DE-NORTH;DE-EAST;DE-SOUTH",
            "German and English state names        | DE/Bavaria; DE/Lower Saxony; DE/North Rhine-Westphalia | NATIONAL | DE-NORTH;DE-WEST;DE-SOUTH",
            "Germany and the Alps                  | DE/Bayern; DE/Hessen; AT/Tirol                         | NATIONAL | DE-WEST;DE-SOUTH;ALPINE",
            "four countries of Europe              | FR; BE; IT; ES                                         | GLOBAL   | FRANCE;BENELUX;IBERIA;ITALY",
            "two world areas                       | DE/Bayern; US/Ohio                                     | GLOBAL   | DE-SOUTH;USA",
            "three continents                      | DE/Bayern; US; JP                                      | GLOBAL   | DE-SOUTH;USA;JAPAN",
            "a German site without its state       | DE; DE/Bayern                                          | LOCAL    | DE-SOUTH",
    })
    void reachIsMeasuredOverTheSuppliersSalesTerritories(String name, String sites, Reach reach, String territories) {
        ScoreResult result = Scorer.score(MODEL, complexPartner("20000000", sites), Tier.STANDARD);
        assertThat(result.tier()).isEqualTo(Tier.KEY_ACCOUNT);
        assertThat(result.reach()).isEqualTo(reach);
        assertThat(result.designation()).isEqualTo(reach == Reach.LOCAL ? Designation.KEY_ACCOUNT : Designation.NATIONAL_ACCOUNT);
        assertThat(result.regions()).containsExactly(territories.split(";"));
    }

    @Test
    void aCustomerWithFortySitesAcrossGermanyIsANationalAccount() {
        String[] states = {"Bayern", "Hamburg", "Sachsen", "Hessen"};
        String sites = String.join(";", IntStream.range(0, 40).mapToObj(i -> "DE/" + states[i % states.length]).toList());
        ScoreResult result = Scorer.score(MODEL, complexPartner("20000000", sites), Tier.STANDARD);
        assertThat(result.designation()).isEqualTo(Designation.NATIONAL_ACCOUNT);
        assertThat(result.reach()).isEqualTo(Reach.NATIONAL);
        assertThat(result.countries()).containsExactly("DE");
        assertThat(result.areas()).containsExactly("EUROPE");
        assertThat(result.reasons()).contains("a national account: present in 4 sales territories (DE-NORTH, DE-EAST, DE-WEST, DE-SOUTH); "
                + "3 or more make a national account");
        assertThat(result.whatWouldChange()).contains("sites in 1 more world area, or in 3 more countries, would make it a global account");
    }

    @Test
    void aGlobalAccountIsNamedWithItsAreasAndCountries() {
        ScoreResult result = Scorer.score(MODEL, complexPartner("20000000", "DE/Bayern; US; JP"), Tier.STANDARD);
        assertThat(result.reasons()).contains("a global account: present in 3 world areas (EUROPE, AMERICAS, ASIA_PACIFIC) and 3 countries "
                + "(DE, JP, US); 2 world areas or 4 countries make a global account");
        assertThat(result.whatWouldChange()).noneMatch(change -> change.contains("global account"));
    }

    @Test
    void eachCriterionsWeightIsGivenAsTheModelHasIt() {
        ScoreResult result = Scorer.score(MODEL, complexPartner("20000000", "DE/Bayern"), Tier.STANDARD);
        assertThat(result.reasons()).anyMatch(reason -> reason.startsWith("buying complexity contributes") && reason.endsWith(", weight 0.35)"))
                .anyMatch(reason -> reason.startsWith("partnership orientation contributes") && reason.endsWith(", weight 0.25)"))
                .anyMatch(reason -> reason.startsWith("purchase potential contributes") && reason.endsWith(", weight 0.4)"));
    }

    @Test
    void aLocalKeyAccountIsToldWhatWouldMakeItNational() {
        ScoreResult result = Scorer.score(MODEL, complexPartner("20000000", "DE/Bayern"), Tier.STANDARD);
        assertThat(result.reasons()).contains("present in 1 sales territory (DE-SOUTH); 3 would make it a national account");
        assertThat(result.whatWouldChange()).contains("sites in 2 more sales territories would make it a national account");
    }

    @Test
    void placesInNoTerritoryAreNamedAndDoNotCount() {
        ScoreResult result = Scorer.score(MODEL, complexPartner("20000000", "DE/Bayern; ZZ/Nowhere; DE"), Tier.STANDARD);
        assertThat(result.regions()).containsExactly("DE-SOUTH");
        assertThat(result.reasons()).contains("2 locations are in none of the sales territories (ZZ/Nowhere, DE)");
    }

    @ParameterizedTest(name = "potential {0} EUR, previously {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // everything else at its maximum: the minimum potential (1 M EUR) decides
            "250000  | STANDARD    | STANDARD    | the annual purchase potential of 250,000 EUR is below the model's minimum of 1,000,000 EUR for a key account",
            "999999  | STANDARD    | STANDARD    | the annual purchase potential of 999,999 EUR is below the model's minimum of 1,000,000 EUR for a key account",
            "1000000 | STANDARD    | KEY_ACCOUNT | total 67.5 reaches the promotion threshold 65",
            "400000  | KEY_ACCOUNT | STANDARD    | the annual purchase potential of 400,000 EUR is below the model's minimum of 1,000,000 EUR for a key account, so the key account is revoked",
            "        | KEY_ACCOUNT | STANDARD    | the annual purchase potential is unknown, and the model admits no key account without one of at least 1,000,000 EUR, so the key account is revoked",
    })
    void aHighPurchasePotentialIsAMust(String amount, Tier previous, Tier expected, String reason) {
        ScoreResult result = Scorer.score(MODEL, complexPartner(amount, "DE/Bayern"), previous);
        assertThat(result.tier()).isEqualTo(expected);
        assertThat(result.reasons().get(0)).isEqualTo(reason);
    }

    @Test
    void theGateIsNamedInWhatWouldChange() {
        ScoreResult below = Scorer.score(MODEL, complexPartner("250000", "DE/Bayern"), Tier.STANDARD);
        assertThat(below.whatWouldChange()).contains("an annual purchase potential of at least 1,000,000 EUR would make this a key account (the model's minimum)");
        ScoreResult key = Scorer.score(MODEL, complexPartner("1000000", "DE/Bayern"), Tier.STANDARD);
        assertThat(key.whatWouldChange()).contains("a total below 55, or an annual purchase potential below 1,000,000 EUR, would revoke key-account status");
        ScoreResult unknown = Scorer.score(MODEL, complexPartner(null, "DE/Bayern"), Tier.STANDARD);
        assertThat(unknown.whatWouldChange()).contains("an annual purchase potential of at least 1,000,000 EUR would make this a key account (the model's minimum)");
    }

    @Test
    void aModelWithoutAMinimumLetsTheOtherCriteriaCarryASmallPotential() {
        // every other part at its maximum: about 0.22 M EUR would do without the minimum (the old model's reading)
        String everywhere = "DE/Bayern; DE/Hamburg; FR; GB; IT; ES";
        ScoringModel noGate = withGate(0, MODEL.minimumConfidence());
        assertThat(Scorer.score(noGate, complexPartner("250000", everywhere), Tier.STANDARD).tier()).isEqualTo(Tier.KEY_ACCOUNT);
        assertThat(Scorer.score(MODEL, complexPartner("250000", everywhere), Tier.STANDARD).tier()).isEqualTo(Tier.STANDARD);
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
        // Only the potential known, under a model content with it: the total is the potential's score. All these
        // potentials lie above the minimum, so the thresholds decide.
        ScoringModel potentialOnly = withGate(MODEL.minimumPotentialEur(), 0.4);
        long eur = Math.round(Scorer.potentialFor(MODEL, total + 0.01));
        CustomerFacts facts = new CustomerFacts(BigDecimal.valueOf(eur), "EUR", 0, 0, null, null, null, 0, null, null, null);
        ScoreResult result = Scorer.score(potentialOnly, facts, previous);
        assertThat(result.total()).isCloseTo(total, within(0.05));
        assertThat(result.tier()).isEqualTo(expected);
    }

    @Test
    void thePotentialNamedInTheExplanationIsEnoughAndJustSo() {
        CustomerFacts borderline = facts("1000000", 10, 5, criteria(8), places("DE/Bayern"), areas(5), 4, "LONG_TERM_PARTNERSHIP");
        ScoreResult before = Scorer.score(MODEL, borderline, Tier.STANDARD);
        assertThat(before.tier()).isEqualTo(Tier.STANDARD);
        String change = before.whatWouldChange().get(0);
        assertThat(change).doesNotContain("the model's minimum");
        double millions = Double.parseDouble(change.replaceAll(".*at least ([0-9.]+) M EUR.*", "$1"));

        CustomerFacts richer = facts(String.valueOf((long) ((millions + 0.1) * 1_000_000)), 10, 5, criteria(8), places("DE/Bayern"),
                areas(5), 4, "LONG_TERM_PARTNERSHIP");
        assertThat(Scorer.score(MODEL, richer, Tier.STANDARD).tier()).isEqualTo(Tier.KEY_ACCOUNT);
        CustomerFacts poorer = facts(String.valueOf((long) ((millions - 0.2) * 1_000_000)), 10, 5, criteria(8), places("DE/Bayern"),
                areas(5), 4, "LONG_TERM_PARTNERSHIP");
        assertThat(Scorer.score(MODEL, poorer, Tier.STANDARD).tier()).isEqualTo(Tier.STANDARD);
    }

    @Test
    void missingDataIsReportedAndLowersConfidenceInsteadOfCountingAsZero() {
        CustomerFacts noIntent = facts("20000000", 14, 6, criteria(10), places("DE/Bayern"), areas(6), 5, null);
        ScoreResult result = Scorer.score(MODEL, noIntent, Tier.STANDARD);
        assertThat(result.criteria().get(Scorer.PARTNERSHIP_ORIENTATION).missing()).containsExactly("partnershipIntent");
        assertThat(result.missing()).containsExactly("partnershipIntent");

        CustomerFacts nothingButPotential = new CustomerFacts(new BigDecimal("50000000"), "EUR", 0, 0, null, null, null, 0, null, null, null);
        ScoreResult thin = Scorer.score(MODEL, nothingButPotential, Tier.STANDARD);
        assertThat(thin.confidence()).isEqualTo(0.4);
        assertThat(thin.total()).isEqualTo(100); // not dragged down by zeros
        assertThat(thin.tier()).as("too little is known to promote").isEqualTo(Tier.STANDARD);
        assertThat(thin.reasons().get(0)).contains("only 40 % of the criteria weight is known");
        assertThat(thin.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("buying complexity is unknown"));
        assertThat(thin.whatWouldChange()).anySatisfy(change -> assertThat(change).startsWith("knowing buyingCenter"));
    }

    @Test
    void contributionsAddUpToTheTotal() {
        ScoreResult result = Scorer.score(MODEL, complexPartner("7000000", "DE/Bayern; US; JP"), Tier.STANDARD);
        double sum = result.criteria().values().stream().mapToDouble(CriterionScore::contribution).sum();
        assertThat(sum).isCloseTo(result.total(), within(0.2));
    }

    static ScoringModel withGate(double minimumPotentialEur, double minimumConfidence) {
        ScoringModel m = MODEL;
        return new ScoringModel(m.weights(), m.promotionThreshold(), m.demotionThreshold(), minimumConfidence, minimumPotentialEur,
                m.potentialFloorEur(), m.potentialCeilingEur(), m.eurPerUnit(), m.complexityCaps(), m.partnership(), m.salesTerritories(),
                m.nationalAccountTerritories(), m.globalAccountAreas(), m.globalAccountCountries());
    }

    /** The explanation's numbers are written by hand for speed; they must read exactly as String.format wrote them. */
    @Test
    void explanationNumbersReadAsStringFormatWroteThem() {
        java.util.Random random = new java.util.Random(7);
        List<Double> values = new java.util.ArrayList<>(List.of(0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 1.05, 2.675, 62.45, 62.55, 99.95,
                100.0, 999.0, 1_000.0, 999_999.0, 1_000_000.0, 1_049_999.0, 1_050_000.0, 12_345_678.9, 999_999_999_999.0));
        for (int i = 0; i < 20_000; i++) {
            values.add(Math.round(random.nextDouble() * 100_000) / 1_000.0); // scores, weights and contributions: up to 3 decimals
            values.add(Math.round(random.nextDouble() * 2_000) / 20.0);     // ties at the second decimal
            values.add(Math.floor(random.nextDouble() * Math.pow(10, random.nextInt(13)))); // amounts in euros
            values.add(random.nextDouble() * 50_000_000);
        }
        for (double value : values) {
            String expectedFormat = value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
            assertThat(Scorer.format(value)).as("format(%s)", value).isEqualTo(expectedFormat);
            assertThat(Scorer.exact(value)).as("exact(%s)", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%,.0f EUR", Math.floor(value)));
            String expectedRoundedUp = value >= 1_000_000
                    ? String.format(java.util.Locale.ROOT, "%.1f M EUR", Math.ceil(value / 100_000) / 10)
                    : String.format(java.util.Locale.ROOT, "%.0f k EUR", Math.ceil(value / 1_000));
            assertThat(Scorer.roundedUp(value)).as("roundedUp(%s)", value).isEqualTo(expectedRoundedUp);
        }
    }
}
