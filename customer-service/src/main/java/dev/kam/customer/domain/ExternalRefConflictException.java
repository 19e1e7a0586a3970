package dev.kam.customer.domain;

import java.util.UUID;

/** An external reference in the request already identifies another customer. */
public class ExternalRefConflictException extends RuntimeException {

    private final ExternalRef ref;

    public ExternalRefConflictException(ExternalRef ref, UUID owner) {
        super("external reference " + ref.system() + "/" + ref.id() + " already belongs to customer " + owner);
        this.ref = ref;
    }

    public ExternalRef ref() {
        return ref;
    }
}
