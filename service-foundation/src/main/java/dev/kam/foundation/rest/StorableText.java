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
 * Text is text: a string in a request may hold any character but control characters (other than tab and line
 * breaks) and halves of surrogate pairs. NUL cannot be stored by PostgreSQL at all; the other controls are never
 * part of a name, an id or a note, and each is written as a six-byte escape wherever the text goes (the stored
 * document, every event), so a few thousand of them made an event Kafka refused. Such text is refused as bad
 * input (400 naming the field) instead. Applies to every JSON body and NDJSON line read into a typed request.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain control characters (U+0000-U+001F other than tab, line feed and carriage "
            + "return, U+007F-U+009F) or unpaired surrogates";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("kam-storable-text").addDeserializer(String.class, new TextOnly()));
    }

    /** Whether {@code text} is text as requests may carry it (see above). */
    public static boolean storable(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return false;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} has no control character at all, line breaks and tabs included (addresses, identifiers). */
    public static boolean singleLine(String text) {
        return text == null || (storable(text) && text.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r'));
    }

    static final class TextOnly extends StdScalarDeserializer<String> {
        TextOnly() {
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
