package dev.kam.customer.domain;

import java.util.List;

/** A person in the customer's buying centre, with the roles they play in buying decisions. */
public record BuyingCenterContact(String contactId, String name, String title, List<BuyingCenterRole> roles,
                                  String operatingUnit) {

    public BuyingCenterContact {
        roles = roles == null ? List.of() : roles.stream().distinct().sorted().toList();
    }
}
