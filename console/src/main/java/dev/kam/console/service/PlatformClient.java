package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kam.console.config.ConsoleSettings;
import dev.kam.console.domain.ConsoleUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The three services' public APIs, called with the signed-in user's own token: the services apply their rules to the
 * person, so the console can never do more than its user could with curl.
 */
@ApplicationScoped
public class PlatformClient {

    public enum Service { CUSTOMER, SCORING, TEAM }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Calls in flight at once for one page: enough to hide latency, few enough not to crowd a service's pool. */
    private static final int SIDE_BY_SIDE = 16;

    private final ConsoleSettings settings;
    private final ObjectMapper json;
    /** Numbers as the services wrote them: an amount of 15 digits and 4 decimals is not a double. */
    private final ObjectReader exactReader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    PlatformClient(ConsoleSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.exactReader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public JsonNode get(ConsoleUser user, Service service, String path) {
        return answer(send(user, request(user, service, path).GET()));
    }

    /** A GET whose 404 means "none yet" (no plan, no score): empty instead of an error. */
    public Optional<JsonNode> find(ConsoleUser user, Service service, String path) {
        HttpResponse<String> response = send(user, request(user, service, path).GET());
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(answer(response));
    }

    /**
     * GETs side by side, {@value #SIDE_BY_SIDE} at a time (the customers of one portfolio page), answers in the order
     * asked; a 404 is a null.
     */
    public List<JsonNode> findAll(ConsoleUser user, Service service, List<String> paths) {
        List<JsonNode> answers = new ArrayList<>();
        for (int from = 0; from < paths.size(); from += SIDE_BY_SIDE) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (String path : paths.subList(from, Math.min(paths.size(), from + SIDE_BY_SIDE))) {
                calls.add(http.sendAsync(request(user, service, path).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response;
                try {
                    response = call.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw new ServiceCallException(503, "Service unavailable", "a service of the platform did not answer: " + e.getCause());
                }
                answers.add(response.statusCode() == 404 ? null : answer(response));
            }
        }
        return answers;
    }

    public JsonNode post(ConsoleUser user, Service service, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString());
        return answer(send(user, request(user, service, path).header("Content-Type", "application/json").POST(publisher)));
    }

    public JsonNode put(ConsoleUser user, Service service, String path, JsonNode body) {
        return answer(send(user, request(user, service, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))));
    }

    public void delete(ConsoleUser user, Service service, String path) {
        answer(send(user, request(user, service, path).DELETE()));
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(ConsoleUser user, Service service, String path) {
        String base = switch (service) {
            case CUSTOMER -> settings.customerUrl();
            case SCORING -> settings.scoringUrl();
            case TEAM -> settings.teamUrl();
        };
        return HttpRequest.newBuilder(URI.create(base.replaceFirst("/$", "") + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + user.token()).header("Accept", "application/json");
    }

    private HttpResponse<String> send(ConsoleUser user, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceCallException(503, "Service unavailable", "a service of the platform did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException(503, "Service unavailable", "interrupted while calling the platform");
        }
    }

    private JsonNode answer(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? json.nullNode() : exactReader.readTree(response.body());
        } catch (IOException unreadable) {
            body = json.nullNode();
        }
        if (response.statusCode() / 100 != 2) {
            String title = body.path("title").asText("HTTP " + response.statusCode());
            String detail = body.path("detail").asText(title);
            throw new ServiceCallException(response.statusCode(), title, detail);
        }
        return body;
    }
}
