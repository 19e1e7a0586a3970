package dev.kam.console.rest;

import dev.kam.console.config.ConsoleSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A change (any method but GET, HEAD and OPTIONS) is carried out only when the browser says it comes from the console's
 * own pages. The session cookie is SameSite=Lax, which stops other sites' form posts, but not those of sibling sites on
 * the same host (another port is the same site): an {@code Origin} that is not the console's, or
 * {@code Sec-Fetch-Site} other than {@code same-origin} (or {@code none}: typed by the person), is refused with 403
 * before anything is read or called. The console's origin is its public URL's, or the one the request names (a
 * browser sets Host and Origin alike, and another site cannot set either). A request with neither header is no
 * browser's cross-site request (every current browser sends Origin with a POST): it passes, with the session it
 * carries as its only credential.
 */
public class SameSiteChanges {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String REFUSED = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Refused: KAM console</title></head>
            <body><main><h1>Refused</h1><p>This change was sent from another site, not from a page of the KAM console, so it was
            not carried out. Open the console and make the change there.</p><p><a href="/portfolio">Back to the portfolio</a></p>
            </main></body></html>""";

    private final ConsoleSettings settings;

    SameSiteChanges(ConsoleSettings settings) {
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseCrossSiteChanges(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        boolean crossSite = (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none"))
                || (origin != null && !ownOrigin(origin, request));
        return crossSite ? Optional.of(Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(REFUSED).build())
                : Optional.empty();
    }

    private boolean ownOrigin(String origin, ContainerRequestContext request) {
        Optional<String> configured = settings.publicUrl().filter(url -> !url.isBlank()).map(SameSiteChanges::originOf);
        if (configured.isPresent()) {
            return configured.get().equalsIgnoreCase(origin);
        }
        // the address the request was sent to (Host, or :authority over HTTP/2), as a browser writes it in Origin
        URI called = request.getUriInfo().getRequestUri();
        return called.getRawAuthority() != null && (called.getScheme() + "://" + called.getRawAuthority()).equalsIgnoreCase(origin);
    }

    /** {@code scheme://host[:port]} of an address, as a browser writes it in Origin. */
    static String originOf(String url) {
        URI address = URI.create(url);
        return address.getScheme() + "://" + address.getHost() + (address.getPort() < 0 ? "" : ":" + address.getPort());
    }
}
