package dev.kam.team.rest;

import dev.kam.foundation.security.Roles;
import dev.kam.team.service.AccountService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The health of the key-account programme as a whole. */
@Path("/api/v1/programme")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class ProgrammeResource {

    private final AccountService accounts;

    ProgrammeResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @Path("/health")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.LINE_MANAGER})
    @Operation(operationId = "getProgrammeHealth", summary = "The programme scorecard", description = "Per condition, how many open key-account teams meet it, and the share; "
            + "and the programme's outcome: the share of key accounts at which we are preferred or strategic supplier, now and 90 days ago.")
    public AccountService.ProgrammeScorecard programme() {
        return accounts.programme();
    }

}
