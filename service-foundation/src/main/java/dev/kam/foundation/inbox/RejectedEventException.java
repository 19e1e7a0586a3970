package dev.kam.foundation.inbox;

/**
 * An event that is well-formed but cannot be applied (it breaks a business rule of the consumer): it goes to
 * the dead-letter topic with this message as the reason, and the consumer moves on.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String reason) {
        super(reason);
    }
}
