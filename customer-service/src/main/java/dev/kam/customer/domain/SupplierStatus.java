package dev.kam.customer.domain;

/** Our standing at the customer; preferred-supplier status is what key account management aims for. */
public enum SupplierStatus {
    NONE, APPROVED, PREFERRED, STRATEGIC
}
