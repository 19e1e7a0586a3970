package dev.kam.console.rest;

import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.service.AccountService;
import dev.kam.console.view.Charts;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One account: profile, explained score and its history, the team with coverage and staffing, the plan, the
 * relationship map and the six conditions. Changes go to the services as the signed-in user; the team section is
 * rendered again when the live feed says the team changed.
 */
@Path("/accounts/{customerId}")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    private final Template account;
    private final Template teamSection;
    private final AccountService accounts;
    private final Sessions sessions;

    AccountResource(@io.quarkus.qute.Location("account.html") Template account, @io.quarkus.qute.Location("team-section.html") Template teamSection, AccountService accounts, Sessions sessions) {
        this.account = account;
        this.teamSection = teamSection;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GET
    public TemplateInstance page(@CookieParam(Sessions.COOKIE) String session, @PathParam("customerId") String customerId,
                                 @QueryParam("asOf") String asOf, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        CustomerIds.require(customerId);
        AccountService.Account shown = accounts.account(user, customerId, asOf);
        return account.data("user", user).data("account", shown).data("section", new AccountService.TeamSection(customerId, shown.team(),
                        shown.staffing(), shown.conditions()))
                .data("asOf", asOf == null ? "" : asOf)
                .data("mayEditPlan", shown.team() != null && user.mayEditPlan(shown.team()))
                .data("mayApplyStaffing", user.mayApplyStaffing())
                .data("mayOverride", user.mayOverride())
                .data("overrideDays", overrideDays())
                .data("history", Charts.scoreHistory(shown.history(), shown.model().promotion(), shown.model().demotion(), Instant.now()))
                .data("relationships", shown.relationships() == null ? "" : Charts.relationshipMap(shown.relationships()));
    }

    /**
     * The days an override may end on, as scoring takes them: from tomorrow to a year ahead (it refuses more than 366
     * days, and an override without an end), proposed at 90 days.
     */
    static Map<String, LocalDate> overrideDays() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Map.of("first", today.plusDays(1), "proposed", today.plusDays(90), "last", today.plusDays(365));
    }

    /** The team section alone, for the live feed's refresh (htmx swaps it in place). */
    @GET
    @Path("team")
    public TemplateInstance team(@CookieParam(Sessions.COOKIE) String session, @PathParam("customerId") String customerId, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        CustomerIds.require(customerId);
        return teamSection.data("user", user).data("section", accounts.teamSection(user, customerId)).data("mayApplyStaffing", user.mayApplyStaffing());
    }

    /**
     * Applies the staffing proposal (sales ops). From the page's script the answer is empty: the team's own events bring
     * the new team to the page; without the script the browser is sent back to the account.
     */
    @POST
    @Path("staffing")
    public Response applyStaffing(@CookieParam(Sessions.COOKIE) String session, @PathParam("customerId") String customerId,
                                  @HeaderParam("HX-Request") String fromScript, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        CustomerIds.require(customerId);
        accounts.applyStaffing(user, customerId);
        return fromScript != null ? Response.noContent().build() : Redirects.seeOther("/accounts/" + customerId + "#team").build();
    }

    @POST
    @Path("override")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response override(@CookieParam(Sessions.COOKIE) String session, @PathParam("customerId") String customerId,
                             @FormParam("action") String action, @FormParam("tier") String tier, @FormParam("reason") String reason,
                             @FormParam("expiresOn") String expiresOn, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        CustomerIds.require(customerId);
        if ("lift".equals(action)) {
            accounts.liftOverride(user, customerId);
        } else {
            accounts.setOverride(user, customerId, tier, reason == null ? "" : reason.strip(), expiresOn);
        }
        return Redirects.seeOther("/accounts/" + customerId + "#explanation").build();
    }

    @POST
    @Path("plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setMission(@CookieParam(Sessions.COOKIE) String session, @PathParam("customerId") String customerId,
                               @FormParam("mission") String mission, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        CustomerIds.require(customerId);
        accounts.setMission(user, customerId, mission == null ? "" : mission.strip());
        return Redirects.seeOther("/accounts/" + customerId + "?saved=plan#plan").build();
    }
}
