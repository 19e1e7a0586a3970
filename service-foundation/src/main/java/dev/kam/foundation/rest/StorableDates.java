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
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    /** Applied last, so these deserializers come before those of the Java time module Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("kam-storable-dates")
                .addDeserializer(LocalDate.class, new IsoDate())
                .addDeserializer(Instant.class, new IsoInstant()));
    }

    static final class IsoDate extends StdScalarDeserializer<LocalDate> {
        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text == null || !DATE.matcher(text).matches()) {
                throw new UnstorableValueException(parser, DATE_MESSAGE, LocalDate.class);
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new UnstorableValueException(parser, DATE_MESSAGE, LocalDate.class);
            }
        }
    }

    static final class IsoInstant extends StdScalarDeserializer<Instant> {
        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text == null || !INSTANT.matcher(text).matches()) {
                throw new UnstorableValueException(parser, INSTANT_MESSAGE, Instant.class);
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new UnstorableValueException(parser, INSTANT_MESSAGE, Instant.class);
            }
        }
    }
}
