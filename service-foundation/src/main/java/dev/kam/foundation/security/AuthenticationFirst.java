package dev.kam.foundation.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authentication before anything else an API request is judged by. A method's role check runs once the request has
 * been matched to it, and matching already answers 415 for an unexpected {@code Content-Type} or 405 for a method
 * the path does not take; a caller without a valid token would learn about the API before being asked who it is, and
 * generic HTTP clients act on the first status they get. Every {@code /api/} request is authenticated here, before
 * matching (RFC 9110: 401 is answered before the request's content is considered); roles are still checked by each
 * method. The identity is established once per request, so this adds no second verification.
 */
public class AuthenticationFirst {

    private final CurrentIdentityAssociation identities;

    AuthenticationFirst(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** An anonymous caller is refused 401; an invalid token fails authentication, refused 401 the same way (ProblemMappers). */
    @ServerRequestFilter(preMatching = true)
    public Uni<Response> requireAuthentication(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            return null;
        });
    }
}
