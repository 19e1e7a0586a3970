package dev.kam.foundation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://kam.example/problems/validation") URI type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "annualPurchasePotential.amount must be positive") String detail,
        String instance,
        @Schema(description = "for validation failures: each field at fault") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://kam.example/problems/";

    /** One field at fault; {@code field} is a JSON path such as {@code locations[2].country}. */
    public record Violation(String field, String message) {
    }

    public static Problem of(String type, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_BASE + type), title, status, detail, null, null);
    }

    public static Problem validation(String detail, List<Violation> violations) {
        return new Problem(URI.create(TYPE_BASE + "validation"), "Invalid request", 400, detail, null, violations);
    }

    public Problem withViolations(List<Violation> fields) {
        return new Problem(type, title, status, detail, instance, fields);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, violations);
    }

    /** The answer every problem mapper gives: the problem's status, {@code application/problem+json}, the request's path as instance. */
    public static Response answer(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }
}
