package dev.kam.customer.domain;

import java.util.UUID;

/** The client's If-Match names a version that is no longer current: someone else changed the customer. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(UUID id, long expected, long current) {
        super("customer " + id + " is at version " + current + ", not " + expected + " as If-Match says; read it again");
    }

    /** If-Match named a version of a customer that does not exist. */
    public PreconditionFailedException(ExternalRef ref) {
        super("If-Match was given but no customer has the external reference " + ref.system() + "/" + ref.id());
    }
}
