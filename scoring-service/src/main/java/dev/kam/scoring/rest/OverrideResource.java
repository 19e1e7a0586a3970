package dev.kam.scoring.rest;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.kam.foundation.security.Roles;
import dev.kam.scoring.domain.Tier;
import dev.kam.scoring.repository.ScoringRepository.TierOverride;
import dev.kam.scoring.service.OverrideService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** Sales ops force a tier for a customer, with a reason and an expiry. */
@Path("/api/v1/overrides/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores")
@RolesAllowed(Roles.SALES_OPS)
public class OverrideResource {

    public record OverrideRequest(@NotNull Tier tier, @NotBlank @Size(max = 2000) String reason,
                                  @Schema(description = "in the future, at most 366 days ahead") @NotNull @Future Instant expiresAt) {
    }

    private final OverrideService overrides;
    private final SecurityIdentity identity;

    OverrideResource(OverrideService overrides, SecurityIdentity identity) {
        this.overrides = overrides;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setOverride", summary = "Force a tier until expiresAt", description = "The score shows the override and its reason; when it expires the computed "
            + "tier is back. An override runs at most 366 days; an archived customer takes none (409).")
    public TierOverride set(@PathParam("customerId") UUID customerId, @Valid @NotNull OverrideRequest request) {
        return overrides.set(customerId, request.tier(), request.reason(), request.expiresAt(), identity.getPrincipal().getName());
    }

    @DELETE
    @Operation(operationId = "removeOverride", summary = "Remove the override; the computed tier is back", description = "The customer is rescored at once and its designation events follow if the tier changes; the override stays in the audit trail.")
    @APIResponse(responseCode = "204", description = "Removed; the customer is rescored with its computed tier")
    @APIResponse(responseCode = "404", description = "The customer has no override")
    public Response remove(@PathParam("customerId") UUID customerId) {
        if (!overrides.remove(customerId)) {
            throw new NotFoundException("no override for customer " + customerId);
        }
        return Response.noContent().build();
    }
}
