package dev.kam.platform.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.platform.faults.TopicReader.Event;

import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold after any fault, for every customer a {@link SyncClient} wrote: each accepted change is the
 * customer's state in customer-service and was published once (one distinct event, in order, sequences
 * 1..n); each was scored once (one customer-scored per change, each naming the previous score); the first
 * designation formed exactly one team, each revocation wound it down and each designation after it reinstated it
 * (one working team per key account, the winding-down team otherwise: the wind-down period, 30 days, does not pass
 * during a fault run); per-customer order holds on every topic; no event is on a topic more than twice (a relay cut off
 * between the broker's acknowledgement and its mark sends one again, once); each customer event carries the profile that
 * was sent; the compacted state topic's last record per customer is its final designation; customer-service's audit
 * trail holds one entry per accepted change and none for a refused one; the DLQs hold nothing but deliberate poison.
 */
final class Oracle {

    static final String CUSTOMER_EVENTS = "kam.customer.events";
    static final String SCORING_EVENTS = "kam.scoring.events";
    static final String TEAM_EVENTS = "kam.team.events";
    static final String KEY_ACCOUNTS_STATE = "kam.key-accounts.state";
    static final List<String> DLQS = List.of("kam.scoring-service.dlq", "kam.team-coordination-service.dlq");
    static final Set<String> TEAM_LIFECYCLE = Set.of("kam.team.formed.v1", "kam.team.winding-down.v1", "kam.team.reinstated.v1",
            "kam.team.dissolved.v1");
    /** Consumer groups and the topic each reads. */
    static final Map<String, String> GROUPS = Map.of(
            "scoring-service", CUSTOMER_EVENTS,
            "team-coordination-service.customer-events", CUSTOMER_EVENTS,
            "team-coordination-service.scoring-events", SCORING_EVENTS);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measured outcome of one check. */
    record Verdict(long acceptedChanges, int customers, long customerEvents, long redeliveredCustomerEvents,
                   long scoredEvents, long teamEvents, long dlqRecords, Duration settledAfter) {
        String summary() {
            return acceptedChanges + " accepted changes of " + customers + " customers; " + customerEvents
                    + " customer events (+" + redeliveredCustomerEvents + " redelivered copies), " + scoredEvents
                    + " customer-scored, " + teamEvents + " team events checked; DLQ records " + dlqRecords
                    + "; settled " + settledAfter.toMillis() / 1000.0 + " s after the load stopped";
        }
    }

    private final Platform platform;

    Oracle(Platform platform) {
        this.platform = platform;
    }

    /** Waits until every outbox is empty and every consumer group has caught up. */
    Duration awaitSettled(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int quietRounds = 0;
        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            while (quietRounds < 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the platform did not settle within " + timeout + ": " + backlog(kafka));
                }
                quietRounds = backlog(kafka).isEmpty() ? quietRounds + 1 : 0;
                Thread.sleep(1000);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Map<String, Long> backlog(TopicReader kafka) {
        Map<String, Long> backlog = new LinkedHashMap<>();
        for (String database : List.of("kam_customer", "kam_scoring", "kam_team")) {
            try (Connection connection = platform.database(database);
                 ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND dropped_at IS NULL")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    backlog.put(database + " outbox", rows.getLong(1));
                }
            } catch (SQLException e) {
                backlog.put(database + " unreachable", 1L);
            }
        }
        for (Map.Entry<String, String> group : GROUPS.entrySet()) {
            try {
                long lag = kafka.lag(group.getKey(), group.getValue());
                if (lag > 0) {
                    backlog.put(group.getKey() + " lag", lag);
                }
            } catch (Exception e) {
                backlog.put(group.getKey() + " unknown", 1L);
            }
        }
        return backlog;
    }

    Verdict check(SyncClient client) throws Exception {
        Duration settled = awaitSettled(Duration.ofMinutes(5));
        Map<String, List<SyncClient.Accepted>> ledger = client.ledger();
        Map<String, String> ids = client.customerIds();
        assertThat(ids.keySet()).as("every customer written has an id").containsExactlyInAnyOrderElementsOf(ledger.keySet());
        Map<String, String> refOf = new HashMap<>();
        ids.forEach((ref, id) -> refOf.put(id, ref));

        checkCustomerState(ledger, ids);

        try (TopicReader kafka = new TopicReader(platform.kafkaBootstrap())) {
            long[] redelivered = {0};
            Map<String, List<Event>> customerEvents = distinctByKey(kafka.readAll(CUSTOMER_EVENTS), refOf.keySet(), redelivered);
            long customerEventCount = 0;
            for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
                String id = ids.get(entry.getKey());
                List<Event> events = customerEvents.getOrDefault(id, List.of());
                List<String> names = new ArrayList<>();
                List<String> profiles = new ArrayList<>();
                List<Long> sequences = new ArrayList<>();
                for (Event event : events) {
                    JsonNode data = JSON.readTree(event.value());
                    names.add(data.at("/customer/legalName").asText());
                    profiles.add(ProfileFingerprint.of(data.get("customer")));
                    sequences.add(data.get("sequence").asLong());
                }
                assertThat(names).as("customer events of " + entry.getKey() + ": one per accepted change, in order")
                        .containsExactlyElementsOf(entry.getValue().stream().map(SyncClient.Accepted::legalName).toList());
                List<String> sentProfiles = entry.getValue().stream().map(SyncClient.Accepted::profile).toList();
                for (int i = 0; i < Math.min(profiles.size(), sentProfiles.size()); i++) {
                    if (!profiles.get(i).equals(sentProfiles.get(i))) {
                        throw new AssertionError("customer event " + (i + 1) + " of " + entry.getKey() + " carries another profile than was sent:\n"
                                + "sent:      " + ProfileFingerprint.shown(client.sentBody(entry.getValue().get(i))) + "\n"
                                + "published: " + ProfileFingerprint.shown(JSON.readTree(events.get(i).value()).get("customer")));
                    }
                }
                assertThat(profiles).as("customer events of " + entry.getKey() + ": each carries the profile that was sent")
                        .containsExactlyElementsOf(sentProfiles);
                List<Long> expectedSequences = new ArrayList<>();
                for (long s = 1; s <= names.size(); s++) {
                    expectedSequences.add(s);
                }
                assertThat(sequences).as("sequences of " + entry.getKey()).containsExactlyElementsOf(expectedSequences);
                customerEventCount += events.size();
            }

            Map<String, List<Event>> scoringEvents = distinctByKey(kafka.readAll(SCORING_EVENTS), refOf.keySet(), new long[1]);
            long scored = 0;
            for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
                List<Event> events = scoringEvents.getOrDefault(ids.get(entry.getKey()), List.of());
                List<JsonNode> scores = new ArrayList<>();
                List<String> designations = new ArrayList<>();
                for (Event event : events) {
                    if (event.type().equals("kam.scoring.customer-scored.v1")) {
                        scores.add(JSON.readTree(event.value()));
                    } else if (!event.type().equals("kam.scoring.designation-changed.v1") && !event.type().equals("kam.scoring.key-account-updated.v1")) {
                        designations.add(event.type().replace("kam.scoring.", "").replace(".v1", ""));
                    }
                }
                assertThat(scores).as("customer-scored of " + entry.getKey() + ": one per change").hasSize(entry.getValue().size());
                for (int i = 1; i < scores.size(); i++) {
                    assertThat(scores.get(i).path("previousScore").asDouble()).as("score order of " + entry.getKey())
                            .isEqualTo(scores.get(i - 1).path("score").asDouble());
                }
                List<String> expected = new ArrayList<>();
                entry.getValue().forEach(change -> expected.add(change.strategic() ? "key-account-designated" : "key-account-revoked"));
                assertThat(designations).as("designations of " + entry.getKey()).containsExactlyElementsOf(expected);
                scored += scores.size();
            }

            Map<String, List<Event>> teamEvents = distinctByKey(kafka.readAll(TEAM_EVENTS), refOf.keySet(), new long[1]);
            long teamEventCount = 0;
            for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
                List<String> lifecycle = teamEvents.getOrDefault(ids.get(entry.getKey()), List.of()).stream()
                        .map(Event::type).filter(TEAM_LIFECYCLE::contains).map(type -> type.replace("kam.team.", "").replace(".v1", "")).toList();
                List<String> expected = new ArrayList<>();
                String team = "none";
                for (SyncClient.Accepted change : entry.getValue()) {
                    if (change.strategic() && !team.equals("open")) {
                        expected.add(team.equals("none") ? "formed" : "reinstated");
                        team = "open";
                    } else if (!change.strategic() && team.equals("open")) {
                        expected.add("winding-down");
                        team = "winding";
                    }
                }
                assertThat(lifecycle).as("team lifecycle of " + entry.getKey()).containsExactlyElementsOf(expected);
                teamEventCount += teamEvents.getOrDefault(ids.get(entry.getKey()), List.of()).size();
            }
            checkTeamsAndDesignations(ledger, ids);
            checkKeyAccountState(kafka.readAll(KEY_ACCOUNTS_STATE), ledger, ids);
            checkAuditTrail(ledger, ids);

            long dlqRecords = 0;
            for (String dlq : DLQS) {
                for (Event record : kafka.readAll(dlq)) {
                    assertThat(platform.poisonIds).as(dlq + " holds only deliberate poison, not " + record.headers()).contains(record.id());
                    dlqRecords++;
                }
            }
            return new Verdict(client.accepted(), ledger.size(), customerEventCount, redelivered[0], scored, teamEventCount,
                    dlqRecords, settled);
        }
    }

    /**
     * The compacted state topic as a consumer rebuilding its view reads it: the last record of each customer is its final
     * designation (a national account's state), or a tombstone once it was revoked; nothing for one never designated.
     */
    static void checkKeyAccountState(List<Event> state, Map<String, List<SyncClient.Accepted>> ledger, Map<String, String> ids)
            throws Exception {
        Map<String, Event> last = new HashMap<>();
        for (Event record : state) {
            if (record.key() != null && ids.containsValue(record.key())) {
                last.put(record.key(), record);
            }
        }
        for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
            String id = ids.get(entry.getKey());
            List<SyncClient.Accepted> changes = entry.getValue();
            boolean everDesignated = changes.stream().anyMatch(SyncClient.Accepted::strategic);
            Event record = last.get(id);
            if (!everDesignated) {
                assertThat(record).as("state of " + entry.getKey() + ": never a key account, no record").isNull();
            } else if (changes.get(changes.size() - 1).strategic()) {
                assertThat(record).as("state of " + entry.getKey()).isNotNull();
                assertThat(record.value()).as("state of " + entry.getKey() + ": its last record").isNotNull();
                assertThat(JSON.readTree(record.value()).path("designation").asText()).as("state of " + entry.getKey())
                        .isEqualTo("NATIONAL_ACCOUNT");
            } else {
                assertThat(record).as("state of " + entry.getKey()).isNotNull();
                assertThat(record.value()).as("state of " + entry.getKey() + ": revoked, its last record a tombstone").isNull();
            }
        }
    }

    /** {@link #checkKeyAccountState} with its reading failures as unchecked ones, for a check without a platform. */
    static void checkKeyAccountStateQuietly(List<Event> state, Map<String, List<SyncClient.Accepted>> ledger, Map<String, String> ids) {
        try {
            checkKeyAccountState(state, ledger, ids);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One audit entry per accepted change of each customer: a refused write (4xx, 429, 503) left none. */
    private void checkAuditTrail(Map<String, List<SyncClient.Accepted>> ledger, Map<String, String> ids) throws SQLException {
        Map<String, Long> entries = new HashMap<>();
        try (Connection customers = platform.database("kam_customer");
             PreparedStatement select = customers.prepareStatement("""
                     SELECT entity_id, count(*) FROM audit_entry WHERE entity_type = 'customer' AND entity_id = ANY(?) GROUP BY entity_id""")) {
            select.setArray(1, customers.createArrayOf("text", ids.values().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
            assertThat(entries.getOrDefault(ids.get(entry.getKey()), 0L)).as("audit entries of " + entry.getKey() + ": one per accepted change")
                    .isEqualTo(entry.getValue().size());
        }
    }

    private void checkCustomerState(Map<String, List<SyncClient.Accepted>> ledger, Map<String, String> ids) throws Exception {
        String viewer = platform.token("fault-oracle", "viewer");
        for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
            HttpResponse<String> customer = Http.get(platform.baseUrl("customer-service")
                    + "/api/v1/customers/" + ids.get(entry.getKey()), viewer);
            assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(customer.body());
            List<SyncClient.Accepted> changes = entry.getValue();
            assertThat(body.at("/externalRefs/0/id").asText()).isEqualTo(entry.getKey());
            assertThat(body.get("legalName").asText()).as("state of " + entry.getKey()).isEqualTo(changes.get(changes.size() - 1).legalName());
            assertThat(body.get("version").asInt()).as("version of " + entry.getKey()).isEqualTo(changes.size());
        }
    }

    private void checkTeamsAndDesignations(Map<String, List<SyncClient.Accepted>> ledger, Map<String, String> ids) throws SQLException {
        Map<String, String> designation = new HashMap<>();
        Map<String, long[]> teams = new HashMap<>();
        UUID[] customers = ids.values().stream().map(UUID::fromString).toArray(UUID[]::new);
        try (Connection scoring = platform.database("kam_scoring");
             PreparedStatement select = scoring.prepareStatement("SELECT customer_id, designation FROM customer_score WHERE customer_id = ANY(?)")) {
            Array array = scoring.createArrayOf("uuid", customers);
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    designation.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        try (Connection team = platform.database("kam_team");
             PreparedStatement select = team.prepareStatement("""
                     SELECT customer_id, count(*) FILTER (WHERE status IN ('FORMING', 'ACTIVE')),
                            count(*) FILTER (WHERE status = 'WINDING_DOWN'), count(*)
                     FROM team WHERE customer_id = ANY(?) GROUP BY customer_id""")) {
            select.setArray(1, team.createArrayOf("uuid", customers));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    teams.put(rows.getString(1), new long[]{rows.getLong(2), rows.getLong(3), rows.getLong(4)});
                }
            }
        }
        for (Map.Entry<String, List<SyncClient.Accepted>> entry : ledger.entrySet()) {
            String id = ids.get(entry.getKey());
            List<SyncClient.Accepted> changes = entry.getValue();
            boolean keyAccount = changes.get(changes.size() - 1).strategic();
            long designations = changes.stream().filter(SyncClient.Accepted::strategic).count();
            assertThat(designation.get(id)).as("designation of " + entry.getKey()).isEqualTo(keyAccount ? "NATIONAL_ACCOUNT" : "NONE");
            long[] counts = teams.getOrDefault(id, new long[]{0, 0, 0});
            assertThat(counts[0]).as("working teams of " + entry.getKey()).isEqualTo(keyAccount ? 1 : 0);
            assertThat(counts[1]).as("winding-down teams of " + entry.getKey()).isEqualTo(!keyAccount && designations > 0 ? 1 : 0);
            assertThat(counts[2]).as("teams ever formed for " + entry.getKey() + ": one, reinstated after each revocation")
                    .isEqualTo(designations > 0 ? 1 : 0);
        }
    }

    /** The most copies of one event a topic may hold: the first, and one resent by a relay cut off before its mark. */
    static final int MOST_COPIES = 2;

    /**
     * The events about {@code customers}, per customer in log order, each event id once; counts the repeats, and fails when
     * an event is there more than {@link #MOST_COPIES} times (any number of copies had been accepted).
     */
    static Map<String, List<Event>> distinctByKey(List<Event> events, Set<String> customers, long[] repeats) {
        Map<String, List<Event>> byKey = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        for (Event event : events) {
            if (event.key() == null || !customers.contains(event.key()) || event.value() == null) {
                continue;
            }
            int copy = copies.merge(event.id(), 1, Integer::sum);
            assertThat(copy).as("copies of event " + event.id() + " on " + event.topic()).isLessThanOrEqualTo(MOST_COPIES);
            if (copy > 1) {
                repeats[0]++;
                continue;
            }
            byKey.computeIfAbsent(event.key(), ignored -> new ArrayList<>()).add(event);
        }
        return byKey;
    }
}
