package dev.kam.foundation.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Base64;
import java.util.List;

/**
 * Who a request claims to come from, read from its bearer token before the token is verified: the key of a client's
 * share of the slots ({@link OverloadGuard}). Named as MicroProfile JWT names the principal ({@code upn}, else
 * {@code preferred_username}, else {@code sub}), so one client with several tokens is one client. A token someone made
 * up, or none, shares one name with every other such request; each is refused by authentication as soon as it is looked
 * at, which frees its slot.
 */
final class BearerSubject {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ANONYMOUS = "(no token)";
    /** A JWT's claims are small; a longer segment is no token of the platform's and is not decoded. */
    private static final int MOST_CLAIM_CHARS = 8192;

    static String of(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ANONYMOUS;
        }
        String[] parts = authorization.substring(7).strip().split("\\.", 4);
        if (parts.length != 3 || parts[1].length() > MOST_CLAIM_CHARS) {
            return ANONYMOUS;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            for (String claim : List.of("upn", "preferred_username", "sub")) {
                String value = claims.path(claim).asText("");
                if (!value.isBlank()) {
                    return value.length() > 200 ? value.substring(0, 200) : value;
                }
            }
        } catch (Exception unreadable) {
            // no claims to read: refused by authentication
        }
        return ANONYMOUS;
    }

    private BearerSubject() {
    }
}
