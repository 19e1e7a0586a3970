package dev.kam.customer.domain;

import java.util.UUID;

/** The client's If-Match names a version that is no longer current: someone else changed the customer. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(UUID id, VersionCondition condition, long current) {
        super("customer " + id + " is at version " + current + " (ETag \"" + current + "\"), which If-Match " + quoted(condition.asSent())
                + " does not name; read it again");
    }

    /** If-Match named a version of a customer that does not exist. */
    public PreconditionFailedException(ExternalRef ref) {
        super("If-Match was given but no customer has the external reference " + ref.system() + "/" + ref.id());
    }

    /** The header as sent, shortened: a refusal quotes little of what a client sent. */
    private static String quoted(String header) {
        return header.length() <= 100 ? header : header.substring(0, 100) + "...";
    }
}
