package dev.kam.customer.domain;

/** A CRM's own id of the customer, e.g. {@code salesforce / 0015g00000XyZ}; unique per system. */
public record ExternalRef(String system, String id) {
}
