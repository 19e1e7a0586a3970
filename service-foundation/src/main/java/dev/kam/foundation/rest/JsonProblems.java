package dev.kam.foundation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What went wrong reading a JSON document, in the words of the contract: the field at fault (a JSON path such as
 * {@code locations[2].country}) and what is wrong with it, never a Java class name, and never more than a short
 * quote of what was sent (a refused megabyte is not echoed back). Shared by the problem mappers and the NDJSON
 * imports, so a bad line reads like a bad body.
 */
public final class JsonProblems {

    private static final int QUOTE_LENGTH = 60;

    /** The field at fault and what is wrong with it. */
    public static Problem.Violation describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "body";
        return new Problem.Violation(field, message(e));
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnstorableValueException) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException invalid) {
            return quote(invalid.getValue()) + " is not " + expected(invalid.getTargetType());
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return String.valueOf(instantiation.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException mismatched) {
            return "must be " + expected(mismatched.getTargetType());
        }
        if (e instanceof InputCoercionException) {
            return "is a number out of range here";
        }
        if (e instanceof StreamConstraintsException) {
            return "is beyond what a request may hold: " + e.getOriginalMessage();
        }
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException cause && cause != e) {
            return message(cause); // a parse failure met while mapping (a body cut short), with the path of where
        }
        if (e instanceof JsonMappingException) {
            // A value the domain refused while it was built (a record's constructor): its own words, without the class.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof IllegalArgumentException refused && !(cause instanceof JsonProcessingException)) {
                    return shorten(refused.getMessage());
                }
            }
            return "cannot be read";
        }
        return "is not valid JSON: " + shorten(e.getOriginalMessage());
    }

    /** A short quote of a value sent, so an answer never repeats a large input. */
    public static String quote(Object value) {
        return "'" + shorten(String.valueOf(value)) + "'";
    }

    private static String shorten(String text) {
        if (text == null || text.length() <= QUOTE_LENGTH) {
            return text;
        }
        return text.substring(0, QUOTE_LENGTH) + "... (" + text.length() + " characters)";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type or shape";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (List.class.isAssignableFrom(type) || java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** {@code [locations, 2, country]} becomes {@code locations[2].country}; nothing is {@code body}. */
    static String path(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /**
     * {@code create.arg0.locations[1].country} becomes {@code locations[1].country}; a constraint on a query or
     * path parameter ({@code list.limit}) keeps the parameter's name.
     */
    public static String path(jakarta.validation.ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable() && !field.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    field.append('[').append(position).append(']');
                }
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter != null && !parameter.startsWith("arg") ? parameter : "body";
    }

    /** The JSON processing failure behind {@code e}, or null when it has none. */
    static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private JsonProblems() {
    }
}
