package dev.kam.testsupport;

import dev.kam.contracts.PlatformFacts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.PlatformFacts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves from the service's own OpenAPI document that every operation is protected as the contract says:
 * each declares the bearer scheme and its roles, answers every hostile token and a missing one with 401,
 * a token with every other role with 403, and a token with one of its roles with neither (and never a 5xx,
 * even with an empty body). It runs the document's own checks too ({@link OpenApiDocumentTest}). A subclass annotated
 * {@code @QuarkusTest} runs both for its service.
 */
public abstract class ProtectedOperationsTest extends OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_ROLES = PlatformFacts.roles();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    /**
     * Operations meant to be public: the event schemas that {@code ce_dataschema} points at, which consumers
     * resolve without a token.
     */
    protected boolean isPublic(Operation operation) {
        return operation.method().equals("GET") && operation.path().startsWith("/schemas/");
    }


    protected record Operation(String method, String path, Set<String> roles, String contentType) {
        String name() {
            return method + " " + path;
        }
    }

    /**
     * A read: a GET, or a POST to a {@code ...-lookups} path, which reads many things named in its body (more ids than
     * a URL holds) and changes nothing.
     */
    private static boolean isRead(Operation operation) {
        return operation.method().equals("GET") || operation.method().equals("POST") && operation.path().endsWith("-lookups");
    }

    @Test
    void everyDocumentedOperationDeclaresBearerRolesUnlessItIsMeantToBePublic() {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(expectedOperationsAtLeast());
        for (Operation operation : operations) {
            if (isPublic(operation)) {
                assertThat(operation.roles()).as(operation.name()).isEmpty();
            } else {
                assertThat(operation.roles()).as("roles documented for " + operation.name()).isNotEmpty();
                assertThat(ALL_ROLES).as(operation.name()).containsAll(operation.roles());
                if (isRead(operation)) {
                    assertThat(operation.roles()).as("the contract: viewers read everything, " + operation.name()).contains("viewer");
                } else {
                    assertThat(operation.roles()).as("the contract: viewers write nothing, " + operation.name()).doesNotContain("viewer");
                }
            }
        }
    }

    @Test
    void everyProtectedOperationRefusesAMissingOrHostileTokenWith401() {
        Map<String, String> hostile = HostileTokens.all();
        for (Operation operation : protectedOperations()) {
            Response missing = call(given(), operation);
            assertThat(missing.statusCode()).as("no token: " + operation.name()).isEqualTo(401);
            assertThat(missing.contentType()).as(operation.name()).startsWith("application/problem+json");
            for (Map.Entry<String, String> token : hostile.entrySet()) {
                Response answer = call(given().auth().oauth2(token.getValue()), operation);
                assertThat(answer.statusCode()).as(token.getKey() + " token: " + operation.name()).isEqualTo(401);
            }
        }
    }

    @Test
    void everyProtectedOperationRefusesEveryOtherRoleWith403AndServesItsOwn() {
        for (Operation operation : protectedOperations()) {
            List<String> otherRoles = new ArrayList<>(ALL_ROLES);
            otherRoles.removeAll(operation.roles());
            otherRoles.add("intern");
            Response refused = call(given().auth().oauth2(TestTokens.withRoles(otherRoles.toArray(String[]::new))), operation);
            assertThat(refused.statusCode()).as("roles " + otherRoles + ": " + operation.name()).isEqualTo(403);
            assertThat(refused.contentType()).as(operation.name()).startsWith("application/problem+json");
            for (String role : operation.roles()) {
                Response served = call(given().auth().oauth2(TestTokens.withRoles(role)), operation);
                assertThat(served.statusCode()).as(role + ": " + operation.name() + " " + served.asString())
                        .isNotIn(401, 403).isLessThan(500);
            }
        }
    }

    private List<Operation> protectedOperations() {
        return operations().stream().filter(operation -> !isPublic(operation)).toList();
    }

    private static Response call(RequestSpecification request, Operation operation) {
        String path = concretePath(operation.path());
        if (operation.contentType() != null) {
            request = request.contentType(operation.contentType())
                    .body(operation.contentType().contains("ndjson") ? new byte[0] : "{}".getBytes());
        }
        return request.request(operation.method(), path);
    }

    private static String concretePath(String template) {
        Matcher matcher = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase();
            String value = name.contains("version") ? "999" : name.equals("system") ? "salesforce" : UUID.randomUUID().toString();
            matcher.appendReplacement(path, value);
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static List<Operation> operations() {
        JsonNode document;
        try {
            document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>();
                for (JsonNode requirement : method.getValue().path("security")) {
                    requirement.path("bearer").forEach(role -> roles.add(role.asText()));
                }
                Iterator<String> mediaTypes = method.getValue().path("requestBody").path("content").fieldNames();
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), roles,
                        mediaTypes.hasNext() ? mediaTypes.next() : null));
            }
        }
        return operations;
    }
}
