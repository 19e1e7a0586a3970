package dev.kam.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;

import java.util.List;
import java.util.function.LongSupplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends fuzzed bodies to one write endpoint and checks the two properties every write endpoint has: never
 * a 5xx, and a refused request leaves no trace (the service's footprint, e.g. rows, outbox events and audit
 * entries, is unchanged).
 */
public final class FuzzedWrites {

    public record Endpoint(String method, String path, String contentType, String token) {
    }

    /** @return the failures, each with the seed and case that reproduce it */
    public static List<String> check(Endpoint endpoint, JsonNode validExample, int cases, LongSupplier footprint) {
        JsonFuzzer fuzzer = new JsonFuzzer(JsonFuzzer.seedFromSystem() + endpoint.path().hashCode());
        return JsonFuzzer.everyCase(fuzzer.cases(validExample, cases), fuzzer.seed(), generated -> {
            long before = footprint.getAsLong();
            Response response = given().auth().oauth2(endpoint.token()).contentType(endpoint.contentType())
                    .body(generated.body()).request(endpoint.method(), endpoint.path());
            int status = response.statusCode();
            assertThat(status).as(endpoint.method() + " " + endpoint.path() + " answered " + status + ": " + response.asString())
                    .isLessThan(500);
            if (status >= 400) {
                assertThat(response.contentType()).as("refusal media type").startsWith("application/problem+json");
                assertThat(footprint.getAsLong()).as("footprint after a refused request (" + status + ")").isEqualTo(before);
            }
        });
    }

    private FuzzedWrites() {
    }
}
