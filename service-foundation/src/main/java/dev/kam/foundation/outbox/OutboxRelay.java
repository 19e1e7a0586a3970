package dev.kam.foundation.outbox;

import dev.kam.contracts.CloudEventHeaders;
import dev.kam.contracts.EventEnvelope;
import dev.kam.contracts.EventType;
import dev.kam.contracts.ServiceNames;
import dev.kam.foundation.config.EventSchemaAddresses;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.kafka.KafkaAccess;
import dev.kam.foundation.kafka.KafkaClients;
import dev.kam.foundation.metrics.EventMetrics;
import dev.kam.foundation.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the outbox to Kafka: oldest first, keyed by the aggregate (customer) id, CloudEvents binary
 * headers, through an idempotent acks=all producer. A row is marked published only in the transaction that
 * follows the broker's acknowledgement, so a crash at any point loses nothing; what was sent but not yet
 * marked is sent again (same {@code ce_id}, which consumers deduplicate).
 *
 * <p>Order per key holds because rows are read in position order and sent through one producer that cannot
 * write past a failure: the idempotent producer writes a partition's records only in the order they were sent,
 * and the first record that fails closes it on the spot, before it could send again. (Left open, it would carry
 * on with the records behind the failed one, which then reach the topic before the failed one is sent again:
 * a broker outage did exactly that.) The next pass starts a new producer at the first unpublished row. Only one
 * relay works at a time across all instances of a service (a PostgreSQL advisory lock), so a second instance
 * cannot interleave.
 *
 * <p>An event Kafka refuses for good (too large for the topic, an invalid record) is parked instead of being
 * retried for ever: the later events of the same subject on the same topic wait behind it, so their order still
 * holds, and everything else flows on. An operator sees it (log, {@code kam_outbox_parked}, the health check,
 * {@code /api/v1/outbox/parked-events}) and retries or drops it. Everything else that fails (broker away, not
 * enough replicas) is retried with backoff, and the relay reports itself stuck after {@code kam.outbox.stuck-after}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK_KEY = 0x4b414d4f5554L; // "KAMOUT"
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** The rows the relay may send now: not published, parked or dropped, and no parked event of their subject before them. */
    static final String PUBLISHABLE = """
            o.published_at IS NULL AND o.parked_at IS NULL AND o.dropped_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM outbox_event p
                            WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL AND p.dropped_at IS NULL
                              AND p.topic = o.topic AND p.aggregate_id = o.aggregate_id AND p.position < o.position)""";

    private final DataSource dataSource;
    private final KamConfig config;
    private final KafkaClients kafkaClients;
    private final KafkaAccess kafkaAccess;
    private final String source;
    private final Semaphore wakeUps = new Semaphore(0);
    private final EventTracing tracing;
    private final EventMetrics metrics;
    private final EventSchemaAddresses schemaAddresses;

    private volatile Thread worker;
    private volatile boolean running;
    private Producer<String, byte[]> producer;
    /** When the relay last finished a pass without a failure (an empty outbox counts): how a stuck relay shows. */
    private volatile Instant lastProgress = Instant.now();
    private volatile String lastError;
    /**
     * The last position a failed pass handed to the producer, -1 when the last pass did not fail. The records in flight
     * when a pass fails are cut off unacknowledged, though the broker may have written them; the next pass sends them
     * again. It sends the rows up to here one at a time, each acknowledged before the next, so that a second failure
     * among them (the next record Kafka refuses, a few rows on) cuts off nothing else: no event goes out a third time.
     */
    private long oneByOneThrough = -1;

    OutboxRelay(DataSource dataSource, KamConfig config, KafkaClients kafkaClients, KafkaAccess kafkaAccess,
                EventTracing tracing, EventMetrics metrics, EventSchemaAddresses schemaAddresses) {
        this.kafkaAccess = kafkaAccess;
        this.tracing = tracing;
        this.schemaAddresses = schemaAddresses;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaClients = kafkaClients;
        this.source = ServiceNames.eventSource(config.service().name());
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (config.outbox().relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts publishing in the background with a fresh producer, as a newly started service would. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        lastProgress = Instant.now();
        worker = new Thread(this::run, "kam-outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops publishing; what is not published yet stays in the outbox for the next start. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUps.release();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProducer(Duration.ofSeconds(5));
        worker = null;
    }

    public boolean isRunning() {
        Thread current = worker;
        return running && current != null && current.isAlive();
    }

    /** When the relay last completed a pass without a failure. */
    public Instant lastProgress() {
        return lastProgress;
    }

    /** The failure of the last pass, null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    /** Called after a transaction that recorded events committed: publish now rather than at the next poll. */
    void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                Pass pass = publishBatch();
                backoff = Duration.ofMillis(100);
                if (pass.moreWaiting()) {
                    continue;
                }
                wakeUps.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError = e.getMessage();
                LOG.warnf("outbox relay could not publish, retrying in %d ms: %s", backoff.toMillis(), e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** What one pass did; {@code moreWaiting}: start the next pass at once. */
    record Pass(int published, boolean parked, boolean moreWaiting) {
    }

    /** One pass: publishes up to a batch of the oldest publishable events. */
    Pass publishBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String refusal = kafkaAccess.state().refusal();
                if (refusal != null) { // leave the relaying to an instance Kafka accepts
                    connection.rollback();
                    throw new IllegalStateException("not relaying: " + refusal);
                }
                if (!tryRelayLock(connection)) {
                    connection.rollback();
                    progressed(); // another instance is relaying: if anyone is stuck, it is
                    return new Pass(0, false, false);
                }
                List<PendingEvent> batch = readBatch(connection);
                if (batch.isEmpty()) {
                    connection.commit();
                    progressed();
                    return new Pass(0, false, false);
                }
                SendOutcome outcome = send(batch);
                oneByOneThrough = outcome.failure() == null ? -1 : Math.max(oneByOneThrough, outcome.lastSent());
                markPublished(connection, outcome.acknowledged());
                Failure failure = outcome.failure();
                boolean park = failure != null && refusedForGood(failure.cause());
                if (park) {
                    park(connection, failure.event(), failure.cause());
                } else if (failure != null) {
                    recordFailure(connection, failure.event().position(), failure.cause());
                }
                connection.commit();
                metrics.published(outcome.acknowledged().size());
                if (failure == null) {
                    progressed();
                    return new Pass(outcome.acknowledged().size(), false, batch.size() >= config.outbox().batchSize());
                }
                closeProducer(Duration.ZERO); // closed by the failure already; the next pass starts a new one
                if (park) {
                    LOG.errorf("parked outbox event %s (%s about %s on %s), Kafka refuses it for good (%s); later events about %s "
                                    + "on %s wait behind it; retry or drop it at /api/v1/outbox/parked-events",
                            failure.event().eventId(), failure.event().eventType(), failure.event().aggregateId(), failure.event().topic(),
                            describe(failure.cause()), failure.event().aggregateId(), failure.event().topic());
                    progressed();
                    return new Pass(outcome.acknowledged().size(), true, true);
                }
                throw new IllegalStateException("Kafka did not acknowledge event " + failure.event().eventId() + " at position "
                        + failure.event().position() + ": " + describe(failure.cause()), failure.cause());
            } catch (SQLException | RuntimeException | InterruptedException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private void progressed() {
        lastProgress = Instant.now();
        lastError = null;
    }

    /**
     * Whether Kafka will refuse this record every time, whatever the relay does: the record itself is at fault
     * (larger than the producer's or the topic's limit, invalid for the topic). A broker that is away, a missing
     * topic or permissions are not: they concern every record and are retried until fixed.
     */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private record PendingEvent(long position, UUID eventId, String aggregateId, String eventType, String topic,
                                Instant occurredAt, String payload, String traceparent, String actor) {
    }

    /** The first record that failed, and why. */
    private record Failure(PendingEvent event, Exception cause) {
    }

    /** The positions Kafka acknowledged, the first failure if there was one, and the last position handed to the producer. */
    private record SendOutcome(List<Long> acknowledged, Failure failure, long lastSent) {
    }

    private static boolean tryRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private List<PendingEvent> readBatch(Connection connection) throws SQLException {
        List<PendingEvent> batch = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT o.position, o.event_id, o.aggregate_id, o.event_type, o.topic, o.occurred_at, o.payload, o.traceparent, o.actor
                FROM outbox_event o
                WHERE\s""" + PUBLISHABLE + " ORDER BY o.position LIMIT ?")) {
            select.setInt(1, config.outbox().batchSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new PendingEvent(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getString(7),
                            rows.getString(8), rows.getString(9)));
                }
            }
        }
        return batch;
    }

    /**
     * Sends the batch in order and waits for every acknowledgement. The first record that fails, whether the
     * producer refuses it at once or the broker later, closes the producer from its callback: the producer's I/O
     * thread runs the callback and then stops, so nothing behind the failed record is sent afterwards, and the
     * records behind it that were already in flight cannot be written either (the broker takes a partition's
     * records from one producer only in sequence). Each event is sent in a producer span that continues the trace
     * stored with it.
     */
    private SendOutcome send(List<PendingEvent> batch) throws InterruptedException {
        Producer<String, byte[]> current = producer();
        AtomicReference<Failure> firstFailure = new AtomicReference<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>(batch.size());
        long lastSent = -1;
        try {
            for (PendingEvent event : batch) {
                if (firstFailure.get() != null) {
                    break;
                }
                lastSent = event.position();
                Span span = tracing.startPublish(event.topic(), event.eventType(), event.eventId().toString(), event.traceparent());
                spans.add(span);
                try {
                    sent.add(current.send(toRecord(event, EventTracing.format(span.getSpanContext())), (metadata, exception) -> {
                        if (exception != null && firstFailure.compareAndSet(null, new Failure(event, exception))) {
                            current.close(Duration.ZERO); // fail-stop: see above
                        }
                    }));
                } catch (KafkaException | IllegalStateException e) { // closed by a failure meanwhile, or refused at once
                    firstFailure.compareAndSet(null, new Failure(event, e));
                    sent.add(null);
                    break;
                }
                if (event.position() <= oneByOneThrough) {
                    awaitAlone(current, sent.get(sent.size() - 1), event, firstFailure);
                }
            }
            if (firstFailure.get() == null) {
                current.flush();
            }
            List<Long> acknowledged = new ArrayList<>(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                Future<RecordMetadata> future = sent.get(i);
                if (future == null) {
                    spans.get(i).setStatus(StatusCode.ERROR, "not sent");
                    continue;
                }
                try {
                    RecordMetadata metadata = future.get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    spans.get(i).setAttribute("messaging.destination.partition.id", String.valueOf(metadata.partition()));
                    spans.get(i).setAttribute("messaging.kafka.offset", metadata.offset());
                    acknowledged.add(batch.get(i).position());
                } catch (ExecutionException e) {
                    // Records of other partitions may still have been acknowledged: marking them is safe, their order is their own.
                    spans.get(i).setStatus(StatusCode.ERROR, String.valueOf(e.getCause().getMessage()));
                } catch (TimeoutException e) {
                    firstFailure.compareAndSet(null, new Failure(batch.get(i), e));
                    current.close(Duration.ZERO);
                    spans.get(i).setStatus(StatusCode.ERROR, "no acknowledgement within " + config.outbox().sendTimeout());
                }
            }
            return new SendOutcome(acknowledged, firstFailure.get(), lastSent);
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** Waits until Kafka answered the record just sent; one that gets no answer in time fails the pass like any other. */
    private void awaitAlone(Producer<String, byte[]> current, Future<RecordMetadata> record, PendingEvent event,
                            AtomicReference<Failure> firstFailure) throws InterruptedException {
        try {
            record.get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            // recorded by the callback, which closed the producer: the loop stops there
        } catch (TimeoutException e) {
            firstFailure.compareAndSet(null, new Failure(event, e));
            current.close(Duration.ZERO);
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = kafkaClients.reliableProducer(config.service().name() + "-outbox-relay");
        }
        return producer;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debugf("closing the relay's producer: %s", e.getMessage());
            }
            producer = null;
        }
    }

    /** @param traceparent the producer span's context, the parent of every consumer's span */
    private ProducerRecord<String, byte[]> toRecord(PendingEvent event, String traceparent) {
        EventEnvelope envelope = new EventEnvelope(event.eventId().toString(), event.eventType(), source, event.occurredAt(),
                event.aggregateId(), EventType.ofCeType(event.eventType()).map(schemaAddresses::dataSchema).orElse(null),
                com.fasterxml.jackson.databind.node.NullNode.getInstance());
        byte[] value = event.payload() == null ? null : event.payload().getBytes(StandardCharsets.UTF_8); // null: a tombstone
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.aggregateId(), value);
        envelope.cloudEventHeaders().forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        if (event.actor() != null) {
            record.headers().add(CloudEventHeaders.ACTOR, event.actor().getBytes(StandardCharsets.UTF_8));
        }
        if (traceparent != null) {
            record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static void markPublished(Connection connection, List<Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET published_at = ?, attempts = attempts + 1 WHERE position = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", positions.toArray());
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            update.setArray(2, array);
            update.executeUpdate();
        }
    }

    private static void recordFailure(Connection connection, long position, Exception failure) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE position = ?")) {
            update.setString(1, describe(failure));
            update.setLong(2, position);
            update.executeUpdate();
        }
    }

    private void park(Connection connection, PendingEvent event, Exception failure) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET attempts = attempts + 1, last_error = ?, parked_at = ? WHERE position = ?")) {
            update.setString(1, describe(failure));
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setLong(3, event.position());
            update.executeUpdate();
        }
    }

    /** Deletes published and dropped events older than the retention; pending and parked ones are never deleted. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpiredPublishedEvents() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE published_at < ? OR dropped_at < ?")) {
            Timestamp cutoff = Timestamp.from(Instant.now().minus(config.outbox().retention()));
            delete.setTimestamp(1, cutoff);
            delete.setTimestamp(2, cutoff);
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.infof("deleted %d published outbox events older than %s", deleted, config.outbox().retention());
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it discards the transaction anyway
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
