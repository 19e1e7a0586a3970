package dev.kam.team.rest;

import dev.kam.foundation.rest.Identifier;
import dev.kam.foundation.rest.PageCursors;
import dev.kam.foundation.security.Roles;
import dev.kam.team.domain.StaffFunction;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.service.StaffingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;

/** The supplier's people, synced from HR/CRM. */
@Path("/api/v1/staff")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff")
public class StaffResource {

    public record StaffRequest(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String email,
                               @NotNull StaffFunction function,
                               @Schema(description = "sales territories the person works in (team.sales-territories)", example = "[\"DE-SOUTH\"]")
                               @Size(max = 20) Set<@NotBlank @Size(max = 50) String> regions,
                               @Size(max = 50) Set<@NotBlank @Size(max = 100) String> industries, @NotNull @Min(0) @Max(100) Integer capacity,
                               @Schema(description = "employee id of their manager, who must be in the directory")
                               @Size(max = 100) @Identifier String managerId) {
    }

    private final StaffingService staffing;

    StaffResource(StaffingService staffing) {
        this.staffing = staffing;
    }

    @PUT
    @Path("/{employeeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM_INTEGRATION, Roles.SALES_OPS})
    @Operation(operationId = "putStaffMember", summary = "Create or replace a staff member (upsert by employee id)",
            description = "Regions must be sales territories, the manager must be in the directory and not work below the person. "
                    + "A changed function or a lowered capacity releases the person from the roles and teams it no longer covers.")
    public StaffMember put(@PathParam("employeeId") @Size(min = 1, max = 100) @Identifier String employeeId, @Valid @NotNull StaffRequest request) {
        StaffMember staff = new StaffMember(employeeId, request.name(), request.email(), request.function(), request.regions(),
                request.industries(), request.capacity(), request.managerId());
        staffing.saveStaff(staff);
        return staff;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "listStaff", summary = "List staff, by function and region", description = "Everyone staffing can draw on, with "
            + "function, sales territories, industries, capacity and line manager, in the order of their employee ids; both filters are "
            + "optional. A page of at most limit (1-500) people; follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page of the directory",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffPage.class)))
    @APIResponse(responseCode = "400", description = "A query value is not of its kind, or the cursor is not one this list gave out")
    public StaffPage list(@QueryParam("function") StaffFunction function, @QueryParam("region") @Size(max = 100) String region,
                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                          @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        List<StaffMember> page = staffing.staff(function, region, PageCursors.decodeText(LIST, cursor), limit);
        return new StaffPage(page, page.size() == limit ? PageCursors.encodeText(LIST, page.get(page.size() - 1).employeeId()) : null);
    }

    /** A page of the staff directory; {@code nextCursor} is null on the last page. */
    public record StaffPage(List<StaffMember> items, String nextCursor) {
    }

    private static final String LIST = "staff";
}
