package dev.kam.console.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A 303 to a page of the console, with the Location as given: a path stays a path. JAX-RS resolves a relative URI
 * handed to {@code Response.seeOther} against the request, whose Host the caller chooses, so a sign-in with
 * {@code Host: evil.example} had sent the browser to evil.example.
 */
final class Redirects {

    /** @param location a path of the console ({@code /portfolio}), or an absolute address the console chose (the provider's) */
    static Response.ResponseBuilder seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location);
    }

    private Redirects() {
    }
}
