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

    /** @return the failures, each with the seed and case that reproduce it */
    public static List<String> check(Endpoint endpoint, JsonNode validExample, int cases, LongSupplier footprint, StillWorking stillWorking) {
        JsonFuzzer fuzzer = new JsonFuzzer(JsonFuzzer.seedFromSystem() + endpoint.path().hashCode());
        return JsonFuzzer.everyCase(fuzzer.cases(validExample, cases), fuzzer.seed(), generated -> {
            long before = footprint.getAsLong();
            HttpResponse<String> response = send(endpoint, generated);
            int status = response.statusCode();
            assertThat(status).as(endpoint.method() + " " + endpoint.path() + " answered " + status + ": " + response.body())
                    .isLessThan(500);
            if (status >= 400) {
                assertThat(response.headers().firstValue("Content-Type").orElse("")).as("refusal media type")
                        .startsWith("application/problem+json");
                assertThat(footprint.getAsLong()).as("footprint after a refused request (" + status + ")").isEqualTo(before);
            }
            stillWorking.check(response);
        });
    }

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
