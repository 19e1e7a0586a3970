package dev.kam.foundation.traffic;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code ratePerSecond} requests on average, bursts up to {@code burst}. The
 * number of clients remembered is bounded: buckets that have refilled completely carry no information and
 * are dropped when the map grows past its bound, so a flood of new subjects cannot exhaust memory.
 */
public final class RateLimiter {

    /** Whether a request may pass and, if not, how long the client should wait. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAtNanos = now;
        }
    }

    private final double ratePerNano;
    private final double burst;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst, int maxClients, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate, burst and client bound must be positive");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
    }

    public Decision tryAcquire(String client) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= maxClients && !buckets.containsKey(client)) {
            forgetFullBuckets(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, ignored -> new Bucket(burst, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Decision.ALLOWED;
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / ratePerNano);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }
    }

    int rememberedClients() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.refilledAtNanos);
        bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerNano);
        bucket.refilledAtNanos = now;
    }

    private void forgetFullBuckets(long now) {
        buckets.entrySet().removeIf(entry -> {
            Bucket bucket = entry.getValue();
            synchronized (bucket) {
                refill(bucket, now);
                return bucket.tokens >= burst;
            }
        });
        if (buckets.size() >= maxClients) {
            // Every remembered client is mid-burst: forgetting one grants it a fresh burst, the lesser harm.
            buckets.keySet().stream().findAny().ifPresent(buckets::remove);
        }
    }
}
