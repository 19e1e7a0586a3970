package dev.kam.console.rest;

import dev.kam.console.messaging.LiveFeed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** Server-sent events for open pages: what changed, for one customer or for all (signed-in users only). */
@Path("/live")
public class LiveResource {

    private final LiveFeed feed;
    private final Sessions sessions;

    LiveResource(LiveFeed feed, Sessions sessions) {
        this.feed = feed;
        this.sessions = sessions;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void everyCustomer(@CookieParam(Sessions.COOKIE) String session, @Context UriInfo uri, @Context SseEventSink sink, @Context Sse sse) {
        sessions.require(session, uri);
        feed.listen(null, sink, sse);
    }

    @GET
    @Path("/accounts/{customerId}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void customer(@CookieParam(Sessions.COOKIE) String session, @PathParam("customerId") String customerId, @Context UriInfo uri,
                         @Context SseEventSink sink, @Context Sse sse) {
        sessions.require(session, uri);
        CustomerIds.require(customerId);
        feed.listen(customerId, sink, sse);
    }
}
