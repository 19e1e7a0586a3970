package dev.kam.foundation.probe;

import dev.kam.foundation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.util.List;

/** Endpoints that exercise the shared REST behaviour: validation, errors, deny-by-default. */
@Path("/api/v1/probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public enum Kind { SMALL, LARGE }

    public record Location(@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    public record ProbeRequest(@NotBlank String name, @NotNull @Positive BigDecimal amount, Kind kind,
                               List<@Valid @NotNull Location> locations) {
    }

    @POST
    @Path("/echo")
    @RolesAllowed(Roles.CRM_INTEGRATION)
    public ProbeRequest echo(@Valid @NotNull ProbeRequest request) {
        return request;
    }

    @jakarta.inject.Inject
    ProbeService probe;

    /** Activates a team: a state change and its event, as any write of a service's API. */
    @POST
    @Path("/activations/{customerId}/{teamId}")
    @RolesAllowed(Roles.CRM_INTEGRATION)
    public String activate(@jakarta.ws.rs.PathParam("customerId") String customerId, @jakarta.ws.rs.PathParam("teamId") String teamId) {
        return "\"" + probe.activate(customerId, teamId, false) + "\"";
    }

    @GET
    @Path("/failure")
    @RolesAllowed(Roles.VIEWER)
    public String failure() {
        throw new IllegalStateException("secret internal detail");
    }

    @GET
    @Path("/database-away")
    @RolesAllowed(Roles.VIEWER)
    public String databaseAway() throws java.sql.SQLException {
        throw new java.sql.SQLTransientConnectionException("connection refused", "08001");
    }

    /** Holds its worker for a while, like a slow query: for the overload bound. */
    @GET
    @Path("/slow")
    @RolesAllowed(Roles.VIEWER)
    public String slow(@jakarta.ws.rs.QueryParam("millis") @jakarta.ws.rs.DefaultValue("500") long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "done";
    }

    /** Reads a body as a stream, as an NDJSON import does: for the deadline of slow bodies. */
    @POST
    @Path("/upload")
    @Consumes("application/x-ndjson")
    @io.smallrye.common.annotation.Blocking
    @RolesAllowed(Roles.CRM_INTEGRATION)
    public String upload(java.io.InputStream body) throws java.io.IOException {
        return "\"" + body.readAllBytes().length + " bytes\"";
    }

    /** Has no role annotation: deny-by-default must refuse it. */
    @GET
    @Path("/unannotated")
    public String unannotated() {
        return "should never be served";
    }
}
