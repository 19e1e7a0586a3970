package dev.kam.team.rest;

import dev.kam.foundation.rest.Identifier;
import dev.kam.foundation.security.Roles;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.service.AccountService;
import dev.kam.team.service.StaffingService;
import io.quarkus.security.identity.SecurityIdentity;
import dev.kam.team.service.TeamNotFoundException;
import dev.kam.team.service.TeamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Account teams: who is on them, what they lack, assignments and staffing proposals. */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
public class TeamResource {

    public record MemberView(String memberId, String employeeId, TeamRole role, List<String> coverage, Instant since) {
    }

    /** One row of the coverage matrix: a region or operating unit of the customer and the field reps covering it. */
    public record CoverageCell(CoverageGap.Kind kind, String value, List<String> fieldReps) {
    }

    public record TeamView(String customerId, String teamId, TeamStatus status, String designation, List<MemberView> members,
                           List<CoverageGap> coverageGaps, List<CoverageCell> coverage) {
        static TeamView of(Team team) {
            return new TeamView(team.customerId(), team.teamId().toString(), team.status(), team.designation(),
                    team.activeMembers().stream().map(m -> new MemberView(m.memberId(), m.employeeId(), m.role(),
                            m.coverage().stream().sorted().toList(), m.since())).toList(),
                    team.status() == TeamStatus.DISSOLVED ? List.of() : team.coverageGaps(), matrix(team));
        }

        private static List<CoverageCell> matrix(Team team) {
            List<CoverageCell> cells = new java.util.ArrayList<>();
            team.regions().stream().sorted().forEach(region -> cells.add(new CoverageCell(CoverageGap.Kind.REGION, region,
                    reps(team, Membership.region(region)))));
            team.operatingUnits().stream().sorted().forEach(unit -> cells.add(new CoverageCell(CoverageGap.Kind.OPERATING_UNIT, unit,
                    reps(team, Membership.unit(unit)))));
            return cells;
        }

        private static List<String> reps(Team team, String item) {
            return team.activeMembers().stream().filter(m -> m.role() == TeamRole.FIELD_REP && m.coverage().contains(item))
                    .map(Membership::employeeId).sorted().toList();
        }
    }

    public record AssignmentRequest(@NotBlank @Size(max = 100) @Identifier String employeeId, @NotNull TeamRole role,
                                    @Size(max = 700) Set<@NotBlank @Size(max = 210) String> coverage) {
    }

    private final TeamService teams;
    private final StaffingService staffing;
    private final SecurityIdentity identity;

    TeamResource(TeamService teams, StaffingService staffing, SecurityIdentity identity) {
        this.teams = teams;
        this.staffing = staffing;
        this.identity = identity;
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(summary = "The customer's account team", description = "Its current team, or the last dissolved one (history is kept).")
    public TeamView team(@PathParam("customerId") UUID customerId) {
        return teams.team(customerId).map(TeamView::of).orElseThrow(() -> new TeamNotFoundException(customerId));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(summary = "Teams by status or member")
    public List<TeamView> list(@QueryParam("status") TeamStatus status, @QueryParam("employeeId") String employeeId,
                               @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return teams.teams(status, employeeId, limit).stream().map(TeamView::of).toList();
    }

    @POST
    @Path("/{customerId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SALES_OPS)
    @Operation(summary = "Assign someone to the team",
            description = "409 with the rule in words when it breaks one: one key account manager, capacity, role fits function, "
                    + "field reps cover this customer's regions or units and work under its key account manager.")
    public Response assign(@PathParam("customerId") UUID customerId, @Valid @NotNull AssignmentRequest request) {
        Membership membership = teams.assign(customerId, request.employeeId(), request.role(), request.coverage());
        return Response.status(201).entity(new MemberView(membership.memberId(), membership.employeeId(), membership.role(),
                membership.coverage().stream().sorted().toList(), membership.since())).build();
    }

    @DELETE
    @Path("/{customerId}/members/{memberId}")
    @RolesAllowed(Roles.SALES_OPS)
    @Operation(summary = "Release a member")
    public Response release(@PathParam("customerId") UUID customerId, @PathParam("memberId") String memberId) {
        teams.release(customerId, memberId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{customerId}/staffing-proposal")
    @RolesAllowed({Roles.SALES_OPS, Roles.KEY_ACCOUNT_MANAGER})
    @Operation(summary = "Propose people for what the team lacks", description = "By function, region and industry fit and current load, "
            + "with the reason for each; apply=true assigns them (sales ops only, as every assignment). A key account manager may "
            + "ask for the proposal of the team they lead.")
    public StaffingService.StaffingProposal propose(@PathParam("customerId") UUID customerId,
                                                    @QueryParam("apply") @DefaultValue("false") boolean apply) {
        if (apply && !identity.hasRole(Roles.SALES_OPS)) {
            throw new ForbiddenException("applying a staffing proposal assigns people to the team, which sales ops do");
        }
        return staffing.propose(customerId, apply, new AccountService.Editor(identity.getPrincipal().getName(),
                identity.hasRole(Roles.SALES_OPS)));
    }
}
