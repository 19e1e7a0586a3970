package dev.kam.console.domain;

import java.util.List;

/** A key or national account as the portfolio lists it. */
public record AccountSummary(String customerId, String name, String designation, String reach, double score, List<String> regions) {

    public AccountSummary {
        regions = List.copyOf(regions);
    }

    public boolean national() {
        return "NATIONAL_ACCOUNT".equals(designation);
    }

    /** "global" or "national" (a national account's reach), empty for a key account. */
    public String reachLabel() {
        return reach == null || reach.isBlank() || reach.equals("null") ? "" : reach.toLowerCase(java.util.Locale.ROOT);
    }

    public String designationLabel() {
        return Labels.of(designation);
    }
}
