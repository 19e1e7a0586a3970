package dev.kam.foundation.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code cursor} of every keyset-paged list and feed of the platform: where the previous page ended, tagged
 * with the list it belongs to, so a cursor of one list is refused by another. The text inside is
 * {@code list:part[:part]}, base64url without padding; the formats already handed out ({@code p1:}, {@code k1:},
 * {@code f1:}, {@code import-lines:}) are kept, because a CRM may store a feed's cursor between polls. A missing cursor
 * is the beginning; a bad one is a 400 naming the {@code cursor} parameter.
 */
public final class PageCursors {

    /** A position of two parts: a number, then a UUID that orders what shares it. */
    public record NumberAndId(long number, UUID id) {
    }

    public static String encode(String list, long position) {
        return wrap(list + ":" + position);
    }

    public static String encode(String list, UUID position) {
        return wrap(list + ":" + position);
    }

    public static String encode(String list, NumberAndId position) {
        return wrap(list + ":" + position.number() + ":" + position.id());
    }

    /** A position that is a text, such as an employee id: kept whole, whatever characters it has. */
    public static String encodeText(String list, String position) {
        return wrap(list + ":" + position);
    }

    /** @return null when there is no cursor */
    public static String decodeText(String list, String cursor) {
        if (absent(cursor)) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(list + ":") && text.length() > list.length() + 1) {
                return text.substring(list.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw refused();
    }

    /** @return {@code beginning} when there is no cursor */
    public static long decodeNumber(String list, String cursor, long beginning) {
        if (absent(cursor)) {
            return beginning;
        }
        try {
            long position = Long.parseLong(parts(list, cursor, 1)[0]);
            if (position >= 0) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw refused();
    }

    /** @return null when there is no cursor */
    public static UUID decodeId(String list, String cursor) {
        if (absent(cursor)) {
            return null;
        }
        try {
            return UUID.fromString(parts(list, cursor, 1)[0]);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
    }

    /** @return null when there is no cursor */
    public static NumberAndId decodeNumberAndId(String list, String cursor) {
        if (absent(cursor)) {
            return null;
        }
        try {
            String[] parts = parts(list, cursor, 2);
            long number = Long.parseLong(parts[0]);
            if (number >= 0) {
                return new NumberAndId(number, UUID.fromString(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw refused();
    }

    private static String wrap(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean absent(String cursor) {
        return cursor == null || cursor.isBlank();
    }

    private static String[] parts(String list, String cursor, int count) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String[] parts = text.split(":", -1);
        if (parts.length != count + 1 || !parts[0].equals(list)) {
            throw refused();
        }
        return java.util.Arrays.copyOfRange(parts, 1, parts.length);
    }

    private static BadQueryException refused() {
        return new BadQueryException("cursor", "is not a cursor this list gave out; pass nextCursor of the previous page as it is");
    }

    private PageCursors() {
    }
}
