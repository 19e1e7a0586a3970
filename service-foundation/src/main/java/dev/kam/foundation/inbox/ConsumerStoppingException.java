package dev.kam.foundation.inbox;

/** The service stopped while a record waited for a transient fault to pass; the record stays unacknowledged. */
public class ConsumerStoppingException extends RuntimeException {

    public ConsumerStoppingException(String message, Throwable cause) {
        super(message, cause);
    }
}
