package dev.kam.foundation.outbox;

import dev.kam.foundation.FoundationTest;
import dev.kam.foundation.persistence.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backlog gauge runs every few seconds against an outbox that keeps its published events for the retention
 * period: it must read only the small partial indexes of unpublished events, never the whole table. The planner
 * is told to avoid table scans wherever it has another way, so every read it plans must go through the
 * partial index of pending or of parked events (a scan of the table, or of an index over every event, is a defect).
 */
@QuarkusTest
@FoundationTest
class OutboxBacklogPlanTest {

    private static final Pattern INDEX_READ = Pattern.compile("(?:using|Bitmap Index Scan on) (outbox_event\\w*)");

    @Inject
    EntityManager entityManager;

    @Test
    void theBacklogIsCountedWithoutReadingPublishedEvents() {
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            return Jdbc.query(entityManager, "EXPLAIN " + ParkedEvents.BACKLOG, row -> row.getString(1));
        });
        String explained = String.join("\n", plan);
        assertThat(plan).as(explained).noneMatch(line -> line.contains("Seq Scan on outbox_event"));
        List<String> indexes = INDEX_READ.matcher(explained).results().map(read -> read.group(1)).toList();
        assertThat(indexes).as(explained).isNotEmpty().allMatch(index -> index.equals("outbox_event_pending") || index.equals("outbox_event_parked"));
    }
}
