package dev.kam.foundation;

import dev.kam.contracts.Topics;
import dev.kam.foundation.outbox.OutboxRepository;
import dev.kam.foundation.probe.ProbeService;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** See {@link OutboxRestart}. */
@QuarkusTest
@FoundationTest
@TestProfile(OutboxRestart.SecondLife.class)
class OutboxRestartSecondLifeTest {

    @Inject
    ProbeService probe;
    @Inject
    OutboxRepository outbox;

    @Test
    void theRestartedServicePublishesItExactlyOnce() throws Exception {
        String eventId = System.getProperty(OutboxRestart.EVENT);
        String customer = System.getProperty(OutboxRestart.CUSTOMER);
        assertThat(eventId).as("runs after OutboxRestartFirstLifeTest in the same JVM").isNotNull();

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> outbox.findByEventId(UUID.fromString(eventId)).publishedAt()) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.effects(customer) == 1);
        Thread.sleep(1_000);
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            List<Received> mine = kafka.readSinceMark(Topics.TEAM_EVENTS).stream()
                    .filter(r -> customer.equals(r.key())).toList();
            assertThat(mine).extracting(r -> r.headers().get("ce_id")).containsExactly(eventId);
        }
        assertThat(probe.effects(customer)).isEqualTo(1);
    }
}
