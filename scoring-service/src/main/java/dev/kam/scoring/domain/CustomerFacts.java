package dev.kam.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What scoring keeps of a customer profile: what the criteria and the designation read. Null means the CRM did not
 * say. Places are kept as they are (not as territories), so a model with other territories reads them anew.
 *
 * @param potentialAmount   annual purchase potential, in {@code potentialCurrency}
 * @param buyingCenterSize  people in the buying centre
 * @param distinctRoles     distinct Webster & Wind roles they hold
 * @param criteria          the customer's selection criteria, as written
 * @param places            the distinct places (country, region) of its locations
 * @param areas             the functional areas involved in buying (EXECUTIVE: top management is)
 * @param supplierStatus    our status at the customer: the outcome key account management works for, not a criterion
 */
public record CustomerFacts(
        BigDecimal potentialAmount,
        String potentialCurrency,
        int buyingCenterSize,
        int distinctRoles,
        List<String> criteria,
        List<Place> places,
        Set<String> areas,
        int operatingUnits,
        String partnershipIntent,
        String supplierStatus,
        LocalDate relationshipSince) {

    public CustomerFacts {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        places = places == null ? List.of() : List.copyOf(places);
        areas = areas == null ? Set.of() : Set.copyOf(areas);
    }

    /** Nothing is known about how the customer buys: no buying centre, sites, units, areas or criteria. */
    public boolean complexityUnknown() {
        return buyingCenterSize == 0 && places.isEmpty() && areas.isEmpty() && operatingUnits == 0 && criteria.isEmpty();
    }

    /** Neither the areas nor the criteria that would show a wish for partnership are known. */
    public boolean partnershipEvidenceUnknown() {
        return areas.isEmpty() && criteria.isEmpty();
    }
}
