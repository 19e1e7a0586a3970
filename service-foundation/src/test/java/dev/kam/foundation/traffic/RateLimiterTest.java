package dev.kam.foundation.traffic;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(2, 3, 10, now::get);

    @Test
    void aClientMayBurstThenWaitsForTheRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("crm-sync").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryAcquire("crm-sync");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));

        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire("crm-sync").allowed()).isTrue();
        assertThat(limiter.tryAcquire("crm-sync").allowed()).isFalse();
    }

    @Test
    void clientsAreLimitedSeparately() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("greedy");
        }
        assertThat(limiter.tryAcquire("greedy").allowed()).isFalse();
        assertThat(limiter.tryAcquire("modest").allowed()).isTrue();
    }

    @Test
    void theNumberOfRememberedClientsStaysBounded() {
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("client-" + i);
            now.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        assertThat(limiter.rememberedClients()).isLessThanOrEqualTo(10);
    }

    @Test
    void forgettingAnIdleClientDoesNotForgiveABusyOne() {
        RateLimiter small = new RateLimiter(1, 2, 2, now::get);
        small.tryAcquire("busy");
        small.tryAcquire("busy");
        small.tryAcquire("idle");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        small.tryAcquire("busy");
        small.tryAcquire("busy");
        small.tryAcquire("newcomer"); // the map is full: the refilled idle bucket goes, not the busy one
        assertThat(small.tryAcquire("busy").allowed()).isFalse();
    }
}
