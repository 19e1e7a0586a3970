package dev.kam.scoring.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringModelTest {

    private final ScoringModel defaults = ScoringModel.defaults();

    @Test
    void theDefaultModelIsConsistent() {
        assertThat(defaults.problems()).isEmpty();
    }

    @Test
    void anIncompleteModelNamesWhatIsMissingInsteadOfFailing() {
        ScoringModel empty = new ScoringModel(null, 0, 0, 0, 0, 0, 0, null, null, null, null, 0);
        assertThat(empty.problems()).contains("weights are required", "complexityCaps are required",
                "partnershipIntentPoints are required", "supplierStatusPoints are required",
                "eurPerUnit must name at least one currency", "relationshipYearsForFullScore must be positive");
    }

    @Test
    void capsRatesAndPointsMustBeUsable() {
        ScoringModel broken = new ScoringModel(defaults.weights(), 65, 55, 0.65, 3, 100_000, Double.POSITIVE_INFINITY,
                Map.of("EUR", BigDecimal.ONE, "usd", new BigDecimal("-1")), new ScoringModel.ComplexityCaps(0, 5, 10, 3, 8, 6, 5),
                Map.of("NONE", 0.0, "EXPLORING", 400.0), defaults.supplierStatusPoints(), 10);
        assertThat(broken.problems()).containsExactlyInAnyOrder(
                "potential bounds must be positive and finite, the ceiling above the floor",
                "eurPerUnit must map ISO 4217 codes to positive rates",
                "complexityCaps must all be at least 1",
                "partnershipIntentPoints must lie within 0..100");
    }
}
