package dev.kam.console.service;

/**
 * A service refused or failed a call made for the signed-in user: its status and the problem it answered with
 * (RFC 9457), which the console shows as it is, so that a refusal reads the same in the browser as through the API.
 */
public class ServiceCallException extends RuntimeException {

    private final int status;
    private final String title;

    public ServiceCallException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
