package dev.kam.console.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInResourceTest {

    @Test
    void afterSignInOnlyAPathOfTheConsoleIsFollowed() {
        assertThat(SignInResource.safeNext("/accounts/42?asOf=x")).isEqualTo("/accounts/42?asOf=x");
        assertThat(SignInResource.safeNext("https://evil.example/")).isEqualTo("/portfolio");
        assertThat(SignInResource.safeNext("//evil.example/")).isEqualTo("/portfolio");
        assertThat(SignInResource.safeNext("/\\evil.example")).isEqualTo("/portfolio");
        assertThat(SignInResource.safeNext(null)).isEqualTo("/portfolio");
        assertThat(SignInResource.safeNext("/portfolio\r\nSet-Cookie: x=y")).as("a header split").isEqualTo("/portfolio");
        assertThat(SignInResource.safeNext("/a b")).isEqualTo("/portfolio");
        assertThat(SignInResource.safeNext("/accounts/%zz")).as("not a URI").isEqualTo("/portfolio");
    }

    @Test
    void aTokenLongerThanABrowserKeepsInACookieIsNoSession() {
        assertThat(Sessions.fitsInACookie("x".repeat(Sessions.MAX_TOKEN_CHARS))).isTrue();
        assertThat(Sessions.fitsInACookie("x".repeat(Sessions.MAX_TOKEN_CHARS + 1))).isFalse();
    }
}
