package dev.kam.infrastructure;

/** A fixed port the platform needs is taken by another process. */
public class PortInUseException extends IllegalStateException {

    public PortInUseException(String what, int port) {
        super("port " + port + " for " + what + " is already in use by another process");
    }
}
