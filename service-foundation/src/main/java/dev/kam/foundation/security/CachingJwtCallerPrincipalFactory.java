package dev.kam.foundation.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each distinct bearer token once and remembers the result until the token expires: a CRM sync job
 * sends the same token with thousands of requests, and the RSA signature check was a tenth of a request's
 * CPU. Only tokens that passed every check are remembered, by their exact text, and a remembered token past
 * its {@code exp} is verified again (and so refused). The number remembered is bounded.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingJwtCallerPrincipalFactory extends JWTCallerPrincipalFactory {

    static final int MAX_TOKENS = 2_000;

    private final DefaultJWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Map<String, JWTCallerPrincipal> verified = new ConcurrentHashMap<>();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal known = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (known != null) {
            if (known.getExpirationTime() > now) {
                return known;
            }
            verified.remove(token);
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo);
        if (principal.getExpirationTime() > now) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear(); // crude but bounded; a cleared token is simply verified again
            }
            verified.put(token, principal);
        }
        return principal;
    }
}
