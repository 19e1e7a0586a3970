package dev.kam.foundation.rest;

/** A query parameter at fault: answered 400 with a problem naming it. */
public class BadQueryException extends RuntimeException {

    private final String parameter;

    public BadQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
