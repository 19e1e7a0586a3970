package dev.kam.customer.domain;

import java.util.Set;

/**
 * What a client's If-Match demands of a customer (RFC 9110, 13.1.1): that it exists, in any version ({@code *}), or that
 * its current version is one of {@code versions}. A well-formed entity tag this service never issued names no version:
 * nothing matches it, and the change is refused as a failed precondition (412), not as a bad request.
 *
 * @param asSent the header as the client sent it, quoted back in the refusal
 */
public record VersionCondition(boolean anyVersion, Set<Long> versions, String asSent) {

    public VersionCondition {
        versions = Set.copyOf(versions);
    }

    /** {@code If-Match: *}. */
    public static VersionCondition anyVersion(String asSent) {
        return new VersionCondition(true, Set.of(), asSent);
    }

    /** A list of entity tags, of which {@code versions} are tags of versions this service issued. */
    public static VersionCondition oneOf(Set<Long> versions, String asSent) {
        return new VersionCondition(false, versions, asSent);
    }

    public boolean isMetBy(long version) {
        return anyVersion || versions.contains(version);
    }
}
