package dev.kam.foundation.rest;

import dev.kam.foundation.outbox.ParkedEvents;
import dev.kam.foundation.outbox.ParkedEvents.ParkedEvent;
import dev.kam.foundation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Outbox events Kafka refused for good, for an operator to retry or drop. */
@Path("/api/v1/outbox/parked-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class OutboxResource {

    public record ParkedPage(List<ParkedEvent> items, String nextCursor) {
    }

    private static final String CURSOR = "parked";

    private final ParkedEvents parked;

    OutboxResource(ParkedEvents parked) {
        this.parked = parked;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(operationId = "listParkedEvents", summary = "Outbox events Kafka refused for good",
            description = "Oldest first, each with why Kafka refused it and how many later events of its subject wait behind it "
                    + "(their order is kept). Everything else keeps flowing.")
    public ParkedPage list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit, @QueryParam("cursor") String cursor) {
        List<ParkedEvent> page = parked.list(PageCursors.decodeNumber(CURSOR, cursor, 0), limit + 1);
        if (page.size() <= limit) {
            return new ParkedPage(page, null);
        }
        List<ParkedEvent> items = page.subList(0, limit);
        return new ParkedPage(items, PageCursors.encode(CURSOR, items.get(limit - 1).position()));
    }

    @GET
    @Path("/{eventId}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(operationId = "getParkedEvent", summary = "One parked event", description = "An event Kafka refused for good, with the reason; the later events of its subject wait behind it until an operator retries or drops it.")
    public ParkedEvent get(@PathParam("eventId") UUID eventId) {
        return parked.find(eventId).orElseThrow(() -> notParked(eventId));
    }

    @POST
    @Path("/{eventId}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "retryParkedEvent", summary = "Send a parked event again", description = "After fixing what Kafka refused (e.g. the topic's max.message.bytes): "
            + "the relay sends it, then the events of its subject held behind it, in order. Refused again, it is parked again.")
    public ParkedEvent retry(@PathParam("eventId") UUID eventId) {
        return parked.retry(eventId).orElseThrow(() -> notParked(eventId));
    }

    @DELETE
    @Path("/{eventId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "dropParkedEvent", summary = "Drop a parked event", description = "It is never published; the events held behind it flow on, so consumers "
            + "see a gap in its subject's sequence. Audited.")
    @APIResponse(responseCode = "204", description = "Dropped")
    @APIResponse(responseCode = "404", description = "No parked event with this id")
    public Response drop(@PathParam("eventId") UUID eventId) {
        parked.drop(eventId).orElseThrow(() -> notParked(eventId));
        return Response.noContent().build();
    }

    private static NotFoundException notParked(UUID eventId) {
        return new NotFoundException("no parked outbox event " + eventId);
    }
}
