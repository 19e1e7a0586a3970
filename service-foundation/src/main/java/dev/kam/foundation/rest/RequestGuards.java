package dev.kam.foundation.rest;

import dev.kam.foundation.config.KamConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses before any work what cannot be served: an address with a NUL character (400) and a body announced larger
 * than its kind takes (413, before reading it): JSON {@code kam.http.max-json-body-bytes}, NDJSON imports
 * {@code kam.http.max-ndjson-body-bytes}. A body sent in chunks is bounded while it is read ({@link BoundedBodies},
 * {@link NdjsonLines}).
 */
public class RequestGuards {

    private final KamConfig.Http limits;

    RequestGuards(KamConfig config) {
        this.limits = config.http();
    }

    /** A control character (NUL, CR, LF, ...) in the path or query names nothing that can exist: 400 before any work. */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseUnstorableAddress(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean pathBad = !StorableText.singleLine(path);
        boolean queryBad = request.getUriInfo().getQueryParameters().values().stream()
                .flatMap(java.util.List::stream).anyMatch(value -> !StorableText.singleLine(value));
        if (!pathBad && !queryBad) {
            return Optional.empty();
        }
        String where = pathBad ? "path" : "query";
        String message = "must not contain control characters";
        Problem problem = Problem.validation("the " + where + " " + message,
                java.util.List.of(new Problem.Violation(where, message))).at(path.replaceAll("\\p{Cntrl}", ""));
        return Optional.of(Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        MediaType type = request.getMediaType();
        boolean streamed = type != null && "x-ndjson".equals(type.getSubtype());
        if (length == null) {
            return Optional.empty();
        }
        long limit = streamed ? limits.maxNdjsonBodyBytes() : limits.maxJsonBodyBytes();
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.empty(); // the HTTP layer answers a malformed Content-Length
        }
        if (bytes <= limit) {
            return Optional.empty();
        }
        Problem problem = Problem.of("payload-too-large", "Payload too large", 413, "the body has " + bytes + " bytes; at most " + limit
                        + " are accepted here (" + (streamed ? "kam.http.max-ndjson-body-bytes: split the file"
                        : "kam.http.max-json-body-bytes: use the NDJSON bulk endpoint for many records") + ")")
                .at(request.getUriInfo().getPath());
        return Optional.of(Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build());
    }
}
