package dev.kam.foundation.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    public OutboxEvent findByEventId(UUID eventId) {
        return find("eventId", eventId).firstResult();
    }

    public List<OutboxEvent> findByAggregateId(String aggregateId) {
        return list("aggregateId = ?1 order by position", aggregateId);
    }

    public long countUnpublished() {
        return count("publishedAt is null");
    }

    public long deletePublishedBefore(Instant cutoff) {
        return delete("publishedAt < ?1", cutoff);
    }
}
