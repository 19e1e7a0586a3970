package dev.kam.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process's resident memory every 250 ms while it runs; keeps the peak. */
final class RssSampler implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong(-1);
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread thread;

    RssSampler(long pid) {
        thread = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(BenchPlatform.residentMiB(pid), Math::max);
                Scenarios.sleep(250);
            }
        }, "rss-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling; the peak in MiB. */
    long peakMiB() throws InterruptedException {
        close();
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        sampling.set(false);
        thread.join();
    }
}
