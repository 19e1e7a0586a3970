package dev.kam.console.rest;

import dev.kam.console.config.ConsoleSettings;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.service.IdentityProvider;
import dev.kam.console.service.SessionTokens;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-in and sign-out. Locally ({@code sign-in=local}, a platform started with {@code ./kam up}): a role chooser whose
 * token the local key signs, as {@code ./kam token} does; key account managers give their employee id, which the team
 * service matches to the teams they lead. In production ({@code sign-in=oidc}): the organisation's identity provider,
 * authorization-code flow with PKCE, the provider's access token kept as the session.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /**
     * The roles a person of the programme signs in with. Integrations and operators use the API; line managers answer
     * their reps' coordination there too, as the console has no page for it yet.
     */
    static final List<String> ROLES = List.of(ConsoleUser.SALES_OPS, ConsoleUser.KEY_ACCOUNT_MANAGER, ConsoleUser.VIEWER);
    /** A path of this console: no scheme or host, no backslash, no white space or control character (a header must hold it). */
    private static final Pattern SAFE_NEXT = Pattern.compile("/[^\\\\\\s\\p{Cntrl}]{0,2000}");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    static final String PENDING_COOKIE = "kam_console_sign_in";

    private final Template signIn;
    private final Template signedOut;
    private final SessionTokens tokens;
    private final Sessions sessions;
    private final ConsoleSettings settings;
    private final IdentityProvider provider;
    private final int httpPort;

    SignInResource(@io.quarkus.qute.Location("sign-in.html") Template signIn, @io.quarkus.qute.Location("signed-out.html") Template signedOut,
                   SessionTokens tokens, Sessions sessions, ConsoleSettings settings, IdentityProvider provider,
                   @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.httpPort = httpPort;
        this.signIn = signIn;
        this.signedOut = signedOut;
        this.tokens = tokens;
        this.sessions = sessions;
        this.settings = settings;
        this.provider = provider;
    }

    @GET
    public Response home() {
        return Redirects.seeOther("/portfolio").build();
    }

    @GET
    @Path("sign-in")
    public Response page(@QueryParam("next") String next, @Context UriInfo uri) {
        if (settings.signsInThroughProvider()) {
            IdentityProvider.PendingSignIn pending = provider.newSignIn(safeNext(next));
            try {
                return Redirects.seeOther(provider.authorizationUri(pending, callbackUri(uri)).toString())
                        .cookie(pendingCookie(pending.cookieValue(), 600, uri)).build();
            } catch (IdentityProvider.ProviderException e) {
                return providerProblem(e.getMessage());
            }
        }
        return Response.ok(signIn.data("user", null).data("next", safeNext(next)).data("problem", null).data("subject", "")
                .data("role", ConsoleUser.SALES_OPS)).build();
    }

    /**
     * The provider sends the browser back here: the state must be the one this browser left with (no one else's
     * sign-in is completed in it), the code is exchanged with the PKCE verifier, the ID token must carry this
     * sign-in's nonce, and the access token must pass the checks every request makes. The ID token comes straight
     * from the provider's token endpoint, so only its nonce is read from it (OpenID Connect Core 3.1.3.7).
     */
    @GET
    @Path("sign-in/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
                             @QueryParam("error_description") String errorDescription, @CookieParam(PENDING_COOKIE) String pendingCookie,
                             @Context UriInfo uri) {
        if (!settings.signsInThroughProvider()) {
            return Redirects.seeOther("/sign-in").build();
        }
        Optional<IdentityProvider.PendingSignIn> pending = IdentityProvider.PendingSignIn.fromCookie(pendingCookie);
        NewCookie forgetPending = pendingCookie("", 0, uri);
        if (error != null) {
            return providerProblem("the identity provider did not sign you in: " + error + (errorDescription == null ? "" : ", " + errorDescription), forgetPending);
        }
        if (pending.isEmpty() || state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                pending.get().state().getBytes(StandardCharsets.UTF_8))) {
            return providerProblem("this sign-in was not started in this browser, or took longer than 10 minutes: sign in again", forgetPending);
        }
        if (code == null || code.isBlank()) {
            return providerProblem("the identity provider sent no code", forgetPending);
        }
        try {
            IdentityProvider.Tokens answer = provider.exchange(code, pending.get(), callbackUri(uri));
            if (answer.idTokenNonce() != null && !answer.idTokenNonce().equals(pending.get().nonce())) {
                return providerProblem("the identity provider's ID token belongs to another sign-in", forgetPending);
            }
            if (!Sessions.fitsInACookie(answer.accessToken())) {
                return providerProblem("the identity provider's access token has " + answer.accessToken().length() + " characters; the console keeps "
                        + "tokens of at most " + Sessions.MAX_TOKEN_CHARS + " in its session cookie (ask for fewer claims in the console's token)", forgetPending);
            }
            Optional<ConsoleUser> user = tokens.user(answer.accessToken());
            if (user.isEmpty()) {
                return providerProblem("the identity provider's access token is not one the platform accepts (its signature, issuer "
                        + settings.issuer() + ", audience " + settings.audience() + " or expiry)", forgetPending);
            }
            return Redirects.seeOther(safeNext(pending.get().next())).cookie(sessions.cookie(user.get(), secure(uri)), forgetPending).build();
        } catch (IdentityProvider.ProviderException e) {
            return providerProblem(e.getMessage(), forgetPending);
        }
    }

    @POST
    @Path("sign-in")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("role") String role, @FormParam("subject") String subject, @FormParam("next") String next,
                           @Context UriInfo uri) {
        if (settings.signsInThroughProvider()) {
            // no role chooser where people sign in through the provider: a forged form gets nowhere
            return Response.status(400).entity(signedOut.data("user", null)
                    .data("problem", "this console signs people in through the organisation's identity provider")).build();
        }
        String who = subject == null ? "" : subject.strip();
        String problem = null;
        if (role == null || !ROLES.contains(role)) {
            problem = "choose one of the roles";
        } else if (!SUBJECT.matcher(who).matches()) {
            problem = "give your name or employee id: 1 to 100 letters, digits, dots, dashes, underscores or @";
        }
        if (problem != null) {
            return Response.status(400).entity(signIn.data("user", null).data("next", safeNext(next)).data("problem", problem)
                    .data("subject", who).data("role", role == null ? ConsoleUser.SALES_OPS : role)).build();
        }
        ConsoleUser user = tokens.signIn(who, role);
        return Redirects.seeOther(safeNext(next)).cookie(sessions.cookie(user, secure(uri))).build();
    }

    /** Ends the console's session and, where the provider offers it, the provider's own: otherwise the next page would sign in again at once. */
    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(Sessions.COOKIE) String session, @Context UriInfo uri) {
        sessions.end(session);
        URI afterwards = URI.create("/sign-in");
        if (settings.signsInThroughProvider()) {
            String signedOut = publicBase(uri) + "/signed-out";
            try {
                afterwards = provider.endSessionUri(signedOut).orElse(URI.create(signedOut));
            } catch (IdentityProvider.ProviderException e) {
                afterwards = URI.create(signedOut);
            }
        }
        return Redirects.seeOther(afterwards.toString()).cookie(sessions.signedOut(secure(uri))).build();
    }

    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return this.signedOut.data("user", null);
    }

    private Response providerProblem(String problem, NewCookie... cookies) {
        return Response.status(502).entity(this.signedOut.data("user", null).data("problem", problem)).cookie(cookies).build();
    }

    /** Where the provider sends people back: registered with the provider as the console's redirect URI. */
    private String callbackUri(UriInfo uri) {
        return publicBase(uri) + "/sign-in/callback";
    }

    /**
     * The console's address as browsers reach it: its public URL, else the address it listens on locally. Never the
     * request's Host, which the caller chooses.
     */
    private String publicBase(UriInfo uri) {
        return settings.publicUrl().filter(url -> !url.isBlank()).map(url -> url.replaceFirst("/+$", ""))
                .orElse("http://localhost:" + httpPort);
    }

    private NewCookie pendingCookie(String value, int maxAgeSeconds, UriInfo uri) {
        // Lax: the provider's redirect back is a navigation another site started
        return new NewCookie.Builder(PENDING_COOKIE).value(value).path("/sign-in").httpOnly(true).secure(secure(uri))
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAgeSeconds).build();
    }

    private boolean secure(UriInfo uri) {
        return "https".equals(uri.getRequestUri().getScheme()) || settings.publicUrl().map(url -> url.startsWith("https:")).orElse(false);
    }

    /** Only a path of this console: a sign-in link must not send people elsewhere (an open redirect). */
    static String safeNext(String next) {
        if (next == null || !SAFE_NEXT.matcher(next).matches() || next.startsWith("//")) {
            return "/portfolio";
        }
        try {
            URI path = new URI(next);
            return path.getScheme() == null && path.getRawAuthority() == null ? next : "/portfolio";
        } catch (java.net.URISyntaxException unreadable) {
            return "/portfolio";
        }
    }
}
