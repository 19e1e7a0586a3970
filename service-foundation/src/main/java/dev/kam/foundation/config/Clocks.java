package dev.kam.foundation.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The one clock of a service's business code: every use case and job that stamps or compares a time injects this
 * {@link Clock} (UTC) instead of calling {@code Instant.now()}, so a test can set the time of all of them at once.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
