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
            .build();

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
