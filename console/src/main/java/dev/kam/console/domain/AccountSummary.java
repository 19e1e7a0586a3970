package dev.kam.console.domain;

import java.util.List;

/** A key or national account as the portfolio lists it, with its three criteria once they were read for the page shown. */
public record AccountSummary(String customerId, String name, String designation, String reach, double score, List<String> regions,
                             List<Criterion> criteria) {

    public AccountSummary {
        regions = List.copyOf(regions);
        criteria = List.copyOf(criteria);
    }

    public AccountSummary named(String legalName) {
        return new AccountSummary(customerId, legalName, designation, reach, score, regions, criteria);
    }

    public AccountSummary withCriteria(List<Criterion> scoredCriteria) {
        return new AccountSummary(customerId, name, designation, reach, score, regions, scoredCriteria);
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
