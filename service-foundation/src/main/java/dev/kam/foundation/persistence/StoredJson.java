package dev.kam.foundation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How services write documents into JSONB columns: ISO dates, unknown fields ignored on reading. Its own mapper,
 * so what is stored does not change with REST serialisation settings.
 */
public final class StoredJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many bytes {@code value} takes as stored JSON (UTF-8), without keeping them. */
    public static long sizeOf(Object value) {
        long[] bytes = {0};
        try (java.io.OutputStream counter = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
                bytes[0] += length;
            }
        }) {
            MAPPER.writeValue(counter, value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes[0];
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored " + type.getSimpleName(), e);
        }
    }

    private StoredJson() {
    }
}
