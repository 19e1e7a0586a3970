package dev.kam.customer.rest;

import dev.kam.customer.domain.VersionCondition;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.EntityTag;

import java.util.LinkedHashSet;
import java.util.Set;

/** A customer's ETag is its version: {@code "3"}. */
final class EntityTags {

    /** Versions are longs; a longer run of digits is no tag this service issued. */
    private static final int MAX_VERSION_DIGITS = 18;

    static EntityTag of(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /**
     * What an If-Match header demands (RFC 9110, 13.1.1), or null when there is none: {@code *}, or a list of entity
     * tags of which the numeric ones name versions. A well-formed tag this service never issued ({@code "v7"}) names no
     * version, so the condition fails (412) rather than the request (400); only a header that is not an entity-tag list
     * at all is a bad request. Weak tags ({@code W/"3"}) are read like strong ones: a proxy that compresses answers
     * weakens the ETag it passes on, and versions are exact either way.
     */
    static VersionCondition condition(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return VersionCondition.anyVersion(value);
        }
        Set<Long> versions = new LinkedHashSet<>();
        int tags = 0;
        int at = 0;
        while (at < value.length()) {
            char next = value.charAt(at);
            if (next == ',' || next == ' ' || next == '\t') {
                at++;
                continue;
            }
            if (value.startsWith("W/", at)) {
                at += 2;
            }
            if (at >= value.length() || value.charAt(at) != '"') {
                throw malformed();
            }
            int close = value.indexOf('"', at + 1);
            if (close < 0) {
                throw malformed();
            }
            String opaque = value.substring(at + 1, close);
            if (!opaque.chars().allMatch(EntityTags::isEtagChar)) {
                throw malformed();
            }
            if (!opaque.isEmpty() && opaque.length() <= MAX_VERSION_DIGITS && opaque.chars().allMatch(c -> c >= '0' && c <= '9')) {
                versions.add(Long.parseLong(opaque));
            }
            tags++;
            at = close + 1;
            while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
                at++;
            }
            if (at < value.length() && value.charAt(at) != ',') {
                throw malformed();
            }
        }
        if (tags == 0) {
            throw malformed();
        }
        return VersionCondition.oneOf(versions, value);
    }

    /** etagc: %x21 / %x23-7E / obs-text. */
    private static boolean isEtagChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    private static BadRequestException malformed() {
        return new BadRequestException("If-Match must be * or a list of entity tags such as \"3\", as returned in ETag");
    }

    private EntityTags() {
    }
}
