package dev.kam.scoring.messaging;

import dev.kam.contracts.EventType;
import dev.kam.foundation.inbox.IdempotentEventProcessor;
import dev.kam.scoring.service.ScoringService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scores customers as their profiles arrive on {@code kam.customer.events}. */
@ApplicationScoped
public class CustomerEventsConsumer {

    static final String CONSUMER = "scoring-service.customer-events";

    private final IdempotentEventProcessor processor;
    private final ScoringService scoring;

    CustomerEventsConsumer(IdempotentEventProcessor processor, ScoringService scoring) {
        this.processor = processor;
        this.scoring = scoring;
    }

    /** A poll's worth at a time, in one transaction (see {@link IdempotentEventProcessor#processBatch}). */
    @Incoming("customer-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        processor.processBatch(CONSUMER, batch, Map.of(
                EventType.CUSTOMER_REGISTERED, event -> scoring.onCustomerEvent(event.data(), false),
                EventType.CUSTOMER_PROFILE_CHANGED, event -> scoring.onCustomerEvent(event.data(), false),
                EventType.CUSTOMER_ARCHIVED, event -> scoring.onCustomerEvent(event.data(), true)));
    }
}
