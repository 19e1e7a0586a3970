package dev.kam.console.messaging;

import dev.kam.contracts.CloudEventHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;

/**
 * The console as an internal consumer of the team and scoring topics: each event tells the open pages of its customer
 * (the key) that something changed, and the portfolio what. The pages read the change itself from the services, so
 * the console keeps no state and a missed event costs only a refresh.
 */
@ApplicationScoped
public class PlatformEventsListener {

    private final LiveFeed feed;

    PlatformEventsListener(LiveFeed feed) {
        this.feed = feed;
    }

    @Incoming("team-events")
    public void onTeamEvent(ConsumerRecord<String, byte[]> record) {
        String type = type(record);
        if (record.key() != null) {
            feed.publish(record.key(), "team", type, LiveItems.teamChange(record.key(), type));
        }
    }

    @Incoming("scoring-events")
    public void onScoringEvent(ConsumerRecord<String, byte[]> record) {
        String type = type(record);
        if (record.key() != null && type.startsWith("kam.scoring.") && !type.startsWith("kam.scoring.customer-scored")) {
            feed.publish(record.key(), "score", type, LiveItems.designationChange(record.key(), type));
        } else if (record.key() != null) {
            feed.publish(record.key(), "score", type, null); // a new score without a change of designation: only its own page
        }
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return header == null ? "unknown" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
