package dev.kam.console.messaging;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open pages listening for changes (server-sent events): an account page for its customer, the portfolio for all.
 * Every 30 s each page gets a keep-alive comment (proxies close a silent stream), and pages that went away are
 * dropped then, with the customers no page follows any more: the feed holds only what is open, however long it runs.
 */
@ApplicationScoped
public class LiveFeed {

    /** The key under which pages that follow every customer listen. */
    static final String EVERY_CUSTOMER = "*";
    static final long KEEP_ALIVE_MILLIS = 30_000;

    private final Map<String, Set<SseEventSink>> listeners = new ConcurrentHashMap<>();
    private volatile Sse sse;

    void keepAliveEvery30Seconds(@Observes StartupEvent started, Vertx vertx) {
        vertx.setPeriodic(KEEP_ALIVE_MILLIS, timer -> keepAlive());
    }

    /** @param customerId the customer a page follows, or null for every customer */
    public void listen(String customerId, SseEventSink sink, Sse sse) {
        this.sse = sse;
        // atomic with keepAlive's removal of a customer no page follows: the sink is never added to a set just dropped
        listeners.compute(customerId == null ? EVERY_CUSTOMER : customerId, (key, sinks) -> {
            Set<SseEventSink> open = sinks == null ? ConcurrentHashMap.newKeySet() : sinks;
            open.add(sink);
            return open;
        });
        sink.send(sse.newEventBuilder().comment("listening").build()); // the response starts now, not at the first change
    }

    /** Sends {@code name} with {@code data} to the pages of {@code customerId}; {@code everyCustomer} to pages that follow all. */
    public void publish(String customerId, String name, String data, String everyCustomerData) {
        Sse events = sse;
        if (events == null) {
            return; // no page has listened yet
        }
        send(listeners.get(customerId), events.newEventBuilder().name(name).data(data).build());
        if (everyCustomerData != null) {
            send(listeners.get(EVERY_CUSTOMER), events.newEventBuilder().name(name).data(everyCustomerData).build());
        }
    }

    /** A comment to every open page; closed ones are dropped, and customers without pages are forgotten. */
    void keepAlive() {
        for (String customer : List.copyOf(listeners.keySet())) {
            listeners.computeIfPresent(customer, (key, sinks) -> {
                sinks.removeIf(SseEventSink::isClosed);
                return sinks.isEmpty() ? null : sinks;
            });
        }
        Sse events = sse;
        if (events != null) {
            OutboundSseEvent comment = events.newEventBuilder().comment("keep-alive").build();
            listeners.values().forEach(sinks -> send(sinks, comment));
        }
    }

    /** Open pages, and the customers they follow ({@link #EVERY_CUSTOMER} for the portfolio's). */
    int listening() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    Set<String> followed() {
        return Set.copyOf(listeners.keySet());
    }

    private static void send(Set<SseEventSink> sinks, OutboundSseEvent event) {
        if (sinks == null) {
            return;
        }
        for (SseEventSink sink : sinks) {
            if (sink.isClosed()) {
                sinks.remove(sink);
                continue;
            }
            sink.send(event).exceptionally(gone -> {
                sinks.remove(sink);
                return null;
            });
        }
    }
}
