package dev.kam.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends fuzzed bodies to one write endpoint and checks what every write endpoint promises: never a 5xx; a refused
 * request leaves no trace (the service's footprint, e.g. rows, outbox events and audit entries, is unchanged); and
 * after every case, refused or accepted, the service still works: what it holds reads back and its outbox drains
 * (every accepted document fits through Kafka). Some cases are sent in chunks, without a Content-Length.
 */
public final class FuzzedWrites {

    public record Endpoint(String method, String path, String contentType, String token) {
    }

    /** What must hold after every case, given its answer; throws an {@link AssertionError} when it does not. */
    @FunctionalInterface
    public interface StillWorking {
        void check(HttpResponse<String> answer);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param footprint what a refused request must leave as it was: the service's rows, hashed where a request could change
     *                  one in place (a count alone does not see that)
     * @return the failures, each with the seed and case that reproduce it
     */
    public static List<String> check(Endpoint endpoint, JsonNode validExample, int cases, Supplier<?> footprint, StillWorking stillWorking) {
        JsonFuzzer fuzzer = new JsonFuzzer(JsonFuzzer.seedFromSystem() + endpoint.path().hashCode());
        return JsonFuzzer.everyCase(fuzzer.cases(validExample, cases), fuzzer.seed(), generated -> {
            Object before = footprint.get();
            HttpResponse<String> response = send(endpoint, generated);
            int status = response.statusCode();
            assertThat(status).as(endpoint.method() + " " + endpoint.path() + " answered " + status + ": " + response.body())
                    .isLessThan(500);
            if (status >= 400) {
                assertThat(response.headers().firstValue("Content-Type").orElse("")).as("refusal media type")
                        .startsWith("application/problem+json");
                assertThat(footprint.get()).as("footprint after a refused request (" + status + ")").isEqualTo(before);
            }
            stillWorking.check(response);
        });
    }

    /**
     * Path identifiers as an attacker writes them, percent-encoded into {@code pathTemplate} where it says {@code {id}}: path
     * separators, dot segments, a lone {@code %C3}, invisible and bidirectional characters, look-alikes, spaces, very long
     * ones. Each is sent with {@code body}; whatever the answer, never a 5xx, a refusal leaves the footprint as it was, and
     * {@code accepted} checks what an accepted one made (it reads back under the id the answer names).
     */
    public static List<String> checkPathIds(Endpoint pathTemplate, byte[] body, Supplier<?> footprint, StillWorking accepted) {
        List<String> failures = new java.util.ArrayList<>();
        for (String id : PATH_IDS) {
            Endpoint endpoint = new Endpoint(pathTemplate.method(), pathTemplate.path().replace("{id}", id), pathTemplate.contentType(),
                    pathTemplate.token());
            try {
                Object before = footprint.get();
                HttpResponse<String> response = send(endpoint, new JsonFuzzer.Case(0, "path id " + id, body));
                int status = response.statusCode();
                assertThat(status).as(endpoint.method() + " " + endpoint.path() + " answered " + status + ": " + response.body()).isLessThan(500);
                if (status >= 400) {
                    assertThat(footprint.get()).as("footprint after the refused path id " + id + " (" + status + ")").isEqualTo(before);
                }
                accepted.check(response);
            } catch (AssertionError e) {
                failures.add("path id " + id + ": " + e.getMessage());
            }
        }
        return failures;
    }

    /** Ids as they travel in a path, percent-encoded where a client would encode them (and where an attacker would not). */
    public static final List<String> PATH_IDS = List.of("a%2Fb", "a%5Cb", "..%2F..%2Fadmin", "%2E%2E", "%20leading", "trailing%20", "bad%C3",
            "zero%E2%80%8Bwidth", "%E2%80%AEevil", "%EF%BB%BFbom", "cafe%CC%81", "caf%C3%A9", "%D0%90cyrillic", "%EF%BC%A1fullwidth",
            "line%0Abreak", "tab%09", "a%3Fb%23c", "x".repeat(256), "plain-" + Long.toHexString(System.nanoTime()));

    private static HttpResponse<String> send(Endpoint endpoint, JsonFuzzer.Case generated) {
        HttpRequest.BodyPublisher body = generated.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(generated.body())) // no length
                : HttpRequest.BodyPublishers.ofByteArray(generated.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + endpoint.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + endpoint.token())
                .header("Content-Type", endpoint.contentType())
                .method(endpoint.method(), body).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(endpoint.method() + " " + endpoint.path() + " gave no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until {@code pending} (events not yet on Kafka, parked ones included) is zero: an accepted write's event
     * must leave the outbox promptly, whatever the document was.
     */
    public static void outboxDrains(LongSupplier pending) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long left = pending.getAsLong();
        while (left > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            left = pending.getAsLong();
        }
        assertThat(left).as("outbox events still unpublished (or parked) 20 s after the write").isZero();
    }

    private FuzzedWrites() {
    }
}
