package dev.kam.console.rest;

import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.Programme;
import dev.kam.console.service.ProgrammeService;
import dev.kam.console.view.Charts;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** The programme: Hise &amp; Reid's scorecard, teams by status, open coverage gaps, staff load against capacity. */
@Path("/programme")
@Produces(MediaType.TEXT_HTML)
public class ProgrammeResource {

    private final Template programme;
    private final ProgrammeService programmes;
    private final Sessions sessions;

    ProgrammeResource(@Location("programme.html") Template programme, ProgrammeService programmes, Sessions sessions) {
        this.programme = programme;
        this.programmes = programmes;
        this.sessions = sessions;
    }

    @GET
    public TemplateInstance page(@CookieParam(Sessions.COOKIE) String session, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        Programme shown = programmes.programme(user);
        return programme.data("user", user).data("programme", shown).data("scorecard", Charts.scorecard(shown.scorecard()));
    }
}
