package dev.kam.foundation.metrics;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tags every API request in {@code http.server.requests} by its resource's path template even when no resource
 * answered it: a request refused before matching (by the overload guard, or to an unknown path) is tagged
 * {@value #UNMATCHED} instead of its raw path. Raw paths carry customer ids and external references, so each would
 * become meters of its own until Micrometer's cap of 100 URIs, after which it drops the meters of every new
 * path, the real endpoints' included.
 */
@ApplicationScoped
class UnmatchedRequestTags {

    static final String UNMATCHED = "/api/{unmatched}";
    /** The request-context key Quarkus REST sets to the matched resource's template (and Micrometer reads). */
    private static final String PATH_TEMPLATE = "UrlPathTemplate";

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 50).handler(context -> {
            // a resource that matches replaces it with its own template
            ((HttpServerRequestInternal) context.request()).context().putLocal(PATH_TEMPLATE, UNMATCHED);
            context.next();
        });
    }
}
