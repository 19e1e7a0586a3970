package dev.kam.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates event data against the JSON Schemas shipped in this module. Schemas refer to the shared
 * definitions by relative references ({@code ../common/...}), so they resolve wherever the folder lies: on
 * disk, on the classpath, or served under a service's {@code /schemas/}. Thread-safe; load once and share.
 */
public final class EventSchemas {

    /** The classpath folder of the event contract: the AsyncAPI document, the schemas and the examples. */
    public static final String CLASSPATH_FOLDER = "schemas/";
    /** Schemas are loaded under this base, mapped to the classpath folder, so relative references resolve there. */
    private static final String LOAD_BASE = "https://event-contracts.invalid/";
    private static final EventSchemas INSTANCE = new EventSchemas();

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(LOAD_BASE, "classpath:" + CLASSPATH_FOLDER)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(LOAD_BASE + type.schemaPath()), config);
            schema.initializeValidators();
            schemas.put(type, schema);
        }
    }

    public static EventSchemas instance() {
        return INSTANCE;
    }

    /** What is wrong with {@code data} for {@code type}; empty when it is valid. */
    public List<String> violations(EventType type, JsonNode data) {
        Set<ValidationMessage> messages = schemas.get(type).validate(data);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** @throws MalformedEventException naming every violation when {@code data} does not fit the schema */
    public void requireValid(EventType type, JsonNode data) {
        List<String> violations = violations(type, data);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(type.ceType() + " data does not match " + type.schemaPath() + ": "
                    + String.join("; ", violations));
        }
    }
}
