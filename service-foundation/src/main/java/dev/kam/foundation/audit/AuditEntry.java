package dev.kam.foundation.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** One change: who ({@code actor}, a token subject), what ({@code action} on an entity), and when. */
public record AuditEntry(long position, Instant occurredAt, String actor, String action, String entityType,
                         String entityId, UUID eventId, JsonNode details) {
}
