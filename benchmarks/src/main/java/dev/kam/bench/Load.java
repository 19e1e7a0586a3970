package dev.kam.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Load generators. Closed loop (clients back to back) finds the sustained rate; open loop sends at a fixed
 * rate whatever the answers do and measures each latency from the moment the request was scheduled, so a
 * stall shows in the percentiles instead of silently slowing the sender (no coordinated omission).
 */
final class Load {

    /** What one request does; true when it succeeded. */
    interface Call {
        boolean run() throws Exception;
    }

    /** An asynchronous request, told when it was scheduled: completes true when it succeeded. */
    interface AsyncCall {
        CompletableFuture<Boolean> start(long scheduledNanos);
    }

    record Throughput(long succeeded, long failed, Duration elapsed) {
        double perSecond() {
            return succeeded / (elapsed.toNanos() / 1e9);
        }
    }

    record Latencies(Histogram histogram, long succeeded, long failed, double achievedPerSecond) {
        double percentileMillis(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /**
     * A warm-up that lasts until the JIT compiler has done its work, as it has on a service that has run for a while:
     * closed-loop windows of {@code window} until two windows in a row are within 5 % of each other, and at most
     * {@code max} in all. A fixed warm-up ended while the rate was still climbing, so the repetitions after it
     * measured the compiler as much as the code. Returns each window's rate.
     */
    static List<Double> warmUntilSteady(int clients, Duration window, Duration max, Supplier<Call> perClient) throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        do {
            rates.add(closedLoop(clients, window, perClient).perSecond());
        } while (!steady(rates) && System.nanoTime() + window.toNanos() <= deadline);
        return rates;
    }

    /** The last two rates within 5 % of each other. */
    static boolean steady(List<Double> rates) {
        if (rates.size() < 2) {
            return false;
        }
        double last = rates.get(rates.size() - 1);
        double before = rates.get(rates.size() - 2);
        return Math.abs(last - before) <= 0.05 * Math.max(last, before);
    }

    /** {@code clients} threads calling back to back for {@code duration}. */
    static Throughput closedLoop(int clients, Duration duration, Supplier<Call> perClient) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < clients; i++) {
            Call call = perClient.get();
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        (call.run() ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        return new Throughput(ok.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Starts a call every 1/{@code perSecond} s for {@code duration}; latency counts from the scheduled start. */
    static Latencies openLoop(double perSecond, Duration duration, AsyncCall call) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long intervalNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long count = (long) (duration.toNanos() / intervalNanos);
        CompletableFuture<?>[] all = new CompletableFuture<?>[(int) count];
        for (long i = 0; i < count; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            all[(int) i] = call.start(scheduled).handle((succeeded, error) -> {
                recorder.recordValue(Math.max(1, System.nanoTime() - scheduled));
                (error == null && Boolean.TRUE.equals(succeeded) ? ok : failed).incrementAndGet();
                return null;
            });
        }
        CompletableFuture.allOf(all).orTimeout(2, TimeUnit.MINUTES).exceptionally(e -> null).join();
        double achieved = count / ((System.nanoTime() - start) / 1e9);
        return new Latencies(recorder.getIntervalHistogram(), ok.get(), failed.get(), achieved);
    }

    private Load() {
    }
}
