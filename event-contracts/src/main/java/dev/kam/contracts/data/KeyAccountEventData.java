package dev.kam.contracts.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * The data of scoring's key-account events ({@code kam.scoring.key-account-designated.v1}, {@code designation-changed.v1},
 * {@code key-account-updated.v1}, {@code key-account-revoked.v1}) as a consumer reads them: each event fills the
 * fields its schema has, the others stay null. Fields the schemas add later are ignored by this version.
 *
 * @param designation on designated and updated: the designation
 * @param to          on designation-changed: the new designation
 * @param regions     the supplier's sales territories the customer has sites in, in scoring's order
 * @param confidence  null on events from before scoring said how clearly it identified the account
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyAccountEventData(String customerId, String designation, String from, String to, String previousDesignation,
                                  String reach, Integer modelVersion, Double score, List<String> regions, List<String> areas,
                                  List<String> countries, Double confidence, List<String> missing, Override override,
                                  Instant designatedAt, Instant changedAt, Instant updatedAt, Instant revokedAt) {

    public KeyAccountEventData {
        regions = CustomerEventData.listOrEmpty(regions);
        areas = CustomerEventData.listOrEmpty(areas);
        countries = CustomerEventData.listOrEmpty(countries);
        missing = CustomerEventData.listOrEmpty(missing);
    }

    /** An override by sales ops in force. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Override(String by, String reason, Instant since, Instant expiresAt) {
    }

    /** The designation in force after this event: {@code to} of a change, {@code designation} otherwise. */
    public String currentDesignation() {
        return to != null ? to : designation;
    }

    /** When scoring decided what this event says. */
    public Instant decidedAt() {
        return designatedAt != null ? designatedAt : changedAt != null ? changedAt : updatedAt != null ? updatedAt : revokedAt;
    }
}
