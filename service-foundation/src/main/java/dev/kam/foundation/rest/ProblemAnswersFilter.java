package dev.kam.foundation.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every error answer of every service described the way it is sent, so that a client generated from the document
 * can read it: RFC 9457 {@code application/problem+json} with the {@code Problem} schema. Added to the document
 * Quarkus generates, where a resource says less:
 * <ul>
 *   <li>a 4xx or 5xx answer declared with a description only gets the problem body;</li>
 *   <li>an operation whose path names something ({@code /teams/{customerId}}) answers 404 when nothing has that name;</li>
 *   <li>every API operation can answer 429 (the per-client rate or share of requests in progress), 503 (the overload
 *       guard, or a dependency briefly away) and 500, each with {@code Retry-After} where it is sent, and one that takes
 *       a body 408 (a body that came too slowly);</li>
 *   <li>a header declared without a schema is a string.</li>
 * </ul>
 * A resource that declares its own answer for a status keeps it.
 */
public class ProblemAnswersFilter implements OASFilter {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}/]+}");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Problem")) {
            components.addSchema("Problem", problemSchema());
        }
        addIfAbsent(components, "NotFound", problemAnswer("Nothing is known by the name the path gives (an id, a version, a file)."));
        addIfAbsent(components, "TooManyRequests", retryable(problemAnswer(
                "More requests from this client (token subject) than its rate allows (kam.rate-limit.*), or more of them in progress "
                        + "than its share of this instance (kam.http.max-concurrent-requests-per-client); retry after Retry-After seconds.")));
        addIfAbsent(components, "ServiceUnavailable", retryable(problemAnswer(
                "Too many requests in progress on this instance, or a dependency (database, Kafka) briefly away; nothing was changed. "
                        + "Retry after Retry-After seconds.")));
        addIfAbsent(components, "RequestTimeout", problemAnswer(
                "The request's body came too slowly: after its first 20 s (kam.http.slow-body-grace) a body must arrive at "
                        + "16 KiB/s on average (kam.http.min-body-bytes-per-second); the connection is closed after this answer."));
        addIfAbsent(components, "InternalError", problemAnswer(
                "The service failed unexpectedly; the detail quotes an error id to report. Nothing of the request was kept half done."));
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(answer -> describe(answer, false)); // bodies as each service wrote them
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            APIResponses answers = operation.getResponses();
            if (answers == null) {
                answers = OASFactory.createAPIResponses();
                operation.setResponses(answers);
            }
            if (PATH_PARAMETER.matcher(path).find()) {
                refIfAbsent(answers, "404", "NotFound");
            }
            if (path.startsWith("/api/") && operation.getRequestBody() != null) {
                refIfAbsent(answers, "408", "RequestTimeout");
            }
            if (path.startsWith("/api/")) {
                refIfAbsent(answers, "429", "TooManyRequests");
                refIfAbsent(answers, "500", "InternalError");
                refIfAbsent(answers, "503", "ServiceUnavailable");
            }
            describeAll(operation);
        }));
    }

    private static void describeAll(Operation operation) {
        operation.getResponses().getAPIResponses().forEach((status, answer) ->
                describe(answer, status.startsWith("4") || status.startsWith("5")));
    }

    /** An error answer without a body gets the problem body; every header a schema. */
    private static void describe(APIResponse answer, boolean error) {
        if (answer.getRef() != null) {
            return;
        }
        if (error && (answer.getContent() == null || answer.getContent().getMediaTypes() == null
                || answer.getContent().getMediaTypes().isEmpty())) {
            answer.setContent(problemContent());
        }
        if (answer.getHeaders() != null) {
            for (Map.Entry<String, Header> header : answer.getHeaders().entrySet()) {
                if (header.getValue().getRef() == null && header.getValue().getSchema() == null) {
                    header.getValue().setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                }
            }
        }
    }

    private static void addIfAbsent(Components components, String name, APIResponse answer) {
        if (components.getResponses() == null || !components.getResponses().containsKey(name)) {
            components.addResponse(name, answer);
        }
    }

    private static void refIfAbsent(APIResponses answers, String status, String component) {
        if (!answers.hasAPIResponse(status)) {
            answers.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + component));
        }
    }

    private static APIResponse problemAnswer(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    private static APIResponse retryable(APIResponse answer) {
        return answer.addHeader("Retry-After", OASFactory.createHeader().description("seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("a JSON path into the request such as locations[1].country").examples(java.util.List.<Object>of("locations[1].country")))
                .addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .examples(java.util.List.<Object>of("https://kam.example/problems/validation")))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(java.util.List.<Object>of("Invalid request")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).examples(java.util.List.<Object>of(400)))
                .addProperty("detail", text)
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("the path of the request"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation)
                        .description("for validation failures, every field at fault"))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
