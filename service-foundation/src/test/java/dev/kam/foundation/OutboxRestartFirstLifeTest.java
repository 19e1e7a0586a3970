package dev.kam.foundation;

import dev.kam.contracts.Topics;
import dev.kam.foundation.outbox.OutboxRepository;
import dev.kam.foundation.probe.ProbeService;
import dev.kam.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** See {@link OutboxRestart}. */
@QuarkusTest
@FoundationTest
@TestProfile(OutboxRestart.FirstLifeWithoutRelay.class)
class OutboxRestartFirstLifeTest {

    @Inject
    ProbeService probe;
    @Inject
    OutboxRepository outbox;

    @Test
    void recordsAnEventThatNobodyPublishes() throws Exception {
        String customer = UUID.randomUUID().toString();
        UUID eventId = probe.activate(customer, UUID.randomUUID().toString(), false);
        Thread.sleep(1_500);
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.findByEventId(eventId).publishedAt())).isNull();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            assertThat(kafka.readSinceMark(Topics.TEAM_EVENTS)).noneMatch(r -> customer.equals(r.key()));
        }
        System.setProperty(OutboxRestart.EVENT, eventId.toString());
        System.setProperty(OutboxRestart.CUSTOMER, customer);
    }
}
