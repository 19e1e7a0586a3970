package dev.kam.console.domain;

import java.util.List;

/** The customer's profile as customer-service keeps it (what the CRMs sync in), in the words the account page uses. */
public record Profile(String customerId, String name, String industry, String headquartersCountry, String purchasePotential,
                      String supplierStatus, String relationshipSince, List<String> locations, List<String> operatingUnits,
                      int buyingCenterSize, boolean archived) {

    public Profile {
        locations = List.copyOf(locations);
        operatingUnits = List.copyOf(operatingUnits);
    }

    public String supplierStatusLabel() {
        return Labels.of(supplierStatus);
    }
}
