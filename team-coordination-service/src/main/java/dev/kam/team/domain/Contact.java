package dev.kam.team.domain;

import java.util.List;

/** A person in the customer's buying centre, as customer-service describes them, with the operating unit they work in. */
public record Contact(String contactId, String name, String title, List<String> roles, String operatingUnit) {
}
