package dev.kam.team.domain;

/** What a person of the supplier does; it decides which team roles they can take. */
public enum StaffFunction {
    KEY_ACCOUNT_MANAGER, FIELD_SALES, SALES_MANAGER, SERVICE, LOGISTICS, FINANCE, TECHNICAL, MARKETING, EXECUTIVE
}
