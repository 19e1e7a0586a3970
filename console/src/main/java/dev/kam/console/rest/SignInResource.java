package dev.kam.console.rest;

import dev.kam.console.config.ConsoleSettings;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.service.SessionTokens;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Local sign-in, for a platform started with {@code ./kam up}: a role chooser whose token the local key signs, as
 * {@code ./kam token} does. Key account managers give their employee id, which the team service matches to the teams
 * they lead.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /**
     * The roles a person of the programme signs in with. Integrations and operators use the API; line managers answer
     * their reps' coordination there too, as the console has no page for it yet.
     */
    static final List<String> ROLES = List.of(ConsoleUser.SALES_OPS, ConsoleUser.KEY_ACCOUNT_MANAGER, ConsoleUser.VIEWER);
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private final Template signIn;
    private final SessionTokens tokens;
    private final Sessions sessions;
    private final ConsoleSettings settings;

    SignInResource(@io.quarkus.qute.Location("sign-in.html") Template signIn, SessionTokens tokens, Sessions sessions, ConsoleSettings settings) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.sessions = sessions;
        this.settings = settings;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/portfolio")).build();
    }

    @GET
    @Path("sign-in")
    public TemplateInstance page(@QueryParam("next") String next) {
        return signIn.data("user", null).data("next", safeNext(next)).data("problem", null).data("subject", "").data("role", ConsoleUser.SALES_OPS);
    }

    @POST
    @Path("sign-in")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("role") String role, @FormParam("subject") String subject, @FormParam("next") String next,
                           @Context UriInfo uri) {
        String who = subject == null ? "" : subject.strip();
        String problem = null;
        if (!"local".equals(settings.signIn())) {
            problem = "this console signs people in through the organisation's identity provider";
        } else if (role == null || !ROLES.contains(role)) {
            problem = "choose one of the roles";
        } else if (!SUBJECT.matcher(who).matches()) {
            problem = "give your name or employee id: 1 to 100 letters, digits, dots, dashes, underscores or @";
        }
        if (problem != null) {
            return Response.status(400).entity(signIn.data("user", null).data("next", safeNext(next)).data("problem", problem)
                    .data("subject", who).data("role", role == null ? ConsoleUser.SALES_OPS : role)).build();
        }
        ConsoleUser user = tokens.signIn(who, role);
        return Response.seeOther(URI.create(safeNext(next))).cookie(sessions.cookie(user, "https".equals(uri.getRequestUri().getScheme()))).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context UriInfo uri) {
        return Response.seeOther(URI.create("/sign-in")).cookie(sessions.signedOut("https".equals(uri.getRequestUri().getScheme()))).build();
    }

    /** Only a path of this console: a sign-in link must not send people elsewhere (an open redirect). */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/portfolio";
    }
}
