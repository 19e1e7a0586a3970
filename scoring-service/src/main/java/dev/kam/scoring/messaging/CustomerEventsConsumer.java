package dev.kam.scoring.messaging;

import dev.kam.contracts.EventType;
import dev.kam.foundation.inbox.IdempotentEventProcessor;
import dev.kam.scoring.service.ScoringService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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

    @Incoming("customer-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        processor.process(CONSUMER, record, Map.of(
                EventType.CUSTOMER_REGISTERED, event -> scoring.onCustomerEvent(event.data(), false),
                EventType.CUSTOMER_PROFILE_CHANGED, event -> scoring.onCustomerEvent(event.data(), false),
                EventType.CUSTOMER_ARCHIVED, event -> scoring.onCustomerEvent(event.data(), true)));
    }
}
