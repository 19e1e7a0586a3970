package dev.kam.scoring.service;

/**
 * An override that would not do what sales ops mean: for an archived customer (it would change nothing) or running
 * further ahead than overrides may (answered with the field at fault).
 */
public class OverrideRefusedException extends RuntimeException {

    private final String field;
    private final int status;

    OverrideRefusedException(String field, String message, int status) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
