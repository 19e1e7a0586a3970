package dev.kam.customer.domain;

import java.time.Instant;
import java.util.List;

/** The data of the customer events on {@code kam.customer.events}; their schemas are in event-contracts. */
public final class CustomerEvents {

    /** {@code kam.customer.registered.v1} */
    public record Registered(CustomerSnapshot customer, long sequence) {
    }

    /** {@code kam.customer.profile-changed.v1}: the full snapshot after the change, and what changed. */
    public record ProfileChanged(CustomerSnapshot customer, List<String> changedFields, long sequence) {
    }

    /** {@code kam.customer.archived.v1} */
    public record Archived(CustomerSnapshot customer, long sequence, Instant archivedAt) {
    }

    private CustomerEvents() {
    }
}
