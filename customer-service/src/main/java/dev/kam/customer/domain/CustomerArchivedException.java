package dev.kam.customer.domain;

import java.util.UUID;

/** An archived customer is kept as it was; changing it again is refused. */
public class CustomerArchivedException extends RuntimeException {

    public CustomerArchivedException(UUID id) {
        super("customer " + id + " is archived and cannot be changed");
    }
}
