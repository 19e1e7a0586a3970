package dev.kam.foundation.traffic;

import dev.kam.foundation.config.KamConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.Semaphore;

/**
 * Bounds the API requests in progress. Past the bound a request is answered 503 with {@code Retry-After}
 * at once, before its body is read, instead of queueing for a worker thread or a database connection:
 * memory and latency stay bounded and the client knows to come back. Health, metrics and the API
 * description ({@code /q/}) are never refused.
 */
@ApplicationScoped
public class OverloadGuard {

    private static final String BUSY = "{\"type\":\"https://kam.example/problems/overloaded\",\"title\":\"Service overloaded\","
            + "\"status\":503,\"detail\":\"too many requests are in progress; retry after 1 s\"}";

    private final int bound;
    private final Semaphore permits;

    OverloadGuard(KamConfig config) {
        this.bound = config.http().maxConcurrentRequests();
        this.permits = new Semaphore(Math.max(1, bound));
    }

    void install(@Observes Router router) {
        if (bound > 0) {
            router.route("/api/*").order(Integer.MIN_VALUE + 100).handler(this::admit);
        }
    }

    private void admit(RoutingContext context) {
        if (!permits.tryAcquire()) {
            context.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader("Retry-After", "1")
                    .end(BUSY);
            return;
        }
        context.addEndHandler(ignored -> permits.release());
        context.next();
    }
}
