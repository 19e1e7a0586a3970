package dev.kam.foundation.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.kam.foundation.audit.AuditEntry;
import dev.kam.foundation.audit.AuditTrail;
import dev.kam.foundation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** The audit trail of this service: who changed what and when, oldest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    public record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    private final AuditTrail auditTrail;

    AuditResource(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.OPERATOR})
    @Operation(operationId = "listAuditEntries", summary = "Who changed what and when",
            description = "Changes made through the API, oldest first, each with the caller (the token subject), the action, "
                    + "the entity and, where the change was published, the event id. Filters combine.")
    @APIResponse(responseCode = "200", description = "A page of entries; next is the cursor of the page after it, absent on the last",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "since is no ISO-8601 instant, limit is out of 1-500, or cursor is not one this service gave")
    public Response find(@Parameter(description = "e.g. customer, team, scoring-model, override, staff") @QueryParam("entityType") String entityType,
                         @QueryParam("entityId") String entityId,
                         @Parameter(description = "a token subject") @QueryParam("actor") String actor,
                         @Parameter(description = "ISO-8601 instant") @QueryParam("since") String since,
                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                         @QueryParam("cursor") String cursor) {
        long after = PageCursors.decodeNumber("audit", cursor, 0);
        Instant from = StorableDates.instantParameter("since", since);
        List<AuditEntry> entries = auditTrail.find(new AuditTrail.Query(entityType, entityId, actor, from, after, limit + 1));
        String next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            next = PageCursors.encode("audit", entries.get(limit - 1).position());
        }
        return Response.ok(new AuditPage(entries, next)).build();
    }
}
