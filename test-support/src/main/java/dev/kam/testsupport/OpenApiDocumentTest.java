package dev.kam.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the service's live OpenAPI document to what integrators' tools need of it (client generators, linters):
 * every operation named by a stable, unique {@code operationId} with a summary and a description; every error answer described as the
 * {@code application/problem+json} body it is, with its schema; 404 wherever the path names something; every header
 * with a schema; no schema named like a type of a client language's own (a schema called {@code Override} breaks
 * every Java model class generated beside it). A subclass annotated {@code @QuarkusTest} runs it for its service.
 */
public abstract class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    /** Names generated code cannot use for its own types: java.lang and the TypeScript language's globals. */
    private static final Set<String> CLIENT_LANGUAGE_NAMES = Set.of(
            "Override", "Deprecated", "FunctionalInterface", "SafeVarargs", "SuppressWarnings", "Object", "String", "Integer", "Long",
            "Short", "Byte", "Double", "Float", "Boolean", "Character", "Number", "Class", "Enum", "Record", "Void", "Error",
            "Exception", "RuntimeException", "Throwable", "Thread", "System", "Math", "Process", "Runtime", "Package", "Module",
            "Iterable", "Comparable", "Runnable", "Array", "Promise", "Function", "Symbol", "Date", "Map", "Set", "JSON",
            "Partial", "Required", "Readonly", "Pick", "Omit");

    private JsonNode document;

    /** The least number of operations the service documents: guards against an empty or broken document. */
    protected abstract int expectedOperationsAtLeast();

    private record Operation(String method, String path, JsonNode definition) {
        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void readTheDocument() {
        document = read();
    }

    @Test
    void everyOperationHasAUniqueOperationIdASummaryAndADescription() {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(expectedOperationsAtLeast());
        Set<String> seen = new HashSet<>();
        for (Operation operation : operations) {
            String id = operation.definition().path("operationId").asText("");
            assertThat(id).as("operationId of " + operation.name()).matches(OPERATION_ID);
            assertThat(seen.add(id)).as("operationId " + id + " is unique").isTrue();
            assertThat(operation.definition().path("summary").asText("")).as("summary of " + operation.name()).isNotBlank();
            assertThat(operation.definition().path("description").asText("")).as("description of " + operation.name()).isNotBlank();
        }
    }

    @Test
    void everyErrorAnswerIsProblemJsonWithItsSchema() {
        for (Operation operation : operations()) {
            Iterator<Map.Entry<String, JsonNode>> answers = operation.definition().path("responses").fields();
            assertThat(answers.hasNext()).as("answers of " + operation.name()).isTrue();
            while (answers.hasNext()) {
                Map.Entry<String, JsonNode> answer = answers.next();
                if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                    JsonNode problem = resolve(answer.getValue()).path("content").path("application/problem+json").path("schema");
                    assertThat(problem.has("$ref") || problem.has("type"))
                            .as(answer.getKey() + " of " + operation.name() + " is problem+json with a schema").isTrue();
                }
            }
        }
        assertThat(document.at("/components/schemas/Problem/properties/status").isMissingNode()).isFalse();
    }

    @Test
    void everySuccessfulAnswerWithABodySaysWhatTheBodyIs() {
        for (Operation operation : operations()) {
            List<String> codes = new ArrayList<>();
            operation.definition().path("responses").fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as("a success answer of " + operation.name() + " (a generated client returns nothing without one)")
                    .anySatisfy(code -> assertThat(code).startsWith("2"));
            operation.definition().path("responses").fields().forEachRemaining(answer -> {
                if (answer.getKey().startsWith("2")) {
                    resolve(answer.getValue()).path("content").fields().forEachRemaining(media -> {
                        JsonNode schema = media.getValue().path("schema");
                        assertThat(schema.has("$ref") || schema.has("type") || schema.has("oneOf") || schema.has("anyOf"))
                                .as(answer.getKey() + " " + media.getKey() + " of " + operation.name() + " has a typed schema, not " + schema)
                                .isTrue();
                    });
                }
            });
            resolve(operation.definition().path("requestBody")).path("content").fields().forEachRemaining(media ->
                    assertThat(media.getValue().path("schema").isEmpty()).as("request body " + media.getKey() + " of " + operation.name()
                            + " has a schema").isFalse());
        }
    }

    @Test
    void everyOperationOnSomethingNamedByItsPathAnswers404AndEveryApiOperationItsLimits() {
        for (Operation operation : operations()) {
            JsonNode answers = operation.definition().path("responses");
            if (PATH_PARAMETER.matcher(operation.path()).find()) {
                assertThat(answers.has("404")).as("404 of " + operation.name()).isTrue();
            }
            if (operation.path().startsWith("/api/")) {
                assertThat(answers.has("401")).as("401 of " + operation.name()).isTrue();
                assertThat(answers.has("429")).as("429 of " + operation.name()).isTrue();
                assertThat(answers.has("503")).as("503 of " + operation.name()).isTrue();
            }
        }
    }

    @Test
    void everyHeaderHasASchema() {
        List<JsonNode> answers = new ArrayList<>();
        operations().forEach(operation -> operation.definition().path("responses").forEach(answer -> answers.add(resolve(answer))));
        document.at("/components/responses").forEach(answers::add);
        for (JsonNode answer : answers) {
            answer.path("headers").fields().forEachRemaining(header ->
                    assertThat(header.getValue().has("schema") || header.getValue().has("$ref"))
                            .as("header " + header.getKey() + " has a schema").isTrue());
        }
        for (Operation operation : operations()) {
            operation.definition().path("parameters").forEach(parameter ->
                    assertThat(parameter.has("schema") || parameter.has("$ref") || parameter.has("content"))
                            .as("parameter " + parameter.path("name").asText() + " of " + operation.name()).isTrue());
        }
    }

    @Test
    void noSchemaIsNamedLikeATypeOfAClientLanguage() {
        List<String> names = new ArrayList<>();
        document.at("/components/schemas").fieldNames().forEachRemaining(names::add);
        assertThat(names).isNotEmpty().doesNotContainAnyElementsOf(CLIENT_LANGUAGE_NAMES)
                .as("a library's own classes described as if they were the contract's").doesNotContain("JsonNode", "JsonNodeType");
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    private static JsonNode read() {
        try {
            return JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }
}
