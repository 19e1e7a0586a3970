package dev.kam.contracts.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The data of every customer event ({@code kam.customer.registered.v1}, {@code profile-changed.v1},
 * {@code archived.v1}) as a consumer reads it: the customer's full snapshot and its per-customer sequence. Fields the
 * schemas add later are ignored by this version, so consumers read on.
 *
 * @param archivedAt only on {@code archived.v1}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerEventData(Customer customer, long sequence, Instant archivedAt) {

    /** {@code #/$defs/customerSnapshot} of kam-common.v1.json. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(UUID id, List<ExternalRef> externalRefs, String legalName, String industry, String headquartersCountry,
                           Money annualPurchasePotential, List<OperatingUnit> operatingUnits, List<Location> locations,
                           List<String> functionalAreas, List<String> selectionCriteria, List<Contact> buyingCenter,
                           String partnershipIntent, String supplierStatus, LocalDate relationshipSince, boolean archived) {

        public Customer {
            externalRefs = listOrEmpty(externalRefs);
            operatingUnits = listOrEmpty(operatingUnits);
            locations = listOrEmpty(locations);
            functionalAreas = listOrEmpty(functionalAreas);
            selectionCriteria = listOrEmpty(selectionCriteria);
            buyingCenter = listOrEmpty(buyingCenter);
        }

        /** The regions of its locations as its CRM names them, in order, once each; locations without one are left out. */
        public Set<String> regions() {
            Set<String> regions = new LinkedHashSet<>();
            locations.forEach(location -> {
                if (location.region() != null) {
                    regions.add(location.region());
                }
            });
            return regions;
        }

        /** Its operating units' names, in order. */
        public Set<String> operatingUnitNames() {
            Set<String> names = new LinkedHashSet<>();
            operatingUnits.forEach(unit -> names.add(unit.name()));
            return names;
        }
    }

    /** A CRM's reference of the customer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExternalRef(String system, String id) {

        /** {@code system/id}: neither part holds a {@code /}. */
        public String systemSlashId() {
            return system + "/" + id;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Money(BigDecimal amount, String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OperatingUnit(String name, String country) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Location(String country, String region, String city) {
    }

    /** A person of the customer's buying centre. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String contactId, String name, String title, List<String> roles, String operatingUnit) {

        public Contact {
            roles = listOrEmpty(roles);
        }
    }

    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
