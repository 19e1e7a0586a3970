package dev.kam.foundation.traffic;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a request's body is coming, for {@link OverloadGuard}'s deadline. A body the framework buffers arrives at the
 * client's pace, so the bytes received against the time since the request began tell whether the client is slow. A
 * body a resource streams (an NDJSON import) arrives at the resource's pace: it is read as fast as the import stores it,
 * so only the time the resource spent waiting for bytes that had not come counts against the client, never the time it
 * spent storing what came.
 */
final class BodyWatch {

    static final String KEY = "kam.body-watch";

    private final long startedNanos = System.nanoTime();
    private volatile boolean streamed;
    private final AtomicLong streamedBytes = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    private volatile long waitingSince;

    long startedNanos() {
        return startedNanos;
    }

    boolean streamed() {
        return streamed;
    }

    long streamedBytes() {
        return streamedBytes.get();
    }

    /** Time the resource spent waiting for the client's bytes, up to {@code now}. */
    long waitedNanos(long now) {
        long since = waitingSince;
        return waitedNanos.get() + (since == 0 ? 0 : now - since);
    }

    /** The body as the resource reads it, counting the time each read waits. */
    InputStream watch(InputStream body) {
        streamed = true;
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                long before = startWaiting();
                try {
                    int b = super.read();
                    if (b >= 0) {
                        streamedBytes.incrementAndGet();
                    }
                    return b;
                } finally {
                    stopWaiting(before);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                long before = startWaiting();
                try {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        streamedBytes.addAndGet(n);
                    }
                    return n;
                } finally {
                    stopWaiting(before);
                }
            }
        };
    }

    private long startWaiting() {
        long now = System.nanoTime();
        waitingSince = now;
        return now;
    }

    private void stopWaiting(long since) {
        waitingSince = 0;
        waitedNanos.addAndGet(System.nanoTime() - since);
    }
}
