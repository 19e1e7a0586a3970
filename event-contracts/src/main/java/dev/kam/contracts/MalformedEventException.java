package dev.kam.contracts;

/** An event that breaks the contract: missing attributes, unknown type, data that fails its schema. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
