package dev.kam.foundation.rest;

import dev.kam.foundation.config.KamConfig;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Holds every JSON body to {@code kam.http.max-json-body-bytes} while it is read, however it is sent: a body
 * announced larger is refused before reading ({@link RequestGuards}), one sent in chunks without a length stops
 * being read at the limit and is answered 413 too. NDJSON bodies are streamed line by line and bounded per line
 * instead ({@link NdjsonLines}).
 */
@Provider
public class BoundedBodies implements ReaderInterceptor {

    // Looked up per request: Quarkus REST creates interceptors before the configuration mappings exist.
    private final jakarta.inject.Provider<KamConfig> config;

    BoundedBodies(jakarta.inject.Provider<KamConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !"x-ndjson".equals(type.getSubtype())) {
            context.setInputStream(new Bounded(context.getInputStream(), config.get().http().maxJsonBodyBytes()));
        }
        return context.proceed();
    }

    /** The body went past the limit while it was read. */
    public static class TooLargeException extends RuntimeException {
        private final long limit;

        TooLargeException(long limit) {
            this(limit, "the body has more than " + limit + " bytes; at most " + limit
                    + " are accepted here (kam.http.max-json-body-bytes; use the NDJSON bulk endpoint for many records)");
        }

        public TooLargeException(long limit, String message) {
            super(message);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, limit - read + 1));
            count(skipped);
            return skipped;
        }

        private void count(long bytes) {
            read += bytes;
            if (read > limit) {
                throw new TooLargeException(limit);
            }
        }
    }
}
