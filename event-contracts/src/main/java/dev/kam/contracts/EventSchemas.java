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
 * Validates event data against the JSON Schemas shipped in this module. Schemas refer to shared
 * definitions by their {@code https://schemas.kam.example/...} ids, which resolve to the classpath.
 * Thread-safe; load once and share.
 */
public final class EventSchemas {

    private static final EventSchemas INSTANCE = new EventSchemas();

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_BASE_URI, "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(type.dataSchema().toString()), config);
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
            throw new MalformedEventException(type.ceType() + " data does not match " + type.dataSchema() + ": "
                    + String.join("; ", violations));
        }
    }
}
