package dev.kam.customer.domain;

/** One rule of the profile that the given data breaks, at a JSON path such as {@code buyingCenter[2].contactId}. */
public record ProfileViolation(String field, String message) {
}
