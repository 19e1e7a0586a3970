package dev.kam.scoring.domain;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A territory of the supplier's field force: the places it covers, and the world area it belongs to. Territories
 * may be whole countries, several countries, or regions within a country (Germany's north and south), as the
 * supplier organises its sales; they are data of the scoring model.
 *
 * @param name      e.g. {@code DE-SOUTH}; staff work in territories by these names
 * @param area      the world area (continent) it lies in, e.g. {@code EUROPE}: how a global account is told
 * @param countries the countries it covers (ISO 3166-1 alpha-2)
 * @param regions   when not empty, only the places of those countries whose region is one of these (any case)
 */
public record SalesTerritory(String name, String area, Set<String> countries, Set<String> regions) {

    public SalesTerritory {
        // in the order written, nulls kept for the model's problems() to name
        countries = countries == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(countries));
        regions = regions == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(regions));
    }

    public boolean covers(Place place) {
        if (place.country() == null || !countries.contains(place.country())) {
            return false;
        }
        return regions.isEmpty() || (place.region() != null && regions.stream().anyMatch(region -> region.strip().toLowerCase(Locale.ROOT).equals(place.region().strip().toLowerCase(Locale.ROOT))));
    }
}
