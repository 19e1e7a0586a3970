package dev.kam.foundation.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Refuses text that PostgreSQL cannot store: the NUL character (U+0000) is legal JSON but not legal in a
 * PostgreSQL text or JSONB value, so it is refused as bad input (400 naming the field) instead of failing the
 * write later. Applies to every JSON body and NDJSON line read into a typed request.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain the NUL character (U+0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("kam-storable-text").addDeserializer(String.class, new NoNulString()));
    }

    /** Whether {@code text} can be stored as it is. */
    public static boolean storable(String text) {
        return text == null || text.indexOf('\u0000') < 0;
    }

    static final class NoNulString extends StdScalarDeserializer<String> {
        NoNulString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (!storable(text)) {
                throw new UnstorableValueException(parser, MESSAGE, String.class);
            }
            return text;
        }
    }
}
