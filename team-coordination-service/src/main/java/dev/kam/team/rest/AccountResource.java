package dev.kam.team.rest;

import dev.kam.foundation.rest.Identifier;
import dev.kam.foundation.security.Roles;
import dev.kam.team.domain.AccountPlan;
import dev.kam.team.domain.Relationship;
import dev.kam.team.service.AccountService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The account plan, the relationship map and the health of one key account; the programme scorecard. */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {

    public record GoalRequest(@NotBlank @Size(max = 300) String title, @Size(max = 200) String metric,
                              @Size(max = 200) String target, LocalDate dueDate, @Size(max = 50) String status) {
    }

    /**
     * @param cadence   an ISO 8601 period from P1D to P1Y (P1W, P14D, P1M) or daily, weekly, fortnightly, monthly, quarterly
     * @param functions which of the supplier's functions the line connects (SALES, SERVICE, TECHNICAL, LOGISTICS, FINANCE,
     *                  MARKETING, EXECUTIVE); when absent they are read from the words of {@code between}
     * @param lastHeld  when the line was last used
     */
    public record LineRequest(@NotBlank @Size(max = 200) String between, @NotBlank @Size(max = 200) String channel,
                              @Schema(example = "P1W", description = "how often the line is used: " + AccountPlan.CommunicationLine.CADENCES)
                              @NotBlank @Size(max = 100) String cadence, @Size(max = 7) List<@NotBlank @Size(max = 20) String> functions,
                              @PastOrPresent LocalDate lastHeld) {
    }

    public record PlanRequest(@NotBlank @Size(max = 2000) String mission, @Size(max = 50) List<@Valid @NotNull GoalRequest> goals,
                              @Size(max = 20) List<@Valid @NotNull LineRequest> communication) {
    }

    public record RelationshipRequest(@NotBlank @Size(max = 100) @Identifier String ownerEmployeeId, @NotNull @Min(1) @Max(366) Integer cadenceDays,
                                      @PastOrPresent LocalDate lastContact) {
    }

    private final AccountService accounts;
    private final SecurityIdentity identity;

    AccountResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @PUT
    @Path("/{customerId}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "setAccountPlan", summary = "Set the account plan", description = "Mission, measurable goals and communication lines; the team's key account "
            + "manager or sales ops. A goal with metric supplierStatus targets a status (NONE, APPROVED, PREFERRED, STRATEGIC) and is "
            + "evaluated against our status at the customer.")
    public AccountService.PlanView setPlan(@PathParam("customerId") UUID customerId, @Valid @NotNull PlanRequest request) {
        AccountPlan plan = new AccountPlan(request.mission(),
                request.goals() == null ? List.of() : request.goals().stream().map(g -> new AccountPlan.Goal(g.title(), g.metric(),
                        g.target(), g.dueDate(), g.status())).toList(),
                request.communication() == null ? List.of() : request.communication().stream()
                        .map(l -> new AccountPlan.CommunicationLine(l.between(), l.channel(), l.cadence(), l.functions(), l.lastHeld())).toList(), 0);
        return accounts.setPlan(customerId, plan, editor());
    }

    @GET
    @Path("/{customerId}/plan")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "getAccountPlan", summary = "The account plan", description = "Supplier-status goals carry their evaluation.")
    public AccountService.PlanView plan(@PathParam("customerId") UUID customerId) {
        return accounts.plan(customerId).orElseThrow(() -> new NotFoundException("no account plan for customer " + customerId));
    }

    @GET
    @Path("/{customerId}/supplier-status")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "getSupplierStatus", summary = "Our supplier status at the key account since its designation",
            description = "The outcome key account management works for: the current status and every movement up or down.")
    public AccountService.SupplierStatusView supplierStatus(@PathParam("customerId") UUID customerId) {
        return accounts.supplierStatus(customerId);
    }

    @PUT
    @Path("/{customerId}/relationships/{contactId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "setRelationship", summary = "Give a buying-centre contact an owner on the team, a cadence and the last contact", description = "The contact must be in the customer's buying centre and the owner on the team (409 otherwise); sales ops, or the key account manager who leads the team, may set it.")
    public Relationship setRelationship(@PathParam("customerId") UUID customerId,
                                        @PathParam("contactId") @Size(min = 1, max = 100) @Identifier String contactId,
                                        @Valid @NotNull RelationshipRequest request) {
        return accounts.setRelationship(customerId, new Relationship(contactId, request.ownerEmployeeId(), request.cadenceDays(),
                request.lastContact()), editor());
    }

    @GET
    @Path("/{customerId}/relationships")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "getRelationshipMap", summary = "The relationship map", description = "Every buying-centre contact with its owner; unowned and overdue contacts and a "
            + "bow-tie (a single owned contact) are flagged, and per operating unit whether a field rep covering it owns a relationship there.")
    public AccountService.RelationshipMap relationships(@PathParam("customerId") UUID customerId) {
        return accounts.relationships(customerId);
    }

    @GET
    @Path("/{customerId}/health")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "getTeamHealth", summary = "The six Hise & Reid conditions for this account", description = "Each met or not, with the evidence.")
    public AccountService.AccountHealth health(@PathParam("customerId") UUID customerId) {
        return accounts.health(customerId);
    }

    private AccountService.Editor editor() {
        return new AccountService.Editor(identity.getPrincipal().getName(), identity.hasRole(Roles.SALES_OPS));
    }
}
