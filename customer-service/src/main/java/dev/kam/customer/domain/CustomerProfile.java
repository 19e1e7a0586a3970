package dev.kam.customer.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a CRM tells us about a buying organisation, as far as key-account status depends on it: purchase
 * potential, complexity of buying behaviour (buying centre, selection criteria, regions, functional areas,
 * operating units) and partnership intent. Immutable; lists that are sets by meaning are kept in a canonical
 * order so that the same content always compares equal.
 */
public record CustomerProfile(
        List<ExternalRef> externalRefs,
        String legalName,
        String industry,
        String headquartersCountry,
        Money annualPurchasePotential,
        Money currentAnnualRevenue,
        List<OperatingUnit> operatingUnits,
        List<Location> locations,
        List<FunctionalArea> functionalAreas,
        List<String> selectionCriteria,
        List<BuyingCenterContact> buyingCenter,
        PartnershipIntent partnershipIntent,
        SupplierStatus supplierStatus,
        LocalDate relationshipSince) {

    /**
     * The largest profile the platform keeps, as stored JSON (UTF-8): a quarter of Kafka's default record limit, so the
     * event that carries it, whatever else it says, fits with room to spare (README, "Limits").
     */
    public static final int MAX_STORED_BYTES = 256 * 1024;

    /** A customer has at most this many CRM references, the one a sync request names in its path included. */
    public static final int MAX_EXTERNAL_REFS = 20;

    /** The profile's fields in contract order, each with how to read it: the basis of {@code changedFields}. */
    private static final Map<String, Function<CustomerProfile, Object>> FIELDS = fields();

    public CustomerProfile {
        Objects.requireNonNull(legalName, "legalName");
        externalRefs = copy(externalRefs).stream()
                .sorted(java.util.Comparator.comparing(ExternalRef::system).thenComparing(ExternalRef::id)).toList();
        operatingUnits = copy(operatingUnits);
        locations = copy(locations);
        functionalAreas = copy(functionalAreas).stream().distinct().sorted().toList();
        selectionCriteria = copy(selectionCriteria);
        buyingCenter = copy(buyingCenter);
    }

    /**
     * Rules that span fields: one reference per CRM system, unique operating-unit names and contact ids, and a
     * contact's operating unit must be one of the customer's.
     */
    public List<ProfileViolation> violations() {
        List<ProfileViolation> violations = new ArrayList<>();
        if (externalRefs.size() > MAX_EXTERNAL_REFS) {
            violations.add(new ProfileViolation("externalRefs", "has " + externalRefs.size() + " references; at most "
                    + MAX_EXTERNAL_REFS + ", the one in the request's path included"));
        }
        Set<String> systems = new HashSet<>();
        for (int i = 0; i < externalRefs.size(); i++) {
            if (!systems.add(externalRefs.get(i).system())) {
                violations.add(new ProfileViolation("externalRefs[" + i + "].system",
                        "has a second reference for " + externalRefs.get(i).system() + "; one per system"));
            }
        }
        Set<String> units = new HashSet<>();
        for (int i = 0; i < operatingUnits.size(); i++) {
            if (!units.add(operatingUnits.get(i).name())) {
                violations.add(new ProfileViolation("operatingUnits[" + i + "].name", "repeats " + operatingUnits.get(i).name()));
            }
        }
        Set<String> contacts = new HashSet<>();
        for (int i = 0; i < buyingCenter.size(); i++) {
            BuyingCenterContact contact = buyingCenter.get(i);
            if (!contacts.add(contact.contactId())) {
                violations.add(new ProfileViolation("buyingCenter[" + i + "].contactId", "repeats " + contact.contactId()));
            }
            if (contact.operatingUnit() != null && !units.contains(contact.operatingUnit())) {
                violations.add(new ProfileViolation("buyingCenter[" + i + "].operatingUnit",
                        "names " + contact.operatingUnit() + ", which is not among operatingUnits"));
            }
        }
        return violations;
    }

    /** @throws InvalidProfileException when {@link #violations()} finds anything */
    public CustomerProfile requireValid() {
        List<ProfileViolation> violations = violations();
        if (!violations.isEmpty()) {
            throw new InvalidProfileException(violations);
        }
        return this;
    }

    /** The names of the fields in which this profile differs from {@code previous}, in contract order. */
    public List<String> changedFieldsSince(CustomerProfile previous) {
        List<String> changed = new ArrayList<>();
        FIELDS.forEach((name, field) -> {
            if (!Objects.equals(field.apply(this), field.apply(previous))) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static Map<String, Function<CustomerProfile, Object>> fields() {
        Map<String, Function<CustomerProfile, Object>> fields = new LinkedHashMap<>();
        fields.put("externalRefs", CustomerProfile::externalRefs);
        fields.put("legalName", CustomerProfile::legalName);
        fields.put("industry", CustomerProfile::industry);
        fields.put("headquartersCountry", CustomerProfile::headquartersCountry);
        fields.put("annualPurchasePotential", CustomerProfile::annualPurchasePotential);
        fields.put("currentAnnualRevenue", CustomerProfile::currentAnnualRevenue);
        fields.put("operatingUnits", CustomerProfile::operatingUnits);
        fields.put("locations", CustomerProfile::locations);
        fields.put("functionalAreas", CustomerProfile::functionalAreas);
        fields.put("selectionCriteria", CustomerProfile::selectionCriteria);
        fields.put("buyingCenter", CustomerProfile::buyingCenter);
        fields.put("partnershipIntent", CustomerProfile::partnershipIntent);
        fields.put("supplierStatus", CustomerProfile::supplierStatus);
        fields.put("relationshipSince", CustomerProfile::relationshipSince);
        return fields;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
