package dev.kam.console.rest;

import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.service.ServiceCallException;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/**
 * What a person sees when a call fails: sent to sign in without a session; a service's refusal shown with the service's
 * own words and status (a 403 reads "not yours to change", never a blank page).
 */
public class ConsoleExceptionMappers {

    private final Template error;
    private final Sessions sessions;

    ConsoleExceptionMappers(@io.quarkus.qute.Location("error.html") Template error, Sessions sessions) {
        this.error = error;
        this.sessions = sessions;
    }

    @ServerExceptionMapper
    public Response signIn(SignInRequiredException e, HttpHeaders headers) {
        if (headers.getHeaderString("HX-Request") != null) {
            // a fragment cannot redirect the page: htmx follows HX-Redirect instead
            return Response.status(401).header("HX-Redirect", "/sign-in?next=" + java.net.URLEncoder.encode(e.next(), java.nio.charset.StandardCharsets.UTF_8)).build();
        }
        return Redirects.seeOther("/sign-in?next=" + java.net.URLEncoder.encode(e.next(), java.nio.charset.StandardCharsets.UTF_8)).build();
    }

    @ServerExceptionMapper
    public Response serviceRefused(ServiceCallException e, HttpHeaders headers, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.Request request) {
        if (e.status() == 401) {
            // the services no longer take the session's token (expired, or signed with a key they stopped trusting): sign in
            // again, then back to the page (after a change, to the portfolio: the change itself is not repeated)
            String here = !"GET".equals(request.getMethod()) ? "/portfolio"
                    : uri.getRequestUri().getRawPath() + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
            return signIn(new SignInRequiredException(here), headers);
        }
        Cookie session = headers.getCookies().get(Sessions.COOKIE);
        ConsoleUser user = sessions.current(session == null ? null : session.getValue()).orElse(null);
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("user", user).data("status", e.status()).data("title", e.title()).data("detail", e.getMessage()).render()).build();
    }
}
