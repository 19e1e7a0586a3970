package dev.kam.foundation.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One recorded event waiting for (or done with) publication, as read back. Written by {@link OutboxWriter} only (with JDBC). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long position;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(name = "aggregate_type", nullable = false, updatable = false)
    private String aggregateType;

    @Column(name = "aggregate_id", nullable = false, updatable = false)
    private String aggregateId;

    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    @Column(nullable = false, updatable = false)
    private String topic;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    /** Null for a tombstone. */
    @Column(updatable = false)
    private String payload;

    @Column(updatable = false)
    private String traceparent;

    /** The token subject of the caller whose change this reports, or {@code service:<name>}. */
    @Column(updatable = false)
    private String actor;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected OutboxEvent() {
    }

    public String actor() {
        return actor;
    }

    public Long position() {
        return position;
    }

    public UUID eventId() {
        return eventId;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public String eventType() {
        return eventType;
    }

    public String topic() {
        return topic;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String payload() {
        return payload;
    }

    /** The W3C trace context the event continues, null when it was recorded outside any trace. */
    public String traceparent() {
        return traceparent;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
