package dev.kam.contracts.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.contracts.MalformedEventException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed event data consumers read, decoded from the contract's own examples. */
class EventDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCustomerEventReadsWithItsSnapshotAndTheRegionsOfItsLocations() throws IOException {
        CustomerEventData registered = EventData.read(example("kam.customer.registered.v1"), CustomerEventData.class);
        assertThat(registered.customer().id()).isEqualTo(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
        assertThat(registered.customer().externalRefs()).extracting(CustomerEventData.ExternalRef::systemSlashId)
                .containsExactly("salesforce/0015g00000XyZ");
        assertThat(registered.customer().annualPurchasePotential().currency()).isEqualTo("EUR");
        assertThat(registered.customer().operatingUnitNames()).contains("Powertrain");
        assertThat(registered.sequence()).isPositive();

        ObjectNode customer = (ObjectNode) example("kam.customer.registered.v1");
        ObjectNode snapshot = (ObjectNode) customer.get("customer");
        snapshot.set("locations", JSON.readTree("""
                [{"country": "DE", "region": "Bayern"}, {"country": "DE", "region": null}, {"country": "DE", "region": "Bayern"},
                 {"country": "US", "region": "Ohio"}]"""));
        snapshot.put("addedInALaterMinorVersion", "ignored");
        assertThat(EventData.read(customer, CustomerEventData.class).customer().regions()).containsExactly("Bayern", "Ohio");

        CustomerEventData archived = EventData.read(example("kam.customer.archived.v1"), CustomerEventData.class);
        assertThat(archived.archivedAt()).isNotNull();
    }

    @Test
    void keyAccountEventsReadWithTheDesignationInForceAndWhenItWasDecided() throws IOException {
        KeyAccountEventData designated = EventData.read(example("kam.scoring.key-account-designated.v1"), KeyAccountEventData.class);
        assertThat(designated.currentDesignation()).isEqualTo(designated.designation()).isNotNull();
        assertThat(designated.decidedAt()).isEqualTo(designated.designatedAt()).isNotNull();

        KeyAccountEventData changed = EventData.read(example("kam.scoring.designation-changed.v1"), KeyAccountEventData.class);
        assertThat(changed.currentDesignation()).isEqualTo(changed.to()).isNotEqualTo(changed.from());
        assertThat(changed.decidedAt()).isEqualTo(changed.changedAt());

        KeyAccountEventData revoked = EventData.read(example("kam.scoring.key-account-revoked.v1"), KeyAccountEventData.class);
        assertThat(revoked.regions()).isEmpty();
        assertThat(revoked.decidedAt()).isEqualTo(revoked.revokedAt());
    }

    @Test
    void dataThatDoesNotFitIsMalformed() {
        assertThatThrownBy(() -> EventData.read(JSON.readTree("{\"customer\": {\"id\": \"not-a-uuid\"}, \"sequence\": 1}"),
                CustomerEventData.class)).isInstanceOf(MalformedEventException.class).hasMessageContaining("CustomerEventData");
    }

    private static JsonNode example(String type) throws IOException {
        try (InputStream in = EventDataTest.class.getResourceAsStream("/schemas/examples/" + type + ".json")) {
            return JSON.readTree(in);
        }
    }
}
