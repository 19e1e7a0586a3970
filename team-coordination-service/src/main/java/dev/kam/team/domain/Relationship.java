package dev.kam.team.domain;

import java.time.LocalDate;

/** Who on the team keeps the relationship with one contact, how often, and when they last spoke. */
public record Relationship(String contactId, String ownerEmployeeId, int cadenceDays, LocalDate lastContact) {

    public boolean overdue(LocalDate today) {
        return lastContact == null || lastContact.plusDays(cadenceDays).isBefore(today);
    }
}
