package dev.kam.console.rest;

/** No valid session: the browser is sent to sign in and back to {@code next} afterwards. */
public class SignInRequiredException extends RuntimeException {

    private final String next;

    public SignInRequiredException(String next) {
        super("sign in to see " + next);
        this.next = next;
    }

    public String next() {
        return next;
    }
}
