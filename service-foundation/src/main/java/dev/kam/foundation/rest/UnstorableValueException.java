package dev.kam.foundation.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A request value that JSON allows but the database cannot store (NUL in text, a date beyond year 9999). A
 * mismatched input, so Quarkus REST hands it to our problem mapper, which answers 400 with the field and
 * this message.
 */
public class UnstorableValueException extends MismatchedInputException {

    UnstorableValueException(JsonParser parser, String message, Class<?> targetType) {
        super(parser, message, targetType);
    }
}
