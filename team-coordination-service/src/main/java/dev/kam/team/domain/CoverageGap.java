package dev.kam.team.domain;

/** Something the team lacks: a required role, or a region or operating unit of the customer without a field rep. */
public record CoverageGap(Kind kind, String value) {

    public enum Kind { ROLE, REGION, OPERATING_UNIT }
}
