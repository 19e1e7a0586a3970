package dev.kam.team.rest;

import dev.kam.foundation.rest.Identifier;
import dev.kam.foundation.rest.PageCursors;
import dev.kam.foundation.security.Roles;
import dev.kam.team.domain.Coordination;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.Identification;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.service.AccountService;
import dev.kam.team.repository.TeamRepository;
import dev.kam.team.service.SpecialistService;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    /** @param coordination for a field rep: their line manager and whether they agreed to the rep's work here */
    public record MemberView(String memberId, String employeeId, TeamRole role, List<String> coverage, Coordination coordination,
                             Instant since) {
        static MemberView of(Membership m) {
            return new MemberView(m.memberId(), m.employeeId(), m.role(), m.coverage().stream().sorted().toList(), m.coordination(), m.since());
        }
    }

    /** One row of the coverage matrix: a sales territory (kind REGION) or operating unit of the customer and the field reps covering it. */
    public record CoverageCell(CoverageGap.Kind kind, String value, List<String> fieldReps) {
    }

    /**
     * @param territories    the supplier's sales territories the customer has sites in (from scoring)
     * @param identification how clearly scoring identified the key account
     * @param windDown       while WINDING_DOWN (and after): to whom the account was handed, since and until when
     */
    public record TeamView(String customerId, String teamId, TeamStatus status, String designation, List<String> territories,
                           List<MemberView> members, List<CoverageGap> coverageGaps, List<CoverageCell> coverage,
                           Identification identification, Team.WindDown windDown) {
        static TeamView of(Team team) {
            return new TeamView(team.customerId(), team.teamId().toString(), team.status(), team.designation(), List.copyOf(team.regions()),
                    team.activeMembers().stream().map(MemberView::of).toList(),
                    team.status() == TeamStatus.DISSOLVED ? List.of() : team.coverageGaps(), matrix(team), team.identification(),
                    team.windDownState());
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

    /** The line manager's answer: AGREED or DECLINED. */
    public record CoordinationRequest(@NotNull Coordination.Stance stance) {
    }

    public record SpecialistRequestBody(@NotBlank @Size(max = 100) @Identifier String employeeId, @Size(max = 1000) String note) {
    }

    public record SpecialistDecisionBody(@NotNull SpecialistService.Decision decision, @Size(max = 1000) String note) {
    }

    private final TeamService teams;
    private final StaffingService staffing;
    private final SpecialistService specialists;
    private final SecurityIdentity identity;

    TeamResource(TeamService teams, StaffingService staffing, SpecialistService specialists, SecurityIdentity identity) {
        this.teams = teams;
        this.staffing = staffing;
        this.specialists = specialists;
        this.identity = identity;
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "getTeam", summary = "The customer's account team", description = "Its current team, or the last dissolved one (history is kept).")
    public TeamView team(@PathParam("customerId") UUID customerId) {
        return teams.team(customerId).map(TeamView::of).orElseThrow(() -> new TeamNotFoundException(customerId));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "listTeams", summary = "Teams by status or member", description = "Every team, dissolved ones too, in a "
            + "stable order; optionally only those in one status or with one employee on them. A page of at most limit (1-500) teams; "
            + "follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page of teams",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamPage.class)))
    @APIResponse(responseCode = "400", description = "A query value is not of its kind, or the cursor is not one this list gave out")
    public TeamPage list(@QueryParam("status") TeamStatus status, @QueryParam("employeeId") @Size(max = 100) String employeeId,
                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                         @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        List<Team> page = teams.teams(status, employeeId, PageCursors.decodeId(TEAMS, cursor), limit);
        return new TeamPage(page.stream().map(TeamView::of).toList(),
                page.size() == limit ? PageCursors.encode(TEAMS, page.get(page.size() - 1).teamId()) : null);
    }

    /** A page of teams; {@code nextCursor} is null on the last page. */
    public record TeamPage(List<TeamView> items, String nextCursor) {
    }

    private static final String TEAMS = "teams";

    @POST
    @Path("/{customerId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SALES_OPS)
    @Operation(operationId = "assignTeamMember", summary = "Assign someone to the team",
            description = "409 with the rule in words when it breaks one: one key account manager, capacity, role fits function "
                    + "(an executive sponsor is an EXECUTIVE), field reps cover this customer's sales territories or units and have a line "
                    + "manager, who is informed; the key account manager, assigned first, coordinates them.")
    @APIResponse(responseCode = "201", description = "The new member",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "409", description = "The assignment breaks a staffing rule; the detail names it")
    public Response assign(@PathParam("customerId") UUID customerId, @Valid @NotNull AssignmentRequest request) {
        Membership membership = teams.assign(customerId, request.employeeId(), request.role(), request.coverage());
        return Response.status(201).entity(MemberView.of(membership)).build();
    }

    @PUT
    @Path("/{customerId}/members/{memberId}/coordination")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LINE_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "setMemberCoordination", summary = "A field rep's line manager agrees to (or declines) the rep's work on this account",
            description = "The rep's line manager (a token whose subject is their employee id), or sales ops on their behalf. Hise & Reid's "
                    + "fifth condition reads it: coordinated working relationships between sales managers and field reps.")
    public MemberView coordination(@PathParam("customerId") UUID customerId, @PathParam("memberId") @Size(max = 64) String memberId,
                                   @Valid @NotNull CoordinationRequest request) {
        return MemberView.of(teams.decideCoordination(customerId, memberId, request.stance(), identity.getPrincipal().getName(),
                identity.hasRole(Roles.SALES_OPS)));
    }

    @GET
    @Path("/{customerId}/specialists")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "listSpecialists", summary = "The specialists the customer's functional areas call for",
            description = "Quality, engineering, IT: a technical specialist; logistics: a logistics owner; operations: service; finance and "
                    + "marketing: their own. Per function FILLED, REQUESTED or OPEN, with candidates and the requests made.")
    public List<SpecialistService.NeedView> specialists(@PathParam("customerId") UUID customerId) {
        return specialists.needs(customerId);
    }

    @POST
    @Path("/{customerId}/specialist-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "requestSpecialist", summary = "Request a specialist for the team", description = "The team's key account manager (or sales ops) asks the head of "
            + "the person's function, their line manager, who approves or declines.")
    @APIResponse(responseCode = "201", description = "The request, waiting for the decision of the specialist's line manager",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TeamRepository.SpecialistRequest.class)))
    @APIResponse(responseCode = "409", description = "The person is not a specialist the team needs, or is asked for already")
    public Response requestSpecialist(@PathParam("customerId") UUID customerId, @Valid @NotNull SpecialistRequestBody body) {
        return Response.status(201).entity(specialists.request(customerId, body.employeeId(), body.note(), editor())).build();
    }

    @POST
    @Path("/{customerId}/specialist-requests/{requestId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LINE_MANAGER)
    @Operation(operationId = "decideSpecialistRequest", summary = "The head of the function decides on a specialist request",
            description = "APPROVED puts the specialist on the team (capacity permitting); DECLINED closes the request.")
    public TeamRepository.SpecialistRequest decideSpecialist(@PathParam("customerId") UUID customerId, @PathParam("requestId") UUID requestId,
                                                             @Valid @NotNull SpecialistDecisionBody body) {
        return specialists.decide(customerId, requestId, body.decision(), body.note(), identity.getPrincipal().getName());
    }

    private AccountService.Editor editor() {
        return new AccountService.Editor(identity.getPrincipal().getName(), identity.hasRole(Roles.SALES_OPS));
    }

    @DELETE
    @Path("/{customerId}/members/{memberId}")
    @RolesAllowed(Roles.SALES_OPS)
    @Operation(operationId = "releaseTeamMember", summary = "Release a member", description = "Publishes kam.team.member-released.v1; a role or territory left uncovered shows as a coverage gap, and an ACTIVE team that lacks a required role goes back to FORMING.")
    @APIResponse(responseCode = "204", description = "Released; the team's events say so")
    public Response release(@PathParam("customerId") UUID customerId, @PathParam("memberId") String memberId) {
        teams.release(customerId, memberId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{customerId}/staffing-proposal")
    @RolesAllowed({Roles.SALES_OPS, Roles.KEY_ACCOUNT_MANAGER})
    @Operation(operationId = "proposeStaffing", summary = "Propose people for what the team lacks", description = "By function, region and industry fit and current load, "
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
