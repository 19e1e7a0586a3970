package dev.kam.customer.domain;

/** How much the customer wants a long-term partnership or alliance with us (the source's third criterion). */
public enum PartnershipIntent {
    NONE, EXPLORING, LONG_TERM_PARTNERSHIP, STRATEGIC_ALLIANCE
}
