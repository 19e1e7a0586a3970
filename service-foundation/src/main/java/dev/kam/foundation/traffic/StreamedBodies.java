package dev.kam.foundation.traffic;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An NDJSON body is read by its resource as a stream: its reads are timed ({@link BodyWatch}) so that the deadline of
 * slow bodies counts only the time the resource waited for the client.
 */
public class StreamedBodies {

    @ServerRequestFilter
    public void timeTheWaits(ContainerRequestContext request, RoutingContext routing) {
        MediaType type = request.getMediaType();
        BodyWatch watch = routing.get(BodyWatch.KEY);
        if (watch != null && type != null && "x-ndjson".equalsIgnoreCase(type.getSubtype())) {
            request.setEntityStream(watch.watch(request.getEntityStream()));
        }
    }
}
