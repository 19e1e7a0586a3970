package dev.kam.team.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventType;
import dev.kam.foundation.inbox.IdempotentEventProcessor;
import dev.kam.foundation.inbox.IncomingEvent;
import dev.kam.team.service.TeamService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Teams follow the customers (their regions and units) and scoring's designations. */
@ApplicationScoped
public class TeamEventsConsumers {

    private final IdempotentEventProcessor processor;
    private final TeamService teams;

    TeamEventsConsumers(IdempotentEventProcessor processor, TeamService teams) {
        this.processor = processor;
        this.teams = teams;
    }

    private static final Set<EventType> DESIGNATION_TYPES =
            Set.of(EventType.KEY_ACCOUNT_DESIGNATED, EventType.DESIGNATION_CHANGED, EventType.KEY_ACCOUNT_REVOKED);
    private static final Set<EventType> CUSTOMER_TYPES =
            Set.of(EventType.CUSTOMER_REGISTERED, EventType.CUSTOMER_PROFILE_CHANGED, EventType.CUSTOMER_ARCHIVED);

    /** A poll's worth at a time, in one transaction, set-based (see {@link IdempotentEventProcessor#processBatch}). */
    @Incoming("customer-events")
    @Blocking
    public void customerEvents(ConsumerRecords<String, byte[]> records) {
        processor.processBatch("team-coordination-service.customer-events", list(records), CUSTOMER_TYPES,
                events -> teams.onCustomerEvents(events.stream().map(IncomingEvent::data).toList()));
    }

    @Incoming("scoring-events")
    @Blocking
    public void scoringEvents(ConsumerRecords<String, byte[]> records) {
        processor.processBatch("team-coordination-service.scoring-events", list(records), DESIGNATION_TYPES,
                events -> teams.onDesignationEvents(events.stream().map(TeamEventsConsumers::designationEvent).toList()));
    }

    private static TeamService.DesignationEvent designationEvent(IncomingEvent event) {
        return switch (event.type()) {
            case KEY_ACCOUNT_DESIGNATED -> new TeamService.Designated(event.subject(), event.data().get("designation").asText(),
                    regions(event.data()));
            case DESIGNATION_CHANGED -> new TeamService.DesignationChanged(event.subject(), event.data().get("to").asText());
            case KEY_ACCOUNT_REVOKED -> new TeamService.Revoked(event.subject());
            default -> throw new IllegalArgumentException("not a designation event: " + event.type());
        };
    }

    private static List<ConsumerRecord<String, byte[]>> list(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return batch;
    }

    private static Set<String> regions(JsonNode data) {
        Set<String> regions = new HashSet<>();
        data.path("regions").forEach(region -> regions.add(region.asText()));
        return regions;
    }
}
