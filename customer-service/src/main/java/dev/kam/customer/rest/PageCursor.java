package dev.kam.customer.rest;

import jakarta.ws.rs.BadRequestException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code cursor} of list pages: where the previous page ended, in list order. */
final class PageCursor {

    private static final String PREFIX = "p1:";

    static String after(long listPosition) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + listPosition).getBytes(StandardCharsets.UTF_8));
    }

    /** 0 (the beginning) when there is no cursor. */
    static long position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw new IllegalArgumentException(decoded);
            }
            return Long.parseLong(decoded.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this service issued; pass nextCursor of the previous page as it is");
        }
    }

    private PageCursor() {
    }
}
