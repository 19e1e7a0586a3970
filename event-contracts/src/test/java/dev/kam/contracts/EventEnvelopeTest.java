package dev.kam.contracts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    private final EventEnvelope envelope = new EventEnvelope("e-1", EventType.CUSTOMER_REGISTERED.ceType(),
            ServiceNames.eventSource(ServiceNames.CUSTOMER_SERVICE), Instant.parse("2026-11-26T10:00:00Z"),
            "7c9e6679-7425-40de-944b-e07fc1f90ae7", EventType.CUSTOMER_REGISTERED.dataSchema(URI.create("https://kam.example.com/customers/schemas/")),
            JsonNodeFactory.instance.objectNode());

    @Test
    void writesEveryRequiredCloudEventsAttributeAsABinaryModeHeader() {
        assertThat(envelope.cloudEventHeaders()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", "e-1")
                .containsEntry("ce_type", "kam.customer.registered.v1")
                .containsEntry("ce_source", "/kam/customer-service")
                .containsEntry("ce_time", "2026-11-26T10:00:00Z")
                .containsEntry("ce_subject", "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                .containsEntry("ce_dataschema", "https://kam.example.com/customers/schemas/events/kam.customer.registered.v1.json")
                .containsEntry("content-type", "application/json");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(EventEnvelope.fromCloudEventHeaders(envelope.cloudEventHeaders(), envelope.data())).isEqualTo(envelope);
    }

    @Test
    void rejectsHeadersWithoutAnId() {
        Map<String, String> headers = new HashMap<>(envelope.cloudEventHeaders());
        headers.remove("ce_id");
        assertThatThrownBy(() -> EventEnvelope.fromCloudEventHeaders(headers, envelope.data()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("id");
    }

    @Test
    void rejectsAnotherSpecVersionAndUnreadableTimes() {
        Map<String, String> headers = new HashMap<>(envelope.cloudEventHeaders());
        headers.put("ce_specversion", "0.3");
        assertThatThrownBy(() -> EventEnvelope.fromCloudEventHeaders(headers, envelope.data()))
                .isInstanceOf(MalformedEventException.class);
        headers.put("ce_specversion", "1.0");
        headers.put("ce_time", "noon");
        assertThatThrownBy(() -> EventEnvelope.fromCloudEventHeaders(headers, envelope.data()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("unreadable");
    }

    @Test
    void namesTheDeadLetterTopicOfAService() {
        assertThat(Topics.deadLetter(ServiceNames.SCORING_SERVICE)).isEqualTo("kam.scoring-service.dlq");
    }
}
