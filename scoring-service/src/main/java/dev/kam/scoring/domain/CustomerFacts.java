package dev.kam.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What scoring keeps of a customer profile: only what the three criteria read. Null means the CRM did not say.
 *
 * @param potentialAmount   annual purchase potential, in {@code potentialCurrency}
 * @param buyingCenterSize  people in the buying centre
 * @param distinctRoles     distinct Webster & Wind roles they hold
 * @param regions           distinct regions of the customer's locations
 */
public record CustomerFacts(
        BigDecimal potentialAmount,
        String potentialCurrency,
        int buyingCenterSize,
        int distinctRoles,
        int selectionCriteria,
        Set<String> regions,
        int countries,
        int functionalAreas,
        int operatingUnits,
        String partnershipIntent,
        String supplierStatus,
        LocalDate relationshipSince) {

    public CustomerFacts {
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    /** Nothing is known about how the customer buys: no buying centre, sites, units, areas or criteria. */
    public boolean complexityUnknown() {
        return buyingCenterSize == 0 && regions.isEmpty() && countries == 0 && functionalAreas == 0
                && operatingUnits == 0 && selectionCriteria == 0;
    }

    public List<String> sortedRegions() {
        return regions.stream().sorted().toList();
    }
}
