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

    /** Who signs people in: {@code local} (the platform's local key and a role chooser, for ./kam up). */
    @WithDefault("local")
    String signIn();

    /** The local key that signs the tokens of a local sign-in (PEM, PKCS#8); required for {@code sign-in=local}. */
    Optional<String> signingKeyLocation();

    /** The key the services verify tokens with (PEM): the console checks a session's token with the same key. */
    String publicKeyLocation();

    @WithDefault("https://kam.local/issuer")
    String issuer();

    @WithDefault("kam")
    String audience();

    /** How long a local sign-in lasts. */
    @WithDefault("PT8H")
    Duration session();
}
