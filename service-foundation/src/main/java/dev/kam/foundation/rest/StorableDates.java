package dev.kam.foundation.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Dates and instants in requests are ISO-8601 text with a four-digit year (0001-9999), as the contract says.
 * Jackson would also take a number (days or seconds since 1970) or a year of seven digits, which PostgreSQL
 * cannot store: such a value failed the write with a 500. It is now refused as bad input (400 naming the field).
 * (Quarkus REST passes only mismatched-input exceptions on to the problem mappers, hence {@link UnstorableValueException}.)
 */
@Singleton
public class StorableDates implements ObjectMapperCustomizer {

    static final String DATE_MESSAGE = "must be a date as YYYY-MM-DD (years 0001-9999)";
    static final String INSTANT_MESSAGE = "must be an ISO-8601 UTC instant such as 2030-01-31T12:00:00Z (years 0001-9999)";
    // Years 0001-9999: four digits, not all zero (0000 is a valid ISO year, but not one PostgreSQL or people use).
    private static final Pattern DATE = Pattern.compile("(?!0000)\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("(?!0000)\\d{4}-\\d{2}-\\d{2}T.*");

    /** Applied last, so these deserializers come before those of the Java time module Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("kam-storable-dates")
                .addDeserializer(LocalDate.class, new IsoText<>(LocalDate.class, DATE, LocalDate::parse, DATE_MESSAGE))
                .addDeserializer(Instant.class, new IsoText<>(Instant.class, INSTANT, Instant::parse, INSTANT_MESSAGE)));
    }

    /**
     * An instant in a query parameter ({@code updatedSince}, {@code since}, {@code asOf}), held to the same shape and
     * range as in bodies: {@code null} when absent or blank.
     *
     * @throws BadQueryException naming {@code parameter} when the value is not such an instant
     */
    public static Instant instantParameter(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (INSTANT.matcher(value).matches()) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw new BadQueryException(parameter, INSTANT_MESSAGE);
    }

    /** Reads a value from ISO-8601 text of the expected shape only, refusing everything else with {@code message}. */
    static final class IsoText<T> extends StdScalarDeserializer<T> {

        private final Pattern shape;
        private final Function<String, T> parse;
        private final String message;

        IsoText(Class<T> type, Pattern shape, Function<String, T> parse, String message) {
            super(type);
            this.shape = shape;
            this.parse = parse;
            this.message = message;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text == null || !shape.matcher(text).matches()) {
                throw new UnstorableValueException(parser, message, handledType());
            }
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw new UnstorableValueException(parser, message, handledType());
            }
        }
    }
}
