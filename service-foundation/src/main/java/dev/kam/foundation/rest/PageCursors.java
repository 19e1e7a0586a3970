package dev.kam.foundation.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of keyset-paged lists: where the previous page ended, tagged with the list it belongs
 * to so a cursor of one list is refused by another. A bad cursor is a 400 naming the {@code cursor} parameter.
 */
public final class PageCursors {

    public static String encode(String list, long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((list + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadQueryException when {@code cursor} is not one {@link #encode} gave out for {@code list} */
    public static long decode(String list, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(list + ":")) {
                return Long.parseLong(text.substring(list.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new BadQueryException("cursor", "is not a cursor this list gave out; pass nextCursor of the previous page as it is");
    }

    private PageCursors() {
    }
}
