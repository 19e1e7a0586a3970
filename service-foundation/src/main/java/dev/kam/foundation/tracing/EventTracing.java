package dev.kam.foundation.tracing;

import dev.kam.contracts.CloudEventHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a trace across the outbox and Kafka. A W3C {@code traceparent} is stored with each outbox row (the
 * span that recorded the event), the relay publishes the event in a producer span that continues that trace and
 * puts its own context in the record's {@code traceparent} header, and a consumer processes the record in a
 * consumer span under it. So one REST call's trace reaches every service its events reach, and back out.
 *
 * <p>A consumer applies a poll's events together, in one transaction; while it does, the events it records
 * continue the trace of the incoming event about the same customer (events are keyed by customer), not of
 * whichever span happens to be current.
 */
@ApplicationScoped
public class EventTracing {

    private static final ThreadLocal<Map<String, SpanContext>> BATCH_CONTEXTS = new ThreadLocal<>();

    private final Tracer tracer;

    EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The {@code traceparent} an event about {@code subject} recorded now continues: the consumer span of the
     * incoming event about the same customer while a batch is applied, the current span otherwise.
     */
    public Optional<String> traceparentFor(String subject) {
        Map<String, SpanContext> batch = BATCH_CONTEXTS.get();
        SpanContext context = batch != null && batch.containsKey(subject) ? batch.get(subject) : Span.current().getSpanContext();
        return Optional.ofNullable(format(context));
    }

    /** Starts the producer span of an outbox event; its context goes into the record's {@code traceparent} header. */
    public Span startPublish(String topic, String eventType, String eventId, String storedTraceparent) {
        return messagingSpan(topic + " publish", SpanKind.PRODUCER, "send", storedTraceparent, topic, eventType, eventId)
                .startSpan();
    }

    /** Starts the consumer span of an incoming record, under the producer span named by its {@code traceparent} header. */
    public Span startProcess(String consumer, String topic, int partition, long offset, String eventType, String eventId,
                             String traceparentHeader) {
        return messagingSpan(topic + " process", SpanKind.CONSUMER, "process", traceparentHeader, topic, eventType, eventId)
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.destination.partition.id", String.valueOf(partition))
                .setAttribute("messaging.kafka.offset", offset)
                .startSpan();
    }

    private SpanBuilder messagingSpan(String name, SpanKind kind, String operation, String parentTraceparent, String topic,
                                      String eventType, String eventId) {
        return tracer.spanBuilder(name)
                .setParent(parentOf(parentTraceparent))
                .setSpanKind(kind)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", operation)
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("cloudevents.event_type", eventType);
    }

    /** Runs a batch's work with each customer's events continuing the trace of that customer's incoming event. */
    public <E extends Exception> void inBatch(Map<String, SpanContext> contextBySubject, ThrowingRunnable<E> work) throws E {
        BATCH_CONTEXTS.set(contextBySubject);
        try {
            work.run();
        } finally {
            BATCH_CONTEXTS.remove();
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }

    /** The W3C form of a span context, or null when there is no valid trace. */
    public static String format(SpanContext context) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get(CloudEventHeaders.TRACEPARENT);
    }

    /** The remote parent a {@code traceparent} names, or the root context when there is none or it is malformed. */
    static Context parentOf(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(CloudEventHeaders.TRACEPARENT, traceparent), HEADER);
    }

    /** Reads a {@code Map} of headers for the propagator. */
    private static final TextMapGetter<Map<String, String>> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
