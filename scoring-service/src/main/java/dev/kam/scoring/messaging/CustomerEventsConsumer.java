package dev.kam.scoring.messaging;

import dev.kam.contracts.EventType;
import dev.kam.contracts.data.CustomerEventData;
import dev.kam.foundation.inbox.IdempotentEventProcessor;
import dev.kam.scoring.service.ScoringService;
import dev.kam.scoring.service.ScoringService.CustomerChange;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Scores customers as their profiles arrive on {@code kam.customer.events}. */
@ApplicationScoped
public class CustomerEventsConsumer {

    static final String CONSUMER = "scoring-service.customer-events";
    private static final Set<EventType> SCORED_TYPES =
            Set.of(EventType.CUSTOMER_REGISTERED, EventType.CUSTOMER_PROFILE_CHANGED, EventType.CUSTOMER_ARCHIVED);

    private final IdempotentEventProcessor processor;
    private final ScoringService scoring;

    CustomerEventsConsumer(IdempotentEventProcessor processor, ScoringService scoring) {
        this.processor = processor;
        this.scoring = scoring;
    }

    /** A poll's worth at a time, in one transaction, scored set-based (see {@link IdempotentEventProcessor#processBatch}). */
    @Incoming("customer-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        processor.processBatch(CONSUMER, batch, SCORED_TYPES, events -> scoring.onCustomerEvents(events.stream()
                .map(event -> CustomerChange.of(event.data(CustomerEventData.class), event.type() == EventType.CUSTOMER_ARCHIVED)).toList()));
    }
}
