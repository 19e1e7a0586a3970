package dev.kam.foundation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The settings of the shared machinery; each service names itself and may tune the rest. */
@ConfigMapping(prefix = "kam")
public interface KamConfig {

    Service service();

    Outbox outbox();

    Consumer consumer();

    Kafka kafka();

    Http http();

    RateLimit rateLimit();

    Tracing tracing();

    Metrics metrics();

    Events events();

    interface Events {
        /**
         * The address of this service's {@code /schemas/} folder as consumers reach it, e.g.
         * {@code https://kam.example.com/customers/schemas/}: every event's {@code ce_dataschema} is its schema's
         * address under it. Unset: {@code kam.http.public-url} followed by {@code /schemas/}, or, without that,
         * {@code http://localhost:<port>/schemas/}, which answers on a developer's machine.
         */
        Optional<String> schemaBaseUrl();
    }

    interface Tracing {
        /**
         * The OTLP collector spans are exported to, e.g. {@code http://localhost:4317}; unset (or {@code off}):
         * spans are made and propagated but not exported.
         */
        Optional<String> otlpEndpoint();

        /** {@code grpc} (port 4317) or {@code http/protobuf} (port 4318). */
        @WithDefault("grpc")
        String otlpProtocol();
    }

    interface Metrics {
        /** How often the gauges read from the database and Kafka (counts, outbox backlog, consumer lag) are sampled. */
        @WithDefault("PT10S")
        Duration refreshInterval();
    }

    interface RateLimit {
        /** Per client (token subject); 429 with Retry-After beyond it. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("200")
        double requestsPerSecond();

        @WithDefault("400")
        int burst();

        /** Clients remembered at once; idle ones are forgotten first. */
        @WithDefault("100000")
        int maxClients();
    }

    interface Http {
        /**
         * API requests in progress at once; more are answered 503 with Retry-After straight away. Zero turns
         * the bound off.
         */
        @WithDefault("64")
        int maxConcurrentRequests();

        /**
         * API requests one client (its token's subject) may have in progress at once, within
         * {@link #maxConcurrentRequests()}; more are answered 429 with Retry-After straight away, so one client cannot hold
         * every slot (a CRM sync job runs 8 to 16 connections).
         */
        @WithDefault("32")
        int maxConcurrentRequestsPerClient();

        /**
         * A request body must arrive at this many bytes per second on average once {@link #slowBodyGrace()} has passed;
         * a body that falls behind is answered 408 and its connection closed, so a stalled or trickling upload cannot hold
         * a slot (1 GiB at this rate is 18 hours, far slower than any sync job).
         */
        @WithDefault("16384")
        long minBodyBytesPerSecond();

        /** How long a request body may take before {@link #minBodyBytesPerSecond()} applies. */
        @WithDefault("20s")
        java.time.Duration slowBodyGrace();

        /**
         * Largest single JSON request body accepted, in bytes; larger ones are answered 413, whether announced by
         * Content-Length or sent in chunks. Four times the largest customer profile the platform stores.
         */
        @WithDefault("1048576")
        long maxJsonBodyBytes();

        /**
         * The address clients reach this service at, e.g. {@code https://kam.example.com/customers}: {@code Location}
         * headers are absolute URLs under it. Unset: they are paths ({@code /api/v1/...}), resolved by clients against
         * the address they called.
         */
        Optional<String> publicUrl();

        /** Longest line of an NDJSON import, in bytes: a longer line is refused alone and reported, the import goes on. */
        @WithDefault("1048576")
        int maxNdjsonLineBytes();

        /**
         * Largest NDJSON body, in bytes (1 GiB): a larger one stops being read at the limit and is answered 413 naming it.
         * The HTTP server's own limit ({@code quarkus.http.limits.max-body-size}) lies just above, as a last resort.
         */
        @WithDefault("1073741824")
        long maxNdjsonBodyBytes();
    }

    interface Service {
        /** e.g. {@code customer-service}: the {@code ce_source} of its events and the name of its DLQ topic. */
        String name();

        /** Topics this service publishes to, for the service-info endpoint. */
        Optional<List<String>> publishes();

        /** Topics this service consumes, for the service-info endpoint. */
        Optional<List<String>> consumes();
    }

    interface Outbox {
        /** Off only in tests that need unpublished events to stay unpublished. */
        @WithDefault("true")
        boolean relayEnabled();

        /** How long the relay sleeps when the outbox is empty and no commit woke it. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** Published events are kept this long (for audit and replay), then deleted. */
        @WithDefault("P7D")
        Duration retention();

        /**
         * Longest wait for Kafka's acknowledgement of a batch's records; beyond the producer's own delivery timeout
         * (30 s), so it only guards against a producer that never answers.
         */
        @WithDefault("PT60S")
        Duration sendTimeout();

        /** A relay that has not completed a pass for this long (Kafka away, records refused) reports itself stuck. */
        @WithDefault("PT1M")
        Duration stuckAfter();
    }

    interface Consumer {
        /** First wait before retrying a transient failure (database or broker away); doubles up to the maximum. */
        @WithDefault("PT0.2S")
        Duration retryInitialBackoff();

        @WithDefault("PT10S")
        Duration retryMaxBackoff();

        /** A channel with lag whose group has committed nothing new for this long reports itself stuck. */
        @WithDefault("PT2M")
        Duration stuckAfter();
    }

    interface Kafka {
        /** Create the platform topics and this service's DLQ at start when missing. */
        @WithDefault("true")
        boolean createTopics();
    }
}
