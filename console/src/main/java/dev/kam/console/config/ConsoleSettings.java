package dev.kam.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where the services are and how people sign in (application.properties documents each setting). */
@ConfigMapping(prefix = "kam.console")
public interface ConsoleSettings {

    String customerUrl();

    String scoringUrl();

    String teamUrl();

    /**
     * Who signs people in: {@code local} (the platform's local key and a role chooser, for ./kam up) or {@code oidc}
     * (the organisation's OpenID Connect provider, authorization-code flow; see {@link #oidc()}).
     */
    @WithDefault("local")
    String signIn();

    /** Whether people sign in through the organisation's identity provider. */
    default boolean signsInThroughProvider() {
        return "oidc".equals(signIn());
    }

    /** The organisation's OpenID Connect provider, for {@code sign-in=oidc}. */
    Oidc oidc();

    interface Oidc {

        /** The provider's address, where {@code /.well-known/openid-configuration} is found (its issuer). */
        Optional<String> provider();

        /** The console's client id at the provider, a confidential client with the authorization-code flow. */
        Optional<String> clientId();

        Optional<String> clientSecret();

        /** What the console asks for; the access token must carry the audience and the roles (groups) the services expect. */
        @WithDefault("openid profile")
        String scopes();
    }

    /**
     * The console's own address as browsers reach it (behind a proxy, its public URL), which the provider sends people
     * back to ({@code /sign-in/callback}); the address of each request when not set.
     */
    Optional<String> publicUrl();

    /** The local key that signs the tokens of a local sign-in (PEM, PKCS#8); required for {@code sign-in=local}. */
    Optional<String> signingKeyLocation();

    /**
     * The key the services verify local tokens with (PEM): the console checks a local session's token with the same key.
     * With {@code sign-in=oidc} the provider's published keys are used instead.
     */
    Optional<String> publicKeyLocation();

    @WithDefault("https://kam.local/issuer")
    String issuer();

    @WithDefault("kam")
    String audience();

    /** How long a local sign-in lasts. */
    @WithDefault("PT8H")
    Duration session();
}
