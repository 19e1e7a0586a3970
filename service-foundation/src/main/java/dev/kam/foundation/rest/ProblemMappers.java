package dev.kam.foundation.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kam.foundation.idempotency.IdempotencyKeyReusedException;
import dev.kam.foundation.inbox.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;

/**
 * Turns every failure of a request into {@code application/problem+json}: bad input is a 4xx naming the
 * field at fault, and a 5xx never answers bad input. Shared by all services.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return answer(Problem.of("malformed-json", "Malformed JSON", 400,
                "the request body is not valid JSON: " + e.getOriginalMessage()), uri);
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        String message;
        if (e instanceof InvalidFormatException invalid) {
            message = "'" + invalid.getValue() + "' is not a valid " + invalid.getTargetType().getSimpleName();
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof UnstorableValueException) {
            message = e.getOriginalMessage();
        } else {
            message = "has the wrong type or shape";
        }
        return answer(Problem.validation(field + " " + message, List.of(new Problem.Violation(field, message))), uri);
    }

    @ServerExceptionMapper
    public Response otherJsonMapping(JsonMappingException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        return answer(Problem.validation(field + ": " + e.getOriginalMessage(),
                List.of(new Problem.Violation(field, e.getOriginalMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response badQuery(BadQueryException e, UriInfo uri) {
        return answer(Problem.validation(e.parameter() + " " + e.getMessage(),
                List.of(new Problem.Violation(e.parameter(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(violation -> new Problem.Violation(JsonPaths.ofPropertyPath(violation), violation.getMessage()))
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
        return answer(Problem.of("forbidden", "Forbidden", 403, "your token's roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonParseException parse) {
            return unreadableJson(parse, uri);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch, uri);
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
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return answer(Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422, e.getMessage()), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
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

    private static Response unauthorized(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required").at(uri.getPath()))
                .build();
    }

    private static Response answer(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** JSON paths for the {@code field} of a violation. */
    static final class JsonPaths {

        static String of(List<JsonMappingException.Reference> path) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference reference : path) {
                if (reference.getFieldName() != null) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            return field.isEmpty() ? "body" : field.toString();
        }

        /**
         * {@code create.arg0.locations[1].country} becomes {@code locations[1].country}; a constraint on a query or
         * path parameter ({@code list.limit}) keeps the parameter's name.
         */
        static String ofPropertyPath(ConstraintViolation<?> violation) {
            StringBuilder field = new StringBuilder();
            String parameter = null;
            for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.METHOD) {
                    continue;
                }
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    parameter = node.getName();
                    continue;
                }
                if (node.isInIterable() && !field.isEmpty()) {
                    Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                    if (position != null) {
                        field.append('[').append(position).append(']');
                    }
                }
                String name = node.getName();
                if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(name);
                }
            }
            if (!field.isEmpty()) {
                return field.toString();
            }
            return parameter != null && !parameter.startsWith("arg") ? parameter : "body";
        }

        private JsonPaths() {
        }
    }
}
