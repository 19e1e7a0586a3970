package dev.kam.console.rest;

import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.service.SessionTokens;
import dev.kam.console.service.SignedOutSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * The session cookie: the signed-in user's token, HttpOnly, checked on every request. SameSite=Lax, not Strict: coming
 * back from the identity provider is a navigation another site started, on which a strict cookie would not be sent; a
 * lax one is still never sent with another site's form posts, so every change stays safe from cross-site requests.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "kam_console_session";
    /**
     * The longest token a session keeps: browsers keep a cookie of at most 4,096 bytes with its name and attributes, and
     * drop a longer one silently, which would send a person back to the provider without end.
     */
    static final int MAX_TOKEN_CHARS = 3_800;

    private final SessionTokens tokens;
    private final SignedOutSessions signedOut;

    Sessions(SessionTokens tokens, SignedOutSessions signedOut) {
        this.tokens = tokens;
        this.signedOut = signedOut;
    }

    /** @throws SignInRequiredException when there is no valid session: the page asks to sign in, then comes back */
    public ConsoleUser require(String cookie, UriInfo uri) {
        return current(cookie).orElseThrow(() -> new SignInRequiredException(uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery())));
    }

    /**
     * The signed-in user, if the cookie holds a valid session nobody signed out of: for pages that show either way, such as
     * an error.
     */
    public java.util.Optional<ConsoleUser> current(String cookie) {
        return tokens.user(cookie).filter(user -> !signedOut.ended(user.token()));
    }

    /** Ends the session the cookie holds, if any: the same cookie, kept or copied, signs no one in afterwards. */
    public void end(String cookie) {
        tokens.user(cookie).ifPresent(user -> signedOut.end(user.token(), user.expiresAt()));
    }

    static boolean fitsInACookie(String token) {
        return token.length() <= MAX_TOKEN_CHARS;
    }

    public NewCookie cookie(ConsoleUser user, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(user.token()).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).expiry(java.util.Date.from(user.expiresAt())).build();
    }

    public NewCookie signedOut(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }
}
