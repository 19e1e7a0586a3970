package dev.kam.infrastructure.supervision;

/** A command of {@code ./kam} that cannot go on: its message is what the user reads after {@code kam: }. */
public class KamException extends RuntimeException {

    public KamException(String message) {
        super(message);
    }
}
