package dev.kam.console.messaging;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {

    /** A page's stream: what it was sent, and whether the browser went away. */
    static final class Page {
        final AtomicBoolean closed = new AtomicBoolean();
        final List<String> received = new ArrayList<>();
        final SseEventSink sink = (SseEventSink) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SseEventSink.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "isClosed" -> closed.get();
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "send" -> {
                        received.add(((OutboundSseEvent) arguments[0]).getComment() + "|" + ((OutboundSseEvent) arguments[0]).getName());
                        yield CompletableFuture.completedFuture(null);
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void pagesThatWentAwayAndCustomersNoPageFollowsAreDroppedAtTheKeepAlive() {
        LiveFeed feed = new LiveFeed();
        Page open = new Page();
        Page closedSameCustomer = new Page();
        Page closedOtherCustomer = new Page();
        Page portfolio = new Page();
        feed.listen("a", open.sink, sse());
        feed.listen("a", closedSameCustomer.sink, sse());
        feed.listen("b", closedOtherCustomer.sink, sse());
        feed.listen(null, portfolio.sink, sse());
        closedSameCustomer.closed.set(true);
        closedOtherCustomer.closed.set(true);

        feed.keepAlive();

        assertThat(feed.listening()).isEqualTo(2);
        assertThat(feed.followed()).containsExactlyInAnyOrder("a", LiveFeed.EVERY_CUSTOMER);
        assertThat(open.received).containsExactly("listening|null", "keep-alive|null");
        assertThat(portfolio.received).containsExactly("listening|null", "keep-alive|null");
        assertThat(closedOtherCustomer.received).containsExactly("listening|null");

        feed.publish("a", "team", "changed", "a changed");
        assertThat(open.received).endsWith("null|team");
        assertThat(portfolio.received).endsWith("null|team");
    }

    /** The JAX-RS event builder, as far as the feed uses it. */
    private static Sse sse() {
        return (Sse) Proxy.newProxyInstance(LiveFeedTest.class.getClassLoader(), new Class<?>[] {Sse.class}, (sse, method, arguments) -> {
            String[] built = new String[2]; // comment, name
            return Proxy.newProxyInstance(LiveFeedTest.class.getClassLoader(), new Class<?>[] {OutboundSseEvent.Builder.class},
                    (builder, call, values) -> switch (call.getName()) {
                        case "comment" -> {
                            built[0] = (String) values[0];
                            yield builder;
                        }
                        case "name" -> {
                            built[1] = (String) values[0];
                            yield builder;
                        }
                        case "build" -> Proxy.newProxyInstance(LiveFeedTest.class.getClassLoader(), new Class<?>[] {OutboundSseEvent.class},
                                (event, get, none) -> switch (get.getName()) {
                                    case "getComment" -> built[0];
                                    case "getName" -> built[1];
                                    default -> null;
                                });
                        default -> builder;
                    });
        });
    }
}
