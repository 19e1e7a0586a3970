package dev.kam.foundation.outbox;

import dev.kam.contracts.CloudEventHeaders;
import dev.kam.contracts.EventEnvelope;
import dev.kam.contracts.EventType;
import dev.kam.contracts.ServiceNames;
import dev.kam.foundation.config.KamConfig;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

/**
 * Publishes the outbox to Kafka: oldest first, keyed by the aggregate (customer) id, CloudEvents binary
 * headers, through an idempotent acks=all producer. A row is marked published only in the transaction that
 * follows the broker's acknowledgement, so a crash at any point loses nothing; what was sent but not yet
 * marked is sent again (same {@code ce_id}, which consumers deduplicate).
 *
 * <p>Order per key holds because rows are read in position order, sent through one producer, and nothing
 * after the first failed row of a batch is marked. Only one relay works at a time across all instances
 * of a service (a PostgreSQL advisory lock), so a second instance cannot interleave.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK_KEY = 0x4b414d4f5554L; // "KAMOUT"
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final KamConfig config;
    private final String bootstrapServers;
    private final String source;
    private final Semaphore wakeUps = new Semaphore(0);
    private final EventTracing tracing;
    private final EventMetrics metrics;

    private volatile Thread worker;
    private volatile boolean running;
    private KafkaProducer<String, byte[]> producer;

    OutboxRelay(DataSource dataSource, KamConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                EventTracing tracing, EventMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
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
        producer = KafkaClients.reliableProducer(bootstrapServers, config.service().name() + "-outbox-relay");
        running = true;
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
        producer.close(Duration.ofSeconds(5));
        worker = null;
    }

    public boolean isRunning() {
        Thread current = worker;
        return running && current != null && current.isAlive();
    }

    /** Called after a transaction that recorded events committed: publish now rather than at the next poll. */
    void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                int published = publishBatch();
                backoff = Duration.ofMillis(100);
                if (published >= config.outbox().batchSize()) {
                    continue; // more is waiting
                }
                wakeUps.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay could not publish, retrying in %d ms: %s", backoff.toMillis(), e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** One pass: publishes up to a batch of the oldest unpublished events. Returns how many were marked published. */
    int publishBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryRelayLock(connection)) {
                    connection.rollback();
                    return 0; // another instance is relaying
                }
                List<PendingEvent> batch = readBatch(connection);
                if (batch.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                SendOutcome outcome = send(batch);
                markPublished(connection, outcome.acknowledged());
                if (outcome.failure() != null) {
                    recordFailure(connection, batch.get(outcome.acknowledged().size()).position(), outcome.failure());
                }
                connection.commit();
                metrics.published(outcome.acknowledged().size());
                if (outcome.failure() != null) {
                    throw new IllegalStateException("Kafka did not acknowledge event at position "
                            + batch.get(outcome.acknowledged().size()).position() + ": " + outcome.failure().getMessage(), outcome.failure());
                }
                return outcome.acknowledged().size();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private record PendingEvent(long position, UUID eventId, String aggregateId, String eventType, String topic,
                                Instant occurredAt, String payload, String traceparent, String actor) {
    }

    private record SendOutcome(List<Long> acknowledged, Exception failure) {
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
                SELECT position, event_id, aggregate_id, event_type, topic, occurred_at, payload, traceparent, actor
                FROM outbox_event WHERE published_at IS NULL ORDER BY position LIMIT ?""")) {
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
     * Sends the batch in order and waits for every acknowledgement; stops at the first failure. Each event is
     * sent in a producer span that continues the trace stored with it.
     */
    private SendOutcome send(List<PendingEvent> batch) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>(batch.size());
        Exception failure = null;
        try {
            for (PendingEvent event : batch) {
                Span span = tracing.startPublish(event.topic(), event.eventType(), event.eventId().toString(), event.traceparent());
                spans.add(span);
                try {
                    sent.add(producer.send(toRecord(event, EventTracing.format(span.getSpanContext()))));
                } catch (RuntimeException e) {
                    span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
                    failure = e;
                    break;
                }
            }
            producer.flush();
            List<Long> acknowledged = new ArrayList<>(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                try {
                    RecordMetadata metadata = sent.get(i).get();
                    spans.get(i).setAttribute("messaging.destination.partition.id", String.valueOf(metadata.partition()));
                    spans.get(i).setAttribute("messaging.kafka.offset", metadata.offset());
                    acknowledged.add(batch.get(i).position());
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                    spans.get(i).setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                    break;
                }
            }
            return new SendOutcome(acknowledged, failure);
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** @param traceparent the producer span's context, the parent of every consumer's span */
    private ProducerRecord<String, byte[]> toRecord(PendingEvent event, String traceparent) {
        EventEnvelope envelope = new EventEnvelope(event.eventId().toString(), event.eventType(), source, event.occurredAt(),
                event.aggregateId(), EventType.ofCeType(event.eventType()).map(EventType::dataSchema).orElse(null),
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
            update.setString(1, String.valueOf(failure.getMessage()));
            update.setLong(2, position);
            update.executeUpdate();
        }
    }

    /** Deletes published events older than the retention; unpublished ones are never deleted. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpiredPublishedEvents() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE published_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.outbox().retention())));
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
