package dev.kam.foundation.traffic;

import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.rest.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits each client, known by its token's subject, to the configured rate: beyond it the answer is 429
 * with {@code Retry-After}, before any work is done. Requests without a valid identity pass on to be
 * refused by authentication.
 */
public class RateLimitFilter {

    private final CurrentIdentityAssociation identities;
    private final KamConfig.RateLimit settings;
    private final RateLimiter limiter;

    RateLimitFilter(CurrentIdentityAssociation identities, KamConfig config) {
        this.identities = identities;
        this.settings = config.rateLimit();
        this.limiter = new RateLimiter(settings.requestsPerSecond(), settings.burst(), settings.maxClients(), System::nanoTime);
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        if (!settings.enabled()) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? null : admit(identity.getPrincipal().getName(), request))
                .onFailure().recoverWithNull();
    }

    private Response admit(String client, ContainerRequestContext request) {
        RateLimiter.Decision decision = limiter.tryAcquire(client);
        if (decision.allowed()) {
            return null;
        }
        long seconds = Math.max(1, (long) Math.ceil(decision.retryAfter().toMillis() / 1000.0));
        Problem problem = Problem.of("too-many-requests", "Too many requests", 429, "at most "
                        + settings.requestsPerSecond() + " requests per second (bursts of " + settings.burst()
                        + ") per client; retry after " + seconds + " s")
                .at(request.getUriInfo().getPath());
        return Response.status(429).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, seconds).entity(problem).build();
    }
}
