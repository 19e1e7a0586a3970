package dev.kam.foundation.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.kam.foundation.idempotency.IdempotencyKeyReusedException;
import dev.kam.foundation.inbox.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;

import static dev.kam.foundation.rest.Problem.answer;

/**
 * Turns every failure of a request into {@code application/problem+json}: bad input is a 4xx naming the
 * field at fault, and a 5xx never answers bad input. Shared by all services.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    // One mapper per exception type Quarkus REST's Jackson support maps itself (the most specific mapper wins).
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response badQuery(BadQueryException e, UriInfo uri) {
        return answer(Problem.validation(e.parameter() + " " + e.getMessage(),
                List.of(new Problem.Violation(e.parameter(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(violation -> new Problem.Violation(JsonProblems.path(violation), violation.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return answer(Problem.validation(detail, violations), uri);
    }

    @ServerExceptionMapper
    public Response notAuthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response notAuthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "your token's roles do not allow this operation" : e.getMessage();
        return answer(Problem.of("forbidden", "Forbidden", 403, detail), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        JsonProcessingException json = JsonProblems.jsonCause(e);
        if (json != null) {
            return json(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType != null ? statusType.getReasonPhrase() : "HTTP " + status;
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(slug(title), title, status, e.getMessage()).at(uri.getPath()));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response tooLarge(BoundedBodies.TooLargeException e, UriInfo uri) {
        return answer(Problem.of("payload-too-large", "Payload too large", 413, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return answer(Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422, e.getMessage()), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        java.io.IOException gone = connectionGone(e);
        if (gone != null) {
            // The client went away, or its body came too slowly and the connection was closed after a 408 (OverloadGuard):
            // no answer can be sent. Handed back as the I/O failure it is, which Quarkus logs quietly instead of an error.
            LOG.debugf("%s: the connection closed before the body was read (%s)", uri.getPath(), gone.getMessage());
            throw ProblemMappers.<RuntimeException>rethrow(gone);
        }
        if (TransientFailures.isTransient(e)) {
            LOG.warnf("transient failure on %s: %s", uri.getPath(), e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, "1")
                    .entity(Problem.of("unavailable", "Service unavailable", 503,
                            "a dependency is briefly unavailable or the request collided with another; retry it").at(uri.getPath()))
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", errorId, uri.getPath());
        return answer(Problem.of("internal", "Internal error", 500,
                "the service failed unexpectedly; quote error id " + errorId + " when you report it"), uri);
    }

    /** The I/O failure of a request whose connection closed while its body was read, or null for any other failure. */
    private static java.io.IOException connectionGone(Throwable failure) {
        java.io.IOException io = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.io.IOException candidate && io == null) {
                io = candidate;
            }
            if (cause instanceof io.vertx.core.http.HttpClosedException || cause instanceof java.nio.channels.ClosedChannelException) {
                return io != null ? io : new java.io.IOException(cause.getMessage(), cause);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable failure) throws T {
        throw (T) failure;
    }

    /** A body that is not JSON, or JSON that does not fit the request: 400 naming the field, quoting little. */
    private static Response json(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BoundedBodies.TooLargeException tooLarge) { // Jackson wraps what the body stream throws
                return answer(Problem.of("payload-too-large", "Payload too large", 413, tooLarge.getMessage()), uri);
            }
        }
        Problem.Violation violation = JsonProblems.describe(e);
        if (e instanceof JsonParseException || e.getCause() instanceof JsonParseException) {
            String where = violation.field().equals("body") ? "" : " (at " + violation.field() + ")";
            return answer(Problem.of("malformed-json", "Malformed JSON", 400, "the request body " + violation.message() + where), uri);
        }
        String detail = violation.field() + " " + violation.message();
        return answer(Problem.validation(detail, List.of(violation)), uri);
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required").at(uri.getPath()))
                .build();
    }


    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
