package dev.kam.customer.domain;

/** A division or business unit of the customer (the source: "several operating units"). */
public record OperatingUnit(String name, String country) {
}
