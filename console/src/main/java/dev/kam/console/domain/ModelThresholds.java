package dev.kam.console.domain;

/** The active scoring model's version and the thresholds a total is judged against (domain.md: hysteresis). */
public record ModelThresholds(int version, double promotion, double demotion) {
}
