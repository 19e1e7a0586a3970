package dev.kam.console.domain;

import java.time.Instant;

/** One entry of a score's history: what the score was from {@code at}, under which model, and why it changed. */
public record HistoryPoint(Instant at, double score, String tier, String designation, String cause, int modelVersion) {

    public String designationLabel() {
        return Labels.of(designation);
    }
}
