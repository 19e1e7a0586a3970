package dev.kam.console.view;

import dev.kam.console.domain.HistoryPoint;
import dev.kam.console.domain.RelationshipMap;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {

    @Test
    void theDistributionCountsEveryScoreAndDrawsBothThresholds() {
        String svg = Charts.scoreDistribution(List.of(12.0, 64.9, 65.0, 100.0, 71.5), 65, 55);
        assertThat(svg).startsWith("<svg").endsWith("</svg>")
                .contains("<title id=\"distribution-title\">Score distribution of 5 customers</title>")
                .contains("promotion 65", "revocation 55", "role=\"img\"");
        assertThat(svg.split("<rect", -1)).as("one bar per band of 5 points").hasSize(21);
    }

    @Test
    void theHistoryHasOnePointPerRecordedScore() {
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        String svg = Charts.scoreHistory(List.of(new HistoryPoint(start, 60, "STANDARD", "NONE", "customer-changed", 1),
                new HistoryPoint(start.plusSeconds(3600), 70, "KEY_ACCOUNT", "KEY_ACCOUNT", "model-activated", 2)), 65, 55, start.plusSeconds(7200));
        assertThat(svg.split("<circle", -1)).hasSize(3);
        assertThat(svg).contains("2 recorded scores; now 70.");
    }

    @Test
    void textFromTheCustomerIsEscapedAndUnownedContactsAreFlagged() {
        RelationshipMap map = new RelationshipMap(List.of(
                new RelationshipMap.Contact("c-1", "<script>alert(1)</script>", null, List.of("DECIDER"), "KAM-01", 30, null, false, true),
                new RelationshipMap.Contact("c-2", null, null, List.of("BUYER"), null, null, null, true, false)), 1, true);
        String svg = Charts.relationshipMap(map);
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Decider · overdue", "Buyer · no owner", "single-threaded (bow-tie)");
    }
}
