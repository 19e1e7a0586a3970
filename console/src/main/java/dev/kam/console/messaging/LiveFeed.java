package dev.kam.console.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open pages listening for changes (server-sent events): an account page for its customer, the portfolio for all.
 * A page that went away is dropped at the next event sent to it.
 */
@ApplicationScoped
public class LiveFeed {

    /** The key under which pages that follow every customer listen. */
    static final String EVERY_CUSTOMER = "*";

    private final Map<String, Set<SseEventSink>> listeners = new ConcurrentHashMap<>();
    private volatile Sse sse;

    /** @param customerId the customer a page follows, or null for every customer */
    public void listen(String customerId, SseEventSink sink, Sse sse) {
        this.sse = sse;
        listeners.computeIfAbsent(customerId == null ? EVERY_CUSTOMER : customerId, key -> ConcurrentHashMap.newKeySet()).add(sink);
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

    public int listening() {
        return listeners.values().stream().mapToInt(Set::size).sum();
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
