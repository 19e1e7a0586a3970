package dev.kam.scoring.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringModelTest {

    private final ScoringModel defaults = ScoringModel.defaults();

    @Test
    void theDefaultModelIsConsistent() {
        assertThat(defaults.problems()).isEmpty();
        assertThat(defaults.minimumPotentialEur()).isEqualTo(1_000_000);
        assertThat(defaults.salesTerritories()).extracting(SalesTerritory::name)
                .startsWith("DE-NORTH", "DE-EAST", "DE-WEST", "DE-SOUTH").contains("USA", "JAPAN");
    }

    @Test
    void anIncompleteModelNamesWhatIsMissingInsteadOfFailing() {
        ScoringModel empty = new ScoringModel(null, 0, 0, 0, null, 0, 0, null, null, null, null, 0, 0, 0);
        assertThat(empty.problems()).contains("weights are required", "complexityCaps are required", "partnership is required",
                "minimumPotentialEur is required (0 admits key accounts of any potential)",
                "eurPerUnit must name at least one currency", "salesTerritories must name at least one territory",
                "nationalAccountTerritories must be at least 2", "globalAccountAreas must be at least 2",
                "globalAccountCountries must be at least 2");
    }

    @Test
    void capsRatesPointsAndSharesMustBeUsable() {
        ScoringModel broken = new ScoringModel(defaults.weights(), 65, 55, 0.65, -1.0, 100_000, Double.POSITIVE_INFINITY,
                Map.of("EUR", BigDecimal.ONE, "usd", new BigDecimal("-1")), new ScoringModel.ComplexityCaps(0, 5, 10, 3, 5, 6, 5),
                new ScoringModel.Partnership(0.7, 0.4, Map.of("NONE", 0.0, "EXPLORING", 400.0), List.of("partner", " ")),
                defaults.salesTerritories(), 3, 2, 4);
        assertThat(broken.problems()).containsExactlyInAnyOrder(
                "minimumPotentialEur must lie within 0..10^15 EUR",
                "potential bounds must lie within 1..10^15 EUR, the ceiling above the floor",
                "eurPerUnit must map ISO 4217 codes to rates within 0.000001..1000000 EUR per unit",
                "complexityCaps must all be at least 1",
                "partnership.intentShare and partnership.evidenceShare must each be 0 or at least 0.000001 and must sum to 1",
                "partnership.intentPoints must lie within 0..100",
                "partnership.evidenceCriteria must be a list of words (it may be empty)");
    }

    @Test
    void sharesAndRatesTooSmallOrTooLargeToMeanAnythingAreNamedAndAnActiveModelIsNotReplacedForThem() {
        ScoringModel extreme = new ScoringModel(new ScoringModel.Weights(0.0000001, 0.5, 0.4999999), 65, 55, 1e-320, 1e16, 100_000, 1e308,
                Map.of("EUR", BigDecimal.ONE, "USD", new BigDecimal("1e308"), "IRR", new BigDecimal("0.0000001")), defaults.complexityCaps(),
                defaults.partnership(), defaults.salesTerritories(), 3, 2, 4);
        assertThat(extreme.problems()).containsExactlyInAnyOrder(
                "each weight must be 0 or at least 0.000001",
                "minimumConfidence must be 0 or lie within 0.000001..1",
                "minimumPotentialEur must lie within 0..10^15 EUR",
                "potential bounds must lie within 1..10^15 EUR, the ceiling above the floor",
                "eurPerUnit must map ISO 4217 codes to rates within 0.000001..1000000 EUR per unit");
        assertThat(extreme.shapeProblems()).as("its shape is complete: an active one is kept at start").isEmpty();
    }

    @Test
    void territoriesMustBeNamedOnceWithTheirAreaAndCountries() {
        List<SalesTerritory> territories = List.of(
                new SalesTerritory("NORTH", "EUROPE", Set.of("DE"), Set.of("Hamburg")),
                new SalesTerritory("NORTH", "EUROPE", Set.of("DK"), Set.of()),
                new SalesTerritory("no spaces", "EUROPE", Set.of("FR"), Set.of()),
                new SalesTerritory("SOUTH", " ", Set.of("Germany"), Set.of()),
                new SalesTerritory("EMPTY", "EUROPE", Set.of(), Set.of()));
        ScoringModel model = new ScoringModel(defaults.weights(), 65, 55, 0.65, 0.0, 100_000, 50_000_000, defaults.eurPerUnit(),
                defaults.complexityCaps(), defaults.partnership(), territories, 3, 2, 4);
        assertThat(model.problems()).containsExactly(
                "sales territory NORTH is named twice",
                "a sales territory needs a name of letters, digits, - and _ (at most 50)",
                "sales territory SOUTH needs its world area (letters, digits, - and _, at most 50)",
                "sales territory SOUTH must cover 1 to 300 ISO 3166-1 alpha-2 countries",
                "sales territory EMPTY must cover 1 to 300 ISO 3166-1 alpha-2 countries");
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "DE | Bayern              | DE-SOUTH",
            "DE | bavaria             | DE-SOUTH",
            "DE | ' Hamburg '         | DE-NORTH",
            "DE | Thüringen           | DE-EAST",
            "DE | Saarland            | DE-WEST",
            "DE |                     | ",          // a German site without its state is in no territory
            "DE | Tirol               | ",
            "AT | Tirol               | ALPINE",     // a territory of whole countries takes any region
            "US |                     | USA",
            "BR | São Paulo           | LATIN-AMERICA",
            "ZZ |                     | ",
    })
    void aPlaceBelongsToTheFirstTerritoryThatCoversIt(String country, String region, String expected) {
        assertThat(defaults.territoryOf(new Place(country, region)).map(SalesTerritory::name).orElse(null)).isEqualTo(expected);
    }

    @Test
    void eachCountryOfTheDefaultTerritoriesIsInOneTerritoryOnlyAndGermanyByState() {
        List<SalesTerritory> wholeCountries = defaults.salesTerritories().stream().filter(t -> t.regions().isEmpty()).toList();
        List<String> countries = wholeCountries.stream().flatMap(t -> t.countries().stream()).toList();
        assertThat(countries).doesNotHaveDuplicates().doesNotContain("DE");
        // the sixteen federal states, each in exactly one German territory
        List<String> states = List.of("Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
                "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland", "Sachsen",
                "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen");
        assertThat(states).allSatisfy(state -> assertThat(defaults.salesTerritories().stream()
                .filter(t -> t.covers(new Place("DE", state)))).hasSize(1));
    }
}
