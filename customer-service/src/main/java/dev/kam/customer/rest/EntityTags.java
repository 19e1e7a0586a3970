package dev.kam.customer.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.EntityTag;

/** A customer's ETag is its version: {@code "3"}. */
final class EntityTags {

    static EntityTag of(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /**
     * The version an If-Match header demands, or null when there is none or it is {@code *} (any version).
     * Weak tags ({@code W/"3"}) are read like strong ones: versions are exact either way.
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw new BadRequestException("If-Match must be an ETag such as \"3\" as returned in ETag, or *");
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match " + ifMatch + " is not an ETag this service issued");
        }
    }

    private EntityTags() {
    }
}
