package dev.kam.foundation.rest;

import dev.kam.foundation.config.KamConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code Location} of a created resource: a path on this service ({@code /api/v1/customers/<id>}, a relative
 * reference that clients resolve against the address they called), or an absolute URL under
 * {@code kam.http.public-url} when one is configured. Never built from the request's {@code Host} header, which the
 * caller chooses (and which an idempotent replay would hand to the next caller).
 */
@ApplicationScoped
public class Locations {

    private final String base;

    Locations(KamConfig config) {
        this.base = config.http().publicUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url).orElse("");
    }

    /** @param segments path segments under the service's root, such as {@code "api/v1/customers", id} */
    public String of(Object... segments) {
        return base + "/" + Arrays.stream(segments).map(String::valueOf).collect(Collectors.joining("/"));
    }
}
