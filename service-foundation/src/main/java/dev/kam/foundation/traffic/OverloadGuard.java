package dev.kam.foundation.traffic;

import dev.kam.foundation.config.KamConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the API requests in progress, in all and per client, and how long a request's body may take. Past the bound a
 * request is answered 503 with {@code Retry-After} at once, before its body is read, instead of queueing for a worker
 * thread or a database connection: memory and latency stay bounded and the client knows to come back. One client (its
 * token's subject) holds at most its share of the slots; past it, 429. A body that arrives slower than
 * {@code kam.http.min-body-bytes-per-second} once {@code kam.http.slow-body-grace} has passed (a stalled upload, a
 * newline every 25 s) is answered 408 and its connection closed, which frees its slot: before, 64 such connections of
 * one client held every slot and nothing timed them out. Health, metrics and the API description ({@code /q/}) are
 * never refused.
 */
@ApplicationScoped
public class OverloadGuard {

    private static final Logger LOG = Logger.getLogger(OverloadGuard.class);
    private static final String BUSY = "{\"type\":\"https://kam.example/problems/overloaded\",\"title\":\"Service overloaded\","
            + "\"status\":503,\"detail\":\"too many requests are in progress; retry after 1 s\"}";

    private final int bound;
    private final int perClient;
    private final long minBodyBytesPerSecond;
    private final long graceNanos;
    private final Semaphore permits;
    private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

    OverloadGuard(KamConfig config) {
        this.bound = config.http().maxConcurrentRequests();
        this.perClient = config.http().maxConcurrentRequestsPerClient();
        this.minBodyBytesPerSecond = config.http().minBodyBytesPerSecond();
        this.graceNanos = config.http().slowBodyGrace().toNanos();
        this.permits = new Semaphore(Math.max(1, bound));
    }

    void install(@Observes Router router) {
        if (bound > 0) {
            router.route("/api/*").order(Integer.MIN_VALUE + 100).handler(this::admit);
        }
    }

    private void admit(RoutingContext context) {
        String client = BearerSubject.of(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (!permits.tryAcquire()) {
            refuse(context, 503, BUSY);
            return;
        }
        if (!enter(client)) {
            permits.release();
            refuse(context, 429, "{\"type\":\"https://kam.example/problems/too-many-requests\",\"title\":\"Too many requests\","
                    + "\"status\":429,\"detail\":\"this client already has " + perClient + " requests in progress, its share of this "
                    + "instance (kam.http.max-concurrent-requests-per-client); retry after 1 s\"}");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        context.addEndHandler(ignored -> {
            if (released.compareAndSet(false, true)) {
                leave(client);
                permits.release();
            }
        });
        watchBody(context);
        context.next();
    }

    private static void refuse(RoutingContext context, int status, String problem) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("Retry-After", "1")
                .end(problem);
    }

    /** Counts the client in, unless it already has its share in progress. */
    private boolean enter(String client) {
        if (perClient <= 0) {
            return true;
        }
        boolean[] admitted = {false};
        inProgress.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perClient) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private void leave(String client) {
        if (perClient > 0) {
            inProgress.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /**
     * Checks every second, on the request's event loop, that the body keeps coming: at least the minimum rate over the
     * time past the grace, counted as {@link BodyWatch} says (the client's time for a buffered body, the time the resource
     * waited for a streamed one). A request without a body is not watched.
     */
    private void watchBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = (length != null && !length.strip().equals("0")) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!hasBody || request.isEnded() || minBodyBytesPerSecond <= 0) {
            return;
        }
        BodyWatch watch = new BodyWatch();
        context.put(BodyWatch.KEY, watch);
        long timer = context.vertx().setPeriodic(1000, id -> {
            HttpServerResponse response = context.response();
            if (request.isEnded() || response.ended() || response.closed()) {
                context.vertx().cancelTimer(id);
                return;
            }
            long now = System.nanoTime();
            long counted = watch.streamed() ? watch.waitedNanos(now) : now - watch.startedNanos();
            long received = watch.streamed() ? watch.streamedBytes() : request.bytesRead();
            long late = counted - graceNanos;
            if (late > 0 && received < late / 1_000_000_000.0 * minBodyBytesPerSecond) {
                context.vertx().cancelTimer(id);
                timeOut(context, received, counted / 1_000_000_000L);
            }
        });
        context.addEndHandler(ignored -> context.vertx().cancelTimer(timer));
    }

    private void timeOut(RoutingContext context, long received, long seconds) {
        LOG.infof("closing %s %s: its body came too slowly (%d bytes in %d s, at least %d bytes/s after %d s)", context.request().method(),
                context.request().path(), received, seconds, minBodyBytesPerSecond, graceNanos / 1_000_000_000L);
        HttpServerResponse response = context.response();
        if (!response.headWritten()) {
            response.setStatusCode(408).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"type\":\"https://kam.example/problems/request-timeout\",\"title\":\"Request body too slow\",\"status\":408,"
                            + "\"detail\":\"the body came too slowly: " + received + " bytes in " + seconds + " s; after the first "
                            + graceNanos / 1_000_000_000L + " s a body must arrive at " + minBodyBytesPerSecond
                            + " bytes per second (kam.http.min-body-bytes-per-second)\"}");
        }
        context.request().connection().close();
    }
}
