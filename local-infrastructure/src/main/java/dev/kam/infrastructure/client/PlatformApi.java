package dev.kam.infrastructure.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A service's public REST API as the platform's own clients use it (the demo, the benchmark, the platform tests):
 * JSON in and out, a bearer token, 429 and 503 retried after the {@code Retry-After} the service names (as a
 * well-behaved CRM client does), and a failure that says which call got which answer.
 */
public final class PlatformApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A call that was not answered as expected, or not at all. */
    public static final class CallFailedException extends RuntimeException {
        public CallFailedException(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final String token;

    public PlatformApi(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GETs {@code path}; 200 expected. */
    public JsonNode get(String path) {
        return json(send(request(path).GET().build(), 200));
    }

    /** The resource, or empty when it is not there (yet). */
    /**
     * Every item of a paged list ({@code {items, nextCursor}}), following {@code nextCursor} until it is null.
     *
     * @param path the list's path with its query ({@code /api/v1/teams?status=ACTIVE&limit=500})
     */
    public java.util.List<JsonNode> getAll(String path) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String page = cursor == null ? path : path + (path.contains("?") ? "&" : "?") + "cursor="
                    + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
            JsonNode answer = get(page);
            answer.path("items").forEach(items::add);
            cursor = answer.path("nextCursor").isTextual() ? answer.path("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    public Optional<JsonNode> find(String path) {
        HttpResponse<String> response = exchange(request(path).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(check(response, 200)));
    }

    /** POSTs {@code body}; {@code expected}: the status it must be answered with, e.g. 202 for a job. */
    public JsonNode post(String path, String contentType, String body, int expected) {
        return json(send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(), expected));
    }

    public JsonNode post(String path, String contentType, String body) {
        return post(path, contentType, body, 200);
    }

    /** POSTs without a body; 200 expected. */
    public JsonNode post(String path) {
        return json(send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), 200));
    }

    /** PUTs a JSON document; 200 expected. */
    public JsonNode put(String path, JsonNode body) {
        return json(send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), 200));
    }

    /** Whether the service answers its readiness check. */
    public boolean ready() {
        return status(baseUrl + "/q/health/ready") == 200;
    }

    /** The status of a GET of {@code url} without a token, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private String send(HttpRequest request, int expected) {
        return check(exchange(request), expected);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                boolean later = response.statusCode() == 429 || response.statusCode() == 503;
                if (!later || attempt == MAX_ATTEMPTS) {
                    return response;
                }
                long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Math.max(100, seconds * 1000));
            }
        } catch (IOException e) {
            throw new CallFailedException(request.method() + " " + request.uri() + " could not be sent: " + e.getMessage()
                    + " (is the platform up? ./kam up)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailedException("interrupted");
        }
    }

    private static String check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new CallFailedException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CallFailedException("not JSON: " + body);
        }
    }
}
