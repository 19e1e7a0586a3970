package dev.kam.foundation.rest;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter at fault: answered 400 with a problem naming it. A {@link BadRequestException}, so Quarkus REST
 * passes it on as it is when a parameter converter throws it (anything else thrown there becomes a 404).
 */
public class BadQueryException extends BadRequestException {

    private final String parameter;

    public BadQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
