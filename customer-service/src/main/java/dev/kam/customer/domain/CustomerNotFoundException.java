package dev.kam.customer.domain;

import java.util.UUID;

public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(UUID id) {
        super("no customer " + id);
    }

    public CustomerNotFoundException(ExternalRef ref) {
        super("no customer is known as " + ref.id() + " in " + ref.system());
    }
}
