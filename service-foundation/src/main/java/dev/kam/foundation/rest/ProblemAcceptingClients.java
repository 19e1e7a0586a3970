package dev.kam.foundation.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * A client that accepts only {@code application/problem+json} is served as one that also accepts JSON. Clients
 * generated from the OpenAPI documents send as {@code Accept} the media types the operation's answers declare; for an
 * operation whose success has no body (204: removing an override, releasing a member, archiving a customer) that is
 * the error answers' problem+json alone, and matching it against the method's {@code application/json} would answer
 * 406 to a request that was going to succeed with no content at all.
 */
public class ProblemAcceptingClients {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblems(ContainerRequestContext request) {
        List<MediaType> accepted = request.getAcceptableMediaTypes();
        if (!accepted.isEmpty() && accepted.stream().allMatch(type -> type.isCompatible(PROBLEM) && !type.isWildcardType())) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, Problem.MEDIA_TYPE + ", " + MediaType.APPLICATION_JSON);
        }
    }
}
