package dev.kam.team.messaging;

import dev.kam.contracts.EventType;
import dev.kam.contracts.data.CustomerEventData;
import dev.kam.contracts.data.KeyAccountEventData;
import dev.kam.foundation.inbox.IdempotentEventProcessor;
import dev.kam.foundation.inbox.IncomingEvent;
import dev.kam.team.domain.Identification;
import dev.kam.team.service.TeamService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Teams follow the customers (their units, areas, buying centre, supplier status) and scoring's designations (territories, identification). */
@ApplicationScoped
public class TeamEventsConsumers {

    private final IdempotentEventProcessor processor;
    private final TeamService teams;

    TeamEventsConsumers(IdempotentEventProcessor processor, TeamService teams) {
        this.processor = processor;
        this.teams = teams;
    }

    private static final Set<EventType> DESIGNATION_TYPES = Set.of(EventType.KEY_ACCOUNT_DESIGNATED, EventType.DESIGNATION_CHANGED,
            EventType.KEY_ACCOUNT_UPDATED, EventType.KEY_ACCOUNT_REVOKED);
    private static final Set<EventType> CUSTOMER_TYPES =
            Set.of(EventType.CUSTOMER_REGISTERED, EventType.CUSTOMER_PROFILE_CHANGED, EventType.CUSTOMER_ARCHIVED);

    /** A poll's worth at a time, in one transaction, set-based (see {@link IdempotentEventProcessor#processBatch}). */
    @Incoming("customer-events")
    @Blocking
    public void customerEvents(ConsumerRecords<String, byte[]> records) {
        processor.processBatch("team-coordination-service.customer-events", list(records), CUSTOMER_TYPES,
                events -> teams.onCustomerEvents(events.stream().map(event -> event.data(CustomerEventData.class)).toList()));
    }

    @Incoming("scoring-events")
    @Blocking
    public void scoringEvents(ConsumerRecords<String, byte[]> records) {
        processor.processBatch("team-coordination-service.scoring-events", list(records), DESIGNATION_TYPES,
                events -> teams.onDesignationEvents(events.stream().map(TeamEventsConsumers::designationEvent).toList()));
    }

    private static TeamService.DesignationEvent designationEvent(IncomingEvent event) {
        if (event.type() == EventType.KEY_ACCOUNT_REVOKED) {
            return new TeamService.Revoked(event.subject());
        }
        KeyAccountEventData data = event.data(KeyAccountEventData.class);
        return switch (event.type()) {
            case KEY_ACCOUNT_DESIGNATED, DESIGNATION_CHANGED, KEY_ACCOUNT_UPDATED -> new TeamService.Designated(event.subject(),
                    data.currentDesignation(), new LinkedHashSet<>(data.regions()), identification(data),
                    event.type() == EventType.KEY_ACCOUNT_DESIGNATED);
            default -> throw new IllegalArgumentException("not a designation event: " + event.type());
        };
    }

    /** How clearly scoring identified the key account; events from before it said so carry no confidence. */
    private static Identification identification(KeyAccountEventData data) {
        KeyAccountEventData.Override override = data.override();
        return new Identification(data.modelVersion(), data.confidence(), data.missing(),
                override == null ? null : new Identification.TierOverride(override.by(), override.reason(), override.since(), override.expiresAt()),
                data.decidedAt());
    }

    private static List<ConsumerRecord<String, byte[]>> list(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return batch;
    }
}
