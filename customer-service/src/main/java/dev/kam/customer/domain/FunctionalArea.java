package dev.kam.customer.domain;

/** Functional areas a buying decision spans. */
public enum FunctionalArea {
    PROCUREMENT, ENGINEERING, OPERATIONS, QUALITY, FINANCE, IT, LOGISTICS, MARKETING, EXECUTIVE
}
