package dev.kam.team.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventType;
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
import java.time.Instant;
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
                events -> teams.onCustomerEvents(events.stream().map(IncomingEvent::data).toList()));
    }

    @Incoming("scoring-events")
    @Blocking
    public void scoringEvents(ConsumerRecords<String, byte[]> records) {
        processor.processBatch("team-coordination-service.scoring-events", list(records), DESIGNATION_TYPES,
                events -> teams.onDesignationEvents(events.stream().map(TeamEventsConsumers::designationEvent).toList()));
    }

    private static TeamService.DesignationEvent designationEvent(IncomingEvent event) {
        JsonNode data = event.data();
        return switch (event.type()) {
            case KEY_ACCOUNT_DESIGNATED -> new TeamService.Designated(event.subject(), data.get("designation").asText(),
                    territories(data), identification(data, "designatedAt"), true);
            case DESIGNATION_CHANGED -> new TeamService.Designated(event.subject(), data.get("to").asText(), territories(data),
                    identification(data, "changedAt"), false);
            case KEY_ACCOUNT_UPDATED -> new TeamService.Designated(event.subject(), data.get("designation").asText(), territories(data),
                    identification(data, "updatedAt"), false);
            case KEY_ACCOUNT_REVOKED -> new TeamService.Revoked(event.subject());
            default -> throw new IllegalArgumentException("not a designation event: " + event.type());
        };
    }

    /** How clearly scoring identified the key account; events from before it said so carry no confidence. */
    private static Identification identification(JsonNode data, String timeField) {
        List<String> missing = new ArrayList<>();
        data.path("missing").forEach(item -> missing.add(item.asText()));
        JsonNode override = data.path("override");
        return new Identification(data.path("modelVersion").isNumber() ? data.get("modelVersion").asInt() : null,
                data.path("confidence").isNumber() ? data.get("confidence").asDouble() : null, missing,
                override.isObject() ? new Identification.TierOverride(override.path("by").asText(null), override.path("reason").asText(null),
                        instant(override.path("since")), instant(override.path("expiresAt"))) : null,
                instant(data.path(timeField)));
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static List<ConsumerRecord<String, byte[]>> list(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return batch;
    }

    /** The supplier's sales territories the key account has sites in, in scoring's order. */
    private static Set<String> territories(JsonNode data) {
        Set<String> territories = new LinkedHashSet<>();
        data.path("regions").forEach(territory -> territories.add(territory.asText()));
        return territories;
    }
}
