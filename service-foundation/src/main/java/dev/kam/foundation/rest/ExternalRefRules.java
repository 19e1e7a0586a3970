package dev.kam.foundation.rest;

/**
 * How a CRM's reference of a customer (system and id) is written, for every request that names one: the constants go
 * into the validation annotations (so the OpenAPI documents show them too), the id is also an {@link Identifier}.
 */
public final class ExternalRefRules {

    /** A lower-case system name such as {@code salesforce} or {@code dynamics}. */
    public static final String SYSTEM_PATTERN = "[a-z0-9][a-z0-9._-]*";
    public static final String SYSTEM_MESSAGE = "must be a lower-case system name such as salesforce";
    public static final int SYSTEM_MAX_LENGTH = 64;
    public static final int ID_MAX_LENGTH = 255;

    private ExternalRefRules() {
    }
}
