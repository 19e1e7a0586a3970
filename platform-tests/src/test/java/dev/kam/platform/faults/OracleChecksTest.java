package dev.kam.platform.faults;

import dev.kam.platform.faults.TopicReader.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The oracle's checks can fail (issue 31: one accepted any number of copies of an event): each is given here, without a
 * platform, the record of what a broken platform would have left, and must refuse it.
 */
class OracleChecksTest {

    private static final String CUSTOMER = "0b8f2b1c-9d2c-4a7e-9a55-0f0d1f6c3a11";

    @Test
    void aThirdCopyOfOneEventFailsTheOracleTwoAreAResend() {
        Event first = event("e-1", CUSTOMER, "{}");
        long[] repeats = {0};
        assertThat(Oracle.distinctByKey(List.of(first, first), Set.of(CUSTOMER), repeats).get(CUSTOMER)).hasSize(1);
        assertThat(repeats[0]).isEqualTo(1);
        assertThatThrownBy(() -> Oracle.distinctByKey(List.of(first, first, first), Set.of(CUSTOMER), new long[1]))
                .isInstanceOf(AssertionError.class).hasMessageContaining("copies of event e-1");
    }

    @Test
    void anEventCarryingAnotherProfileThanWasSentHasAnotherFingerprint() {
        String sent = SyncClient.strategic("Fault Co x rev 1");
        String asPublished = sent.replace("\"functionalAreas\": [\"PROCUREMENT\", \"ENGINEERING\"", "\"functionalAreas\": [\"ENGINEERING\", \"PROCUREMENT\"")
                .replace("30000000", "30000000.00")
                // as customer-service writes what the client left out of a site, a unit and a contact
                .replace("\"region\": \"Bayern\"}", "\"region\": \"Bayern\", \"city\": null}")
                .replace("{\"name\": \"Powertrain\"}", "{\"name\": \"Powertrain\", \"country\": null}")
                .replace("{\"contactId\": \"c-1\", \"roles\": [\"INITIATOR\"]}",
                        "{\"contactId\": \"c-1\", \"name\": null, \"title\": null, \"roles\": [\"INITIATOR\"], \"operatingUnit\": null}")
                .replaceFirst("\\{", "{\"id\": \"" + CUSTOMER + "\", \"version\": 3, \"externalRefs\": [], ");
        assertThat(ProfileFingerprint.of(asPublished)).as("what a customer event adds and how it writes sets and amounts")
                .isEqualTo(ProfileFingerprint.of(sent));
        assertThat(ProfileFingerprint.of(sent.replace("\"DE\", \"region\": \"Bayern\"", "\"DE\", \"region\": \"Sachsen\"")))
                .as("a site changed on the way").isNotEqualTo(ProfileFingerprint.of(sent));
        assertThat(ProfileFingerprint.of(sent.replace("\"region\": \"Bayern\"}", "\"region\": \"Bayern\", \"city\": \"München\"}")))
                .as("a site's city added on the way").isNotEqualTo(ProfileFingerprint.of(sent));
        assertThat(ProfileFingerprint.of(sent.replace(", \"relationshipSince\": \"2012-01-01\"", "")))
                .as("a field lost on the way").isNotEqualTo(ProfileFingerprint.of(sent));
    }

    @Test
    void theStateTopicsLastRecordMustBeTheFinalDesignation() {
        Map<String, String> ids = Map.of("ref", CUSTOMER);
        SyncClient.Accepted designated = new SyncClient.Accepted(1, "a", true, "p1");
        SyncClient.Accepted revoked = new SyncClient.Accepted(2, "b", false, "p2");
        Event state = event("s-1", CUSTOMER, "{\"designation\": \"NATIONAL_ACCOUNT\"}");
        Event tombstone = event("s-2", CUSTOMER, null);
        Oracle.checkKeyAccountStateQuietly(List.of(state), Map.of("ref", List.of(designated)), ids);
        Oracle.checkKeyAccountStateQuietly(List.of(state, tombstone), Map.of("ref", List.of(designated, revoked)), ids);
        assertThatThrownBy(() -> Oracle.checkKeyAccountStateQuietly(List.of(state), Map.of("ref", List.of(designated, revoked)), ids))
                .as("revoked, but the topic still says national account").isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Oracle.checkKeyAccountStateQuietly(List.of(), Map.of("ref", List.of(designated)), ids))
                .as("designated, but nothing on the state topic").isInstanceOf(AssertionError.class);
    }

    private static Event event(String id, String key, String value) {
        return new Event("topic", 0, 0, key, value, Map.of("ce_id", id));
    }
}
