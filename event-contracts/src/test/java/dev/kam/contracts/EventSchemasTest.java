package dev.kam.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASchemaThatResolvesWhereverItsFolderLies(EventType type) throws IOException {
        JsonNode schema = resource(type.schemaResource());
        // no absolute $id: it would make relative references resolve against a host, not beside the file
        assertThat(schema.has("$id")).isFalse();
        assertThat(schema.toString()).doesNotContain("\"$ref\":\"http");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("required")).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theDocumentedExampleOfEveryTypeIsValid(EventType type) throws IOException {
        JsonNode example = resource(EventSchemas.CLASSPATH_FOLDER + "examples/" + type.ceType() + ".json");
        assertThat(EventSchemas.instance().violations(type, example)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void dataMissingARequiredFieldIsRejected(EventType type) throws IOException {
        ObjectNode example = (ObjectNode) resource(EventSchemas.CLASSPATH_FOLDER + "examples/" + type.ceType() + ".json");
        String required = resource(type.schemaResource()).path("required").get(0).asText();
        example.remove(required);
        assertThat(EventSchemas.instance().violations(type, example)).anySatisfy(m -> assertThat(m).contains(required));
    }

    @Test
    void sharedDefinitionsAreEnforcedThroughReferences() throws IOException {
        ObjectNode registered = (ObjectNode) resource(EventSchemas.CLASSPATH_FOLDER + "examples/kam.customer.registered.v1.json");
        ((ObjectNode) registered.get("customer")).put("headquartersCountry", "Germany");
        ((ObjectNode) registered.get("customer")).put("partnershipIntent", "MAYBE");

        assertThatThrownBy(() -> EventSchemas.instance().requireValid(EventType.CUSTOMER_REGISTERED, registered))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("headquartersCountry")
                .hasMessageContaining("partnershipIntent");
    }

    @Test
    void formatsAreAsserted() throws IOException {
        ObjectNode scored = (ObjectNode) resource(EventSchemas.CLASSPATH_FOLDER + "examples/kam.scoring.customer-scored.v1.json");
        scored.put("scoredAt", "yesterday");
        assertThat(EventSchemas.instance().violations(EventType.CUSTOMER_SCORED, scored))
                .anySatisfy(m -> assertThat(m).contains("scoredAt"));
    }

    static JsonNode resource(String path) throws IOException {
        try (InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return JSON.readTree(in);
        }
    }
}
