package dev.kam.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The platform's public REST API as the demo uses it: JSON in and out, bearer tokens, clear failures. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    Api(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    JsonNode get(String path) {
        return json(send(request(path).GET().build(), 200));
    }

    /** The resource, or empty when it is not there (yet). */
    Optional<JsonNode> find(String path) {
        HttpResponse<String> response = exchange(request(path).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(check(response, 200)));
    }

    JsonNode post(String path, String contentType, String body) {
        return post(path, contentType, body, 200);
    }

    /** POSTs {@code body}; {@code expected}: the status it must be answered with, e.g. 202 for a job. */
    JsonNode post(String path, String contentType, String body, int expected) {
        return json(send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(), expected));
    }

    /** PUTs a JSON document; 200 expected. */
    JsonNode put(String path, JsonNode body) {
        return json(send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(), 200));
    }

    JsonNode post(String path) {
        return json(send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), 200));
    }

    /** Whether the service answers its readiness check. */
    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private String send(HttpRequest request, int expected) {
        return check(exchange(request), expected);
    }

    /** Sends the request; a 429 or 503 is retried after the Retry-After the service names, as a well-behaved client does. */
    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                boolean later = response.statusCode() == 429 || response.statusCode() == 503;
                if (!later || attempt == MAX_ATTEMPTS) {
                    return response;
                }
                long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Math.max(100, seconds * 1000));
            }
        } catch (IOException e) {
            throw new DemoException(request.method() + " " + request.uri() + " could not be sent: " + e.getMessage()
                    + " (is the platform up? ./kam up)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }

    private static String check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new DemoException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new DemoException("not JSON: " + body);
        }
    }

    /** A failure the demo reports in one line and exits on. */
    static final class DemoException extends RuntimeException {
        DemoException(String message) {
            super(message);
        }
    }
}
