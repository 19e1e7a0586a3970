package dev.kam.customer.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The customer as the contract shows it, to REST clients and in every customer event: the profile plus
 * identity, archive flag, version and timestamps.
 */
public record CustomerSnapshot(
        UUID id,
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
        LocalDate relationshipSince,
        boolean archived,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static CustomerSnapshot of(Customer customer) {
        CustomerProfile p = customer.profile();
        return new CustomerSnapshot(customer.id(), p.externalRefs(), p.legalName(), p.industry(), p.headquartersCountry(),
                p.annualPurchasePotential(), p.currentAnnualRevenue(), p.operatingUnits(), p.locations(),
                p.functionalAreas(), p.selectionCriteria(), p.buyingCenter(), p.partnershipIntent(), p.supplierStatus(),
                p.relationshipSince(), customer.archived(), customer.version(), customer.createdAt(), customer.updatedAt());
    }
}
