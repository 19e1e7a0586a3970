package dev.kam.foundation.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.CloudEventHeaders;
import dev.kam.contracts.EventEnvelope;
import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import dev.kam.contracts.data.EventData;
import dev.kam.contracts.MalformedEventException;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.metrics.EventMetrics;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.foundation.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How every consuming service applies a Kafka record, whatever the event:
 * <ol>
 *   <li>the record must honour the contract (CloudEvents headers, a known type on its topic, the key equal to
 *       the subject, data valid against the type's schema); otherwise it is dead-lettered;</li>
 *   <li>in one transaction, the event id is recorded as processed by this consumer and the handler applies
 *       the effect; a redelivered event finds its id and has no second effect;</li>
 *   <li>a transient fault (database or broker away, lock conflict) is retried with backoff for as long as it
 *       lasts, never dead-lettered; any other failure dead-letters the record with the reason, and the
 *       consumer goes on with the next one.</li>
 * </ol>
 */
@ApplicationScoped
public class IdempotentEventProcessor {

    private static final Logger LOG = Logger.getLogger(IdempotentEventProcessor.class);

    private final ProcessedEventRepository processedEvents;
    private final DeadLetterPublisher deadLetters;
    private final KamConfig config;
    private final OutboxWriter outbox;
    private final EventTracing tracing;
    private final EventMetrics metrics;
    private volatile boolean stopping;

    IdempotentEventProcessor(ProcessedEventRepository processedEvents, DeadLetterPublisher deadLetters,
                             KamConfig config, OutboxWriter outbox, EventTracing tracing,
                             EventMetrics metrics) {
        this.outbox = outbox;
        this.tracing = tracing;
        this.metrics = metrics;
        this.processedEvents = processedEvents;
        this.deadLetters = deadLetters;
        this.config = config;
    }

    /**
     * Applies {@code record} once for {@code consumer}. Types without a handler in {@code handlers} are valid
     * events this consumer has no use for: they are checked and skipped.
     *
     * @param consumer names the consumer in the processed-event ledger, e.g. {@code scoring-service.customer-events}
     * @throws ConsumerStoppingException when the service shuts down while a transient fault lasts: the record
     *                                   is not acknowledged and comes back after the restart
     */
    public Outcome process(String consumer, ConsumerRecord<String, byte[]> record, Map<EventType, EventHandler> handlers) {
        return process(consumer, record, handlers.keySet(), BatchEventHandler.perEvent(handlers));
    }

    /** As {@link #process(String, ConsumerRecord, Map)}, for a handler of the types in {@code handled}. */
    public Outcome process(String consumer, ConsumerRecord<String, byte[]> record, Set<EventType> handled, BatchEventHandler handler) {
        Outcome outcome = processOne(consumer, record, handled, handler);
        metrics.consumed(consumer, outcome.name().toLowerCase(java.util.Locale.ROOT), 1);
        return outcome;
    }

    private Outcome processOne(String consumer, ConsumerRecord<String, byte[]> record, Set<EventType> handled, BatchEventHandler handler) {
        if (knownButNotHandled(record, handled)) {
            return Outcome.IGNORED;
        }
        IncomingEvent event;
        try {
            event = decode(record);
        } catch (MalformedEventException e) {
            deadLetter(consumer, record, e.getMessage(), e);
            return Outcome.DEAD_LETTERED;
        }
        if (!handled.contains(event.type())) {
            return Outcome.IGNORED;
        }
        Span span = startSpan(consumer, event);
        try (Scope ignored = span.makeCurrent()) {
            long start = System.nanoTime();
            Duration backoff = config.consumer().retryInitialBackoff();
            while (true) {
                try {
                    boolean applied = QuarkusTransaction.requiringNew().call(() -> apply(consumer, event, handler));
                    metrics.processing(consumer, Duration.ofNanos(System.nanoTime() - start));
                    return applied ? Outcome.APPLIED : Outcome.DUPLICATE;
                } catch (Exception e) {
                    Throwable failure = unwrap(e);
                    if (!TransientFailures.isTransient(failure)) {
                        span.setStatus(StatusCode.ERROR, "dead-lettered: " + reason(failure));
                        deadLetter(consumer, record, reason(failure), failure);
                        return Outcome.DEAD_LETTERED;
                    }
                    LOG.warnf("transient failure applying %s %s, retrying in %d ms: %s", event.type().ceType(), event.id(),
                            backoff.toMillis(), failure.getMessage());
                    backoff = waitBeforeRetry(backoff);
                }
            }
        } finally {
            span.end();
        }
    }

    private Span startSpan(String consumer, IncomingEvent event) {
        return tracing.startProcess(consumer, event.topic(), event.partition(), event.offset(), event.type().ceType(), event.id(),
                event.traceparent());
    }

    /**
     * Applies a poll's worth of records in one transaction (one commit, one fsync, instead of one per record),
     * each still exactly once and in order. Malformed records are dead-lettered first. When a handler refuses
     * a record, the transaction is rolled back and the batch is applied record by record, which dead-letters
     * exactly the refused one; a transient fault retries the whole batch.
     */
    public void processBatch(String consumer, List<ConsumerRecord<String, byte[]>> records, Map<EventType, EventHandler> handlers) {
        processBatch(consumer, records, handlers.keySet(), BatchEventHandler.perEvent(handlers));
    }

    /**
     * As {@link #processBatch(String, List, Map)}, with one handler that applies all new events of the types in
     * {@code handled} together, set-based. The ledger learns the whole batch in one statement.
     */
    public void processBatch(String consumer, List<ConsumerRecord<String, byte[]>> records, Set<EventType> handled,
                             BatchEventHandler handler) {
        if (records.size() == 1) {
            process(consumer, records.get(0), handled, handler);
            return;
        }
        List<ConsumerRecord<String, byte[]>> handledRecords = new ArrayList<>(records.size());
        List<IncomingEvent> events = new ArrayList<>(records.size());
        int ignored = 0;
        int deadLettered = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (knownButNotHandled(record, handled)) {
                ignored++;
                continue;
            }
            try {
                IncomingEvent event = decode(record);
                if (handled.contains(event.type())) {
                    handledRecords.add(record);
                    events.add(event);
                } else {
                    ignored++;
                }
            } catch (MalformedEventException e) {
                deadLetter(consumer, record, e.getMessage(), e);
                deadLettered++;
            }
        }
        metrics.consumed(consumer, "ignored", ignored);
        metrics.consumed(consumer, "dead_lettered", deadLettered);
        if (events.isEmpty()) {
            return;
        }
        // One span per event, each under the span that published it; events recorded while the batch is applied
        // continue the trace of the incoming event about the same customer.
        List<Span> spans = new ArrayList<>(events.size());
        Map<String, SpanContext> traceBySubject = new HashMap<>();
        for (IncomingEvent event : events) {
            Span span = startSpan(consumer, event);
            spans.add(span);
            traceBySubject.put(event.subject(), span.getSpanContext());
        }
        long start = System.nanoTime();
        try {
            Duration backoff = config.consumer().retryInitialBackoff();
            while (true) {
                try {
                    int applied = QuarkusTransaction.requiringNew().call(() -> applyBatch(consumer, events, handler, traceBySubject));
                    metrics.processing(consumer, Duration.ofNanos(System.nanoTime() - start));
                    metrics.consumed(consumer, "applied", applied);
                    metrics.consumed(consumer, "duplicate", events.size() - applied);
                    return;
                } catch (Exception e) {
                    Throwable failure = unwrap(e);
                    if (!TransientFailures.isTransient(failure)) {
                        LOG.infof("a batch of %d for %s holds a record its handlers refuse (%s); applying them one by one",
                                events.size(), consumer, failure.getMessage());
                        spans.forEach(span -> span.setAttribute("kam.batch.applied_one_by_one", true));
                        for (ConsumerRecord<String, byte[]> record : handledRecords) {
                            process(consumer, record, handled, handler);
                        }
                        return;
                    }
                    LOG.warnf("transient failure applying a batch of %d for %s, retrying in %d ms: %s", events.size(), consumer,
                            backoff.toMillis(), failure.getMessage());
                    backoff = waitBeforeRetry(backoff);
                }
            }
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** Applies the events of a batch not seen before, in the caller's transaction; returns how many were new. */
    private int applyBatch(String consumer, List<IncomingEvent> events, BatchEventHandler handler,
                           Map<String, SpanContext> traceBySubject) throws Exception {
        Set<String> fresh = processedEvents.markAllProcessed(consumer, events);
        List<IncomingEvent> toApply = new ArrayList<>(fresh.size());
        for (IncomingEvent event : events) {
            if (fresh.remove(event.id())) { // a second copy within the batch is a duplicate too
                toApply.add(event);
            }
        }
        if (toApply.size() < events.size()) {
            LOG.debugf("%s already processed %d of a batch of %d, skipped", consumer, events.size() - toApply.size(), events.size());
        }
        tracing.inBatch(traceBySubject, () -> outbox.recordingTogether(() -> handler.handle(toApply)));
        return toApply.size();
    }

    /** What became of a record. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED, DEAD_LETTERED
    }

    private boolean apply(String consumer, IncomingEvent event, BatchEventHandler handler) throws Exception {
        if (!processedEvents.markProcessed(consumer, event.id(), event.type().ceType())) {
            LOG.debugf("%s already processed %s, skipped", consumer, event.id());
            return false;
        }
        handler.handle(List.of(event));
        return true;
    }

    /**
     * A record of a contract type that belongs on its topic but that this consumer has no use for (team
     * coordination reads {@code kam.scoring.events} for designations, not for the many customer-scored events):
     * skipped by its {@code ce_type} header alone, without parsing and checking a body it would not read.
     * Unknown types and types on the wrong topic still go through the full check and are dead-lettered.
     */
    private static boolean knownButNotHandled(ConsumerRecord<String, byte[]> record, Set<EventType> handled) {
        Header typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (typeHeader == null || typeHeader.value() == null) {
            return false;
        }
        return EventType.ofCeType(new String(typeHeader.value(), StandardCharsets.UTF_8))
                .filter(type -> type.topic().equals(record.topic()) && !handled.contains(type))
                .isPresent();
    }

    IncomingEvent decode(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        if (record.value() == null) {
            throw new MalformedEventException("record has no value");
        }
        JsonNode data;
        try {
            data = EventData.tree(record.value()); // numbers exactly as written, as the producer checked them
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("value is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("value is not readable: " + e.getMessage(), e);
        }
        EventEnvelope envelope = EventEnvelope.fromCloudEventHeaders(headers, data);
        EventType type = EventType.ofCeType(envelope.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type " + envelope.type()));
        if (!type.topic().equals(record.topic())) {
            throw new MalformedEventException(type.ceType() + " does not belong on topic " + record.topic());
        }
        if (!Objects.equals(record.key(), envelope.subject())) {
            throw new MalformedEventException("record key " + record.key() + " differs from ce_subject " + envelope.subject());
        }
        EventSchemas.instance().requireValid(type, data);
        String about = data.hasNonNull("customerId") ? data.get("customerId").asText() : data.at("/customer/id").asText(null);
        if (about != null && !about.equals(envelope.subject())) {
            throw new MalformedEventException("the data is about customer " + about + " but ce_subject names " + envelope.subject());
        }
        return new IncomingEvent(envelope, type, record.topic(), record.partition(), record.offset(),
                headers.get(CloudEventHeaders.TRACEPARENT));
    }

    /**
     * Publishes the record to the DLQ once: a record dead-lettered before (the same topic, partition and offset,
     * redelivered after a rewind or a crash) is remembered in the processed-event ledger by its coordinates,
     * since a malformed record may have no usable id. A crash between the publication and the ledger entry
     * can still publish it twice: the DLQ is at least once.
     */
    private void deadLetter(String consumer, ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
        String coordinates = "dead-lettered:" + record.topic() + "-" + record.partition() + "@" + record.offset();
        if (alreadyDeadLettered(consumer, coordinates)) {
            LOG.debugf("%s-%d@%d was dead-lettered before for %s", record.topic(), record.partition(), record.offset(), consumer);
            return;
        }
        LOG.warnf("dead-lettering %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(), consumer, reason);
        metrics.deadLettered(consumer, record.topic());
        Duration backoff = config.consumer().retryInitialBackoff();
        while (true) {
            try {
                deadLetters.publish(record, consumer, reason, cause);
                rememberDeadLettered(consumer, coordinates);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsumerStoppingException("interrupted while dead-lettering", e);
            } catch (Exception e) {
                LOG.warnf("cannot reach %s, retrying in %d ms: %s", deadLetters.topic(), backoff.toMillis(), e.getMessage());
                backoff = waitBeforeRetry(backoff);
            }
        }
    }

    private boolean alreadyDeadLettered(String consumer, String coordinates) {
        try {
            return processedEvents.isProcessed(consumer, coordinates);
        } catch (RuntimeException e) {
            return false; // the database is away: publishing again is the safe side
        }
    }

    private void rememberDeadLettered(String consumer, String coordinates) {
        try {
            QuarkusTransaction.requiringNew().run(() -> processedEvents.markProcessed(consumer, coordinates, "dead-lettered"));
        } catch (RuntimeException e) {
            LOG.warnf("could not remember that %s was dead-lettered; a redelivery would dead-letter it again: %s", coordinates, e.getMessage());
        }
    }

    private Duration waitBeforeRetry(Duration backoff) {
        if (stopping) {
            throw new ConsumerStoppingException("service is stopping; the record will be redelivered", null);
        }
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerStoppingException("interrupted while waiting to retry", e);
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.consumer().retryMaxBackoff()) > 0 ? config.consumer().retryMaxBackoff() : doubled;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof QuarkusTransactionException || current.getClass() == RuntimeException.class)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String reason(Throwable failure) {
        if (failure instanceof RejectedEventException) {
            return failure.getMessage();
        }
        return "processing failed: " + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
