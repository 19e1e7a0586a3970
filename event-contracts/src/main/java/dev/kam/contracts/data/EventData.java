package dev.kam.contracts.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kam.contracts.MalformedEventException;

/**
 * Decodes an event's data, already checked against its schema, into the typed record consumers work with
 * ({@link CustomerEventData}, {@link KeyAccountEventData}): once, in one place, instead of walking JSON by string keys.
 */
public final class EventData {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Amounts are decimals (up to 15 digits and 4 decimals): read through a double, 999999999999999.9999 would
            // become 1e15 and break the schema's exclusive maximum that customer-service checked exactly.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * An event's data as JSON, every number exactly as written: what a consumer checks against the schema and decodes.
     * Reading numbers as doubles would round the largest legal amounts past the schema's bounds.
     *
     * @throws java.io.IOException when the bytes are not JSON
     */
    public static JsonNode tree(byte[] json) throws java.io.IOException {
        return MAPPER.readTree(json);
    }

    /** @throws MalformedEventException when the data does not fit {@code type} */
    public static <T> T read(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (Exception e) {
            throw new MalformedEventException("event data is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private EventData() {
    }
}
