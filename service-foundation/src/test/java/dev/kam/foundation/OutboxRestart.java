package dev.kam.foundation;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * "Relay stopped, service restarted, event still delivered once", with a real restart: the first application
 * runs without its relay and records an event ({@link OutboxRestartFirstLifeTest}); Quarkus then starts a
 * second application on the same database and broker ({@link OutboxRestartSecondLifeTest}), whose relay must
 * publish that event exactly once. Quarkus runs the tests without a profile first, then groups tests by
 * profile in the order of the profiles' names, so these two run last and in this order, and no other test's
 * start cleans the database in between.
 */
public final class OutboxRestart {

    static final String EVENT = "kamtest.restart.event-id";
    static final String CUSTOMER = "kamtest.restart.customer";

    /** The first life of the service: the relay does not run, like a service that died before publishing. */
    public static class FirstLifeWithoutRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kam.outbox.relay-enabled", "false");
        }
    }

    /** The second life: the same database, kept (not cleaned) across the restart. */
    public static class SecondLife implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.clean-at-start", "false");
        }
    }

    private OutboxRestart() {
    }
}
